#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Step 4b: boot Debian's Xen 4.17 under QEMU (TCG) with one dom0 kernel.
#
#   scripts/xen-boot.sh GUEST BZIMAGE INITRD LOG [KERNEL_ARGS...]
#
# GUEST is pv (PV dom0) or pvh (PVH dom0).  The exact QEMU command is
# written to LOG.cmd, the serial console (Xen and dom0) to LOG.  QEMU runs
# under a hard timeout (XHP_TIMEOUT seconds, default 900); a dom0 that
# panics or reboots ends the run (panic=-1 and -no-reboot).  Exit status:
# QEMU's, or 124 on timeout.
#
# No usable KVM is normal here: everything runs under TCG.  Xen needs
# -cpu qemu64,+npt: -cpu max and EPYC fault in PV and PVH dom0.
# XHP_ACCEL overrides the accelerator options (e.g. tcg,thread=single).

. "$(dirname "$0")/lib.sh"

guest=${1:-}
kernel=${2:-}
initrd=${3:-}
log=${4:-}
[ -n "$log" ] || die "usage: $0 pv|pvh BZIMAGE INITRD LOG [KERNEL_ARGS...]"
shift 4
need qemu-system-x86_64 qemu-system-x86
[ -f /boot/xen-4.17-amd64.gz ] || die "Xen not found; install it with: apt-get install xen-hypervisor-4.17-amd64"
[ -f "$kernel" ] || die "no kernel at $kernel"
[ -f "$initrd" ] || die "no initramfs at $initrd"

# QEMU's multiboot loader wants the ELF image, not the gzip.
xen=$XHP_CACHE/xen-4.17-amd64.elf
if [ ! -f "$xen" ] || [ /boot/xen-4.17-amd64.gz -nt "$xen" ]; then
	mkdir -p "$XHP_CACHE"
	zcat /boot/xen-4.17-amd64.gz >"$xen.tmp" && mv "$xen.tmp" "$xen"
fi

xen_args="console=com1 com1=115200,8n1 dom0_mem=1024M,max:1024M dom0_max_vcpus=4 loglvl=all guest_loglvl=all"
dev_args=()
case $guest in
pv) ;;
pvh)
	xen_args="$xen_args dom0=pvh"
	dev_args=(-device intel-iommu,intremap=on)
	;;
*) die "unknown GUEST '$guest'; use pv or pvh" ;;
esac
kargs="console=hvc0 earlyprintk=xen panic=-1 $*"

cmd=(timeout -k 10 "${XHP_TIMEOUT:-900}"
	qemu-system-x86_64 -accel "${XHP_ACCEL:-tcg}" -machine q35 -cpu qemu64,+npt -smp 4 -m 2048
	"${dev_args[@]}" -nographic -no-reboot -monitor none -serial stdio
	-kernel "$xen" -append "$xen_args"
	-initrd "$kernel $kargs,$initrd")

mkdir -p "$(dirname "$log")"
printf '%q ' "${cmd[@]}" >"$log.cmd"
echo >>"$log.cmd"
# The console is watched: once it shows the end marker, a panic, or a
# sign the guest will not recover from (a BUG, an Oops, a lockdep report,
# a hung task, an RCU stall, list corruption), QEMU has XHP_GRACE seconds
# to finish by itself (a panic inside a panic can leave dom0 spinning
# instead of rebooting), then it is stopped.  A red run thus ends in
# seconds instead of at the timeout; verdict.sh judges what was printed.
# WARNING does not end a run: a few are allowed (verdict.sh).
endings='^xhp: done rc=|Kernel panic - not syncing|kernel BUG at|Oops|'
endings+='possible (circular|recursive) locking|inconsistent lock state|'
endings+='INFO: task .* blocked for more than|rcu: INFO: .* stall|'
endings+='list_(add|del) corruption|Triple fault|Dom0 crashed'
"${cmd[@]}" </dev/null >"$log" 2>&1 &
qemu=$!
ended=
while kill -0 "$qemu" 2>/dev/null; do
	if [ -z "$ended" ] && grep -a -q -E "$endings" "$log"; then
		ended=$SECONDS
	fi
	if [ -n "$ended" ] && [ $((SECONDS - ended)) -ge "${XHP_GRACE:-15}" ]; then
		kill "$qemu" 2>/dev/null
		break
	fi
	sleep 1
done
rc=0
wait "$qemu" || rc=$?
# Stopped by us after the end: not a time-out.
[ -n "$ended" ] && [ "$rc" != 124 ] && rc=0
exit $rc
