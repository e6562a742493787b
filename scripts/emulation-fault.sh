#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Did a red run die of the emulation under the guest rather than of the
# guest?  Used by xen-test.sh to run such a run again, once.
#
#   scripts/emulation-fault.sh LOG VMLINUX
#
# Under TCG, Xen traps and emulates every RDTSC of a PVH dom0 (qemu64 has
# no invariant TSC; the HVM domU avoids it with tsc_mode="native", dom0
# has no such knob).  Now and then a PVH dom0 vCPU then triple-faults on
# the instruction right after an emulated RDTSC: an ordinary instruction,
# interrupts off, on a vCPU whose IDT was taking interrupts a moment
# before.  A guest cannot do that to itself.
#
# Exactly that is recognised: Xen's triple-fault dump, whose RIP follows
# an RDTSC in VMLINUX.  Prints the evidence and exits 0; exits 1 for
# anything else.

log=${1:?usage: $0 LOG VMLINUX}
vmlinux=${2:?usage: $0 LOG VMLINUX}
[ -f "$log" ] && [ -f "$vmlinux" ] || exit 1

rip=$(tr -d '\r' <"$log" | grep -a -A 8 '^(XEN) d[0-9]*v[0-9]* Triple fault' |
	sed -n 's/^(XEN) RIP: *[0-9a-f]*:\[<\([0-9a-f]*\)>\].*/\1/p' | head -n 1)
[ -n "$rip" ] || exit 1
prev=$(objdump -d --start-address="$(printf '0x%x' $((0x$rip - 2)))" \
	--stop-address="0x$rip" "$vmlinux" | grep -E '^ *[0-9a-f]+:' | tail -n 1)
case $prev in
*rdtsc*) ;;
*) exit 1 ;;
esac
fn=$(addr2line -f -e "$vmlinux" "0x$rip" | head -n 1)
echo "triple fault right after an emulated RDTSC (RIP $rip in $fn)"
