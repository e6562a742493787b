#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# One run of the pipeline: apply -> build -> initramfs -> boot on Xen -> verdict.
#
#   scripts/xen-test.sh BASE GUEST [TEST] [CYCLES] [VARIANT] [KERNEL_ARGS...]
#
# BASE     6.1 or 6.12
# GUEST    pv (PV dom0), pvh (PVH dom0) or hvm (PVHVM domU, PV dom0)
# TEST     a script of scripts/guest/ (hotplug, stepdown, ...); default hotplug.
#          TEST:PARTS runs some parts of a test that has them (faults:234
#          skips the fail-nth sweep); the guest sees xhp.parts=PARTS.
#          TEST@2l boots with the 2-level event ABI (xen.fifo_events=0),
#          TEST@fifo with FIFO; by default FIFO, except for a test whose
#          scripts/guest/TEST.args says otherwise (faults: 2-level), which
#          TEST@ABI overrides.
# CYCLES   hot-plug cycles; default 5
# VARIANT  series (default), stock, or mutant:NAME (see apply.sh)
#
# Prints one line: PASS|FAIL, what ran, how long, the reason, the log.
# Exit status 0 on PASS.

. "$(dirname "$0")/lib.sh"

base=${1:-}
guest=${2:-}
[ -n "$guest" ] || die "usage: $0 BASE pv|pvh|hvm [TEST] [CYCLES] [VARIANT]"
spec=${3:-hotplug}
abi=
case $spec in
*@2l) abi=2l spec=${spec%@2l} ;;
*@fifo) abi=fifo spec=${spec%@fifo} ;;
*@*) die "TEST@ABI takes 2l or fifo, as in stepdown@2l; got '$spec'" ;;
esac
test=${spec%%:*}
parts=
[ "$spec" = "$test" ] || parts=${spec#*:}
cycles=${4:-5}
variant=${5:-series}
shift $(($# < 5 ? $# : 5))
check_base "$base"
[ "$spec" = "$test" ] || [[ $parts =~ ^[1-9]+$ ]] ||
	die "TEST:PARTS takes digits, as in faults:234; got '$spec'"
[ -z "$parts" ] || set -- "xhp.parts=$parts" "$@"
case $abi in
2l) set -- "xen.fifo_events=0" "$@" ;;
fifo) set -- "xen.fifo_events=1" "$@" ;;
esac
[ -x "$XHP_TOP/scripts/guest/$test.sh" ] ||
	die "no in-guest test '$test'; have: $(cd "$XHP_TOP/scripts/guest" && ls *.sh | grep -v '^lib' | sed 's/\.sh$//' | tr '\n' ' ')"
# A test with parts lists them once, as "for part in NAME...": PARTS
# names only parts that exist.
if [ -n "$parts" ]; then
	nparts=$(awk '$1 == "for" && $2 == "part" && $3 == "in" {
		for (i = 4; i <= NF && $i !~ /;$/; i++);
		print i - 3; exit }' \
		"$XHP_TOP/scripts/guest/$test.sh")
	[ -n "$nparts" ] || die "the test '$test' has no parts; drop ':$parts'"
	[[ $parts =~ ^[1-$nparts]+$ ]] || die "the test '$test' has parts 1 to $nparts; got '$parts'"
fi

start=$SECONDS
# XHP_IMAGE: a kernel built elsewhere (verify.sh: the user's tree), with
# XHP_LOG_PREFIX in front of its log names.
if [ -n "${XHP_IMAGE:-}" ]; then
	[ -f "$XHP_IMAGE/bzImage" ] || die "XHP_IMAGE=$XHP_IMAGE holds no bzImage"
	img=$XHP_IMAGE
else
	"$XHP_TOP/scripts/apply.sh" "$base" "$variant" >&2
	img=$("$XHP_TOP/scripts/build.sh" "$base")
fi

name=${XHP_LOG_PREFIX:-}$base-${variant/:/-}-$guest-$test${parts:+-$parts}${abi:+-$abi}
logdir=$XHP_CACHE/logs
log=$logdir/$name.log
mkdir -p "$logdir"
"$XHP_TOP/scripts/initramfs.sh" "$img" "$logdir/$name.cpio.gz"

# The hard timeout grows with the cycles (XHP_TIMEOUT overrides it): a
# cycle of the fault test (out of channels, the fail knob, fail_function)
# took 72 s in PV dom0, about 200 s in PVH dom0 and 185 s in the PVHVM
# domU here (each of the 7 out-of-channel attempts fills the domain's
# ports first), and 900 s cut a 10-cycle domU run short.
per=10
[ "$guest" = hvm ] && per=50
[ "$test" = faults ] && per=300
[ "$test" = faults ] && [ "$guest" = hvm ] && per=400
export XHP_TIMEOUT=${XHP_TIMEOUT:-$((900 + cycles * per))}

# A mutant (or v1) that hangs a bring-up is caught by the hung-task detector: 60 s
# instead of 120 s ends such a run a minute or more sooner.  Runs of the
# series keep the default, which TCG's slowness never came near.
case $variant in
mutant:* | v1) set -- "$@" sysctl.kernel.hung_task_timeout_secs=60 ;;
esac

