#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# One run of the pipeline: apply -> build -> initramfs -> boot on Xen -> verdict.
#
#   scripts/xen-test.sh BASE GUEST [TEST] [CYCLES] [VARIANT] [KERNEL_ARGS...]
#
# BASE     6.1 or 6.12
# GUEST    pv (PV dom0), pvh (PVH dom0) or hvm (PVHVM domU, PV dom0)
# TEST     a script of scripts/guest/ (hotplug, stepdown, ...); default hotplug
# CYCLES   hot-plug cycles; default 5
# VARIANT  series (default), stock, or mutant:NAME (see apply.sh)
#
# Prints one line: PASS|FAIL, what ran, how long, the reason, the log.
# Exit status 0 on PASS.

. "$(dirname "$0")/lib.sh"

base=${1:-}
guest=${2:-}
[ -n "$guest" ] || die "usage: $0 BASE pv|pvh|hvm [TEST] [CYCLES] [VARIANT]"
test=${3:-hotplug}
cycles=${4:-5}
variant=${5:-series}
shift $(($# < 5 ? $# : 5))
check_base "$base"
[ -x "$XHP_TOP/scripts/guest/$test.sh" ] ||
	die "no in-guest test '$test'; have: $(cd "$XHP_TOP/scripts/guest" && ls *.sh | grep -v '^lib' | sed 's/\.sh$//' | tr '\n' ' ')"

start=$SECONDS
"$XHP_TOP/scripts/apply.sh" "$base" "$variant" >&2
img=$("$XHP_TOP/scripts/build.sh" "$base")

name=$base-${variant/:/-}-$guest-$test
logdir=$XHP_CACHE/logs
log=$logdir/$name.log
mkdir -p "$logdir"
"$XHP_TOP/scripts/initramfs.sh" "$img" "$logdir/$name.cpio.gz"

# emulation_fault LOG: the run died of the emulation under the guest, not
# of the guest.  Under TCG Xen traps and emulates every RDTSC of a PVH
# dom0 (qemu64 has no invariant TSC; the HVM domU avoids it with
# tsc_mode="native", dom0 has no such knob), and a PVH dom0 vCPU now and
# then triple-faults on the instruction right after an emulated RDTSC:
# an ordinary instruction, interrupts off, on a vCPU whose IDT was
# handling interrupts a moment before.  Seen in about 1 of 25 step-downs
# that kill a CPU and keep its channels, never on PV dom0, never on the
# PVHVM domU.  Prints the evidence when the dumped RIP follows an RDTSC
# in this vmlinux.
emulation_fault() {
	local rip prev
	rip=$(tr -d '\r' <"$1" | grep -a -A 4 '^(XEN) d[0-9]*v[0-9]* Triple fault' |
		sed -n 's/^(XEN) RIP: *[0-9a-f]*:\[<\([0-9a-f]*\)>\].*/\1/p' | head -n 1)
	[ -n "$rip" ] && [ -f "$img/vmlinux" ] || return 1
	prev=$(objdump -d --start-address="$(printf '0x%x' $((0x$rip - 2)))" \
		--stop-address="0x$rip" "$img/vmlinux" | grep -E '^ *[0-9a-f]+:' | tail -n 1)
	case $prev in
	*rdtsc*) echo "triple fault right after an emulated RDTSC (RIP $rip in $(addr2line -f -e "$img/vmlinux" "0x$rip" | head -n 1))" ;;
	*) return 1 ;;
	esac
}

# A test may need kernel arguments: scripts/guest/TEST.args.
args=()
[ -f "$XHP_TOP/scripts/guest/$test.args" ] && read -r -a args <"$XHP_TOP/scripts/guest/$test.args"
allowf=$XHP_TOP/scripts/guest/$test.allow
[ -f "$allowf" ] || allowf=
# A run that died of the emulation (above) runs again, XHP_EMU_RETRIES
# times (default 1); the first log is kept as LOG.emulation-N and the
# verdict says so.  Any other failure stands.
retries=${XHP_EMU_RETRIES:-1} try=0 emu=
while :; do
	note "$name: booting Xen ($guest) under QEMU"
	boot_start=$SECONDS
	rc=0
	"$XHP_TOP/scripts/xen-boot.sh" "$guest" "$img/bzImage" "$logdir/$name.cpio.gz" "$log" \
		"xhp.test=$test" "xhp.cycles=$cycles" "${args[@]}" "$@" || rc=$?
	verdict=$("$XHP_TOP/scripts/verdict.sh" "$log" "$rc" $allowf) && ok=0 || ok=1
	[ $ok = 1 ] && [ $try -lt "$retries" ] && why=$(emulation_fault "$log") || break
	try=$((try + 1))
	mv "$log" "$log.emulation-$try"
	emu+="  emulation fault, run again: $why; log $log.emulation-$try"$'\n'
	note "$name: $why; running again ($try of $retries)"
done
[ -z "$emu" ] || verdict+=$'\n'"${emu%$'\n'}"
echo "$verdict" >"$log.verdict"
printf '%s %-6s %-4s %-4s %-10s %-18s boot+test %4ss total %4ss  %s\n' \
	"${verdict%% *}" "$base" "$guest" "$cycles" "$test" "$variant" \
	$((SECONDS - boot_start)) $((SECONDS - start)) "$log"
echo "$verdict" | sed -e '1s/^[A-Z]* /  /' -e '2,$s/^/  /' | head -n 60
exit $ok
