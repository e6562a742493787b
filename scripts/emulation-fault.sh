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
# Once the dump even showed the guest vCPU at Xen's own code segment and
# RIP (cs e008, RIP and CR2 in Xen's text, CONTEXT "hvm guest"): the
# world switch itself was lost.
#
# Exactly these two are recognised in Xen's triple-fault dump: a RIP
# right after an RDTSC in VMLINUX, or Xen's code segment in a guest's
# context.  Prints the evidence and exits 0; exits 1 for anything else.

log=${1:?usage: $0 LOG VMLINUX}
vmlinux=${2:?usage: $0 LOG VMLINUX}
[ -f "$log" ] && [ -f "$vmlinux" ] || exit 1

dump=$(tr -d '\r' <"$log" | grep -a -A 8 '^(XEN) d[0-9]*v[0-9]* Triple fault')
rip=$(echo "$dump" | sed -n 's/^(XEN) RIP: *[0-9a-f]*:\[<\([0-9a-f]*\)>\].*/\1/p' | head -n 1)
[ -n "$rip" ] || exit 1
if echo "$dump" | grep -q '^(XEN) RIP: *e008:' &&
	echo "$dump" | grep -q 'CONTEXT: hvm guest'; then
	echo "triple fault of a guest vCPU dumped with Xen's code segment (RIP $rip)"
	exit 0
fi
prev=$(objdump -d --start-address="$(printf '0x%x' $((0x$rip - 2)))" \
	--stop-address="0x$rip" "$vmlinux" | grep -E '^ *[0-9a-f]+:' | tail -n 1)
case $prev in
*rdtsc*) ;;
*) exit 1 ;;
esac
fn=$(addr2line -f -e "$vmlinux" "0x$rip" | head -n 1)
echo "triple fault right after an emulated RDTSC (RIP $rip in $fn)"