# A test may need kernel arguments: scripts/guest/TEST.args.
args=()
[ -f "$XHP_TOP/scripts/guest/$test.args" ] && read -r -a args <"$XHP_TOP/scripts/guest/$test.args"
# TEST@ABI overrides the test's own choice of event ABI (verdict.sh
# checks which one the kernel used).
if [ -n "$abi" ]; then
	for i in "${!args[@]}"; do
		[[ ${args[$i]} == xen.fifo_events=* ]] && unset "args[$i]"
	done
fi
allowf=$XHP_TOP/scripts/guest/$test.allow
[ -f "$allowf" ] || allowf=-
# The warning-level lines the stock kernel prints in the test (verdict.sh).
warnf=$XHP_TOP/scripts/guest/$test.warn
[ -f "$warnf" ] || warnf=-
# A run that died of the emulation (emulation-fault.sh: a TCG triple
# fault in a PVH dom0, or QEMU itself killed by a crash signal) runs again,
# XHP_EMU_RETRIES times (default 1); the first log is kept as
# LOG.emulation-N and the verdict says so.  Any other failure stands.
retries=${XHP_EMU_RETRIES:-1} try=0 emu=
while :; do
	note "$name: booting Xen ($guest) under QEMU"
	boot_start=$SECONDS
	rc=0
	"$XHP_TOP/scripts/xen-boot.sh" "$guest" "$img/bzImage" "$logdir/$name.cpio.gz" "$log" \
		"xhp.test=$test" "xhp.cycles=$cycles" "${args[@]}" "$@" || rc=$?
	verdict=$("$XHP_TOP/scripts/verdict.sh" "$log" "$rc" "$allowf" "$warnf") && ok=0 || ok=1
	[ $ok = 1 ] && [ $try -lt "$retries" ] && why=$("$XHP_TOP/scripts/emulation-fault.sh" "$log" "$img/vmlinux" "$guest" "$allowf") || break
	try=$((try + 1))
	mv "$log" "$log.emulation-$try"
	emu+="  emulation fault, run again: $why; log $log.emulation-$try"$'\n'
	note "$name: $why; running again ($try of $retries)"
done
[ -z "$emu" ] || verdict+=$'\n'"${emu%$'\n'}"
echo "$verdict" >"$log.verdict"
printf '%s %-6s %-4s %-4s %-10s %-18s boot+test %4ss total %4ss  %s\n' \
	"${verdict%% *}" "$base" "$guest" "$cycles" "$spec" "$variant" \
	$((SECONDS - boot_start)) $((SECONDS - start)) "$log"
echo "$verdict" | sed -e '1s/^[A-Z]* /  /' -e '2,$s/^/  /' | head -n 60
exit $ok
