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
#          skips the fail-nth sweep); the guest sees xhp.test=TEST:PARTS.
#          TEST@2l boots with the 2-level event ABI (xen.fifo_events=0),
#          TEST@fifo with FIFO; by default FIFO, except for a test whose
#          scripts/guest/TEST.args says otherwise (faults: 2-level), which
#          TEST@ABI overrides.  A+B:PARTS+C@ABI runs the tests one after
#          the other in one boot (the PVHVM domU's boot is minutes under
#          TCG), each judged by its own rules; they must agree on the ABI.
# CYCLES   hot-plug cycles; default 5
# VARIANT  series (default), series:N (its first N patches), stable (its
#          patches tagged for stable), stock, v1,
#          or mutant:NAME (see apply.sh)
#
# KERNEL_ARGS  more arguments for the tested kernel (not xhp.test=,
#          xhp.cycles= or xhp.resume=: the harness's own)
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
cycles=${4:-5}
variant=${5:-series}
shift $(($# < 5 ? $# : 5))
check_base "$base"
# The tests of the boot: NAME or NAME:PARTS each.
IFS=+ read -r -a elems <<<"$spec"
[ "${#elems[@]}" -gt 0 ] && [[ $spec != *+ ]] || die "TEST: a test name, or several joined by +; got '$spec'"
tests=() allowf= warnf= targs=() abis=
for e in "${elems[@]}"; do
	t=${e%%:*} p=
	[ "$e" = "$t" ] || p=${e#*:}
	[ -n "$t" ] && [ -x "$XHP_TOP/scripts/guest/$t.sh" ] ||
		die "no in-guest test '$t'; have: $(cd "$XHP_TOP/scripts/guest" && ls *.sh | grep -v '^lib' | sed 's/\.sh$//' | tr '\n' ' ')"
	[ "$e" = "$t" ] || [[ $p =~ ^[1-9]+$ ]] ||
		die "TEST:PARTS takes digits, as in faults:234; got '$e'"
	# A test with parts lists them once, as "for part in NAME...": PARTS
	# names only parts that exist.  tparts: the parts this boot runs.
	nparts=$(awk '$1 == "for" && $2 == "part" && $3 == "in" {
		for (i = 4; i <= NF && $i !~ /;$/; i++);
		print i - 3; exit }' \
		"$XHP_TOP/scripts/guest/$t.sh")
	if [ -n "$p" ]; then
		[ -n "$nparts" ] || die "the test '$t' has no parts; drop ':$p'"
		[[ $p =~ ^[1-$nparts]+$ ]] || die "the test '$t' has parts 1 to $nparts; got '$p'"
	fi
	tparts=$p
	[ -n "$tparts" ] || [ -z "$nparts" ] || tparts=$(seq -s '' 1 "$nparts")
	tests+=("$t")
	# Its allowed blocks and the stock kernel's warning-level lines
	# (verdict.sh), "-" for none; its kernel arguments (scripts/guest/
	# TEST.args), whose event ABI must agree with the other tests'.
	tallow=$XHP_TOP/scripts/guest/$t.allow twarn=$XHP_TOP/scripts/guest/$t.warn
	[ -f "$tallow" ] || tallow=-
	[ -f "$twarn" ] || twarn=-
	allowf+=${allowf:+:}$tallow warnf+=${warnf:+:}$twarn
	ta=()
	[ -f "$XHP_TOP/scripts/guest/$t.args" ] && read -r -a ta <"$XHP_TOP/scripts/guest/$t.args"
	fe=xen.fifo_events=1
	for x in "${ta[@]}"; do
		case $x in
		xen.fifo_events=*) fe=$x ;;
		*) [[ " ${targs[*]} " == *" $x "* ]] || targs+=("$x") ;;
		esac
	done
	abis+=" $fe"
done
# TEST@ABI overrides the tests' own choice of event ABI (verdict.sh
# checks which one the kernel used); without it they must agree.
if [ -z "$abi" ]; then
	fe=$(echo $abis | tr ' ' '\n' | sort -u)
	[ "$(echo "$fe" | wc -l)" = 1 ] ||
		die "the tests of '$spec' ask for different event ABIs ($(echo $fe)); name one: $spec@2l or $spec@fifo"
	[ "$fe" = xen.fifo_events=1 ] || targs+=("$fe")
fi
case $abi in
2l) set -- "xen.fifo_events=0" "$@" ;;
fifo) set -- "xen.fifo_events=1" "$@" ;;
esac

# The harness's own arguments are not the caller's to give: a hand-given
# xhp.resume= would make the fault test skip work and pass.
for x in "$@"; do
	case $x in
	xhp.test=* | xhp.cycles=* | xhp.resume=*) die "KERNEL_ARGS: $x is the harness's own (TEST, CYCLES, and taking up after an emulation fault)" ;;
	esac
done
resumes=${XHP_EMU_RESUMES:-40}
[[ $resumes =~ ^[0-9]+$ ]] || die "XHP_EMU_RESUMES: a number of boots; got '$resumes'"

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

# The log's name: the tests as in TEST, with "-" for ":".
name=${XHP_LOG_PREFIX:-}$base-${variant/:/-}-$guest-${spec//:/-}${abi:+-$abi}
logdir=$XHP_CACHE/logs
log=$logdir/$name.log
mkdir -p "$logdir"
"$XHP_TOP/scripts/initramfs.sh" "$img" "$logdir/$name.cpio.gz"

# The hard timeout grows with the cycles (XHP_TIMEOUT overrides it): a
# cycle of the fault test (out of channels, the fail knob, fail_function)
# took 72 s in PV dom0, about 200 s in PVH dom0 and 185 s in the PVHVM
# domU here (each of the 7 out-of-channel attempts fills the domain's
# ports first), and 900 s cut a 10-cycle domU run short.
# Tests of one boot add up, and each after the first adds 300 s.
limit=$((900 - 300))
for t in "${tests[@]}"; do
	per=10
	[ "$guest" = hvm ] && per=50
	[ "$t" = faults ] && per=300
	[ "$t" = faults ] && [ "$guest" = hvm ] && per=400
	limit=$((limit + 300 + cycles * per))
done
export XHP_TIMEOUT=${XHP_TIMEOUT:-$limit}

# A mutant (or v1) that hangs a bring-up is caught by the hung-task detector: 60 s
# instead of 120 s ends such a run a minute or more sooner.  Runs of the
# series keep the default, which TCG's slowness never came near.
case $variant in
mutant:* | v1) set -- "$@" sysctl.kernel.hung_task_timeout_secs=60 ;;
esac

# A run that died of the emulation (emulation-fault.sh: a TCG triple
# fault in a PVH dom0 or the PVHVM domU, or QEMU itself killed by a
# crash signal) runs again, up to XHP_EMU_RETRIES times (default 2: a
# PVH dom0 FIFO row of make check died of it twice in a row in CI on
# 2026-12-04, once in three CI runs); each earlier log is kept as
# LOG.emulation-N and the verdict says so.  Any other
# failure stands.  A last run that died of the emulation fails, and its
# verdict says "emulation fault, not run again" (soak.sh counts on it).
#
# The fault test alone in a boot is taken up where the killed boot left
# off instead (faults.sh: its last "# xhp.resume=P.N..." line): the next
# boot gets xhp.resume= and the parts from P on.  A PVH dom0 here dies of
# the emulation about every three minutes of hot-plug, and ten cycles of
# the fault test take half an hour: from the start each time, it would
# not end.  A boot that got further does not count against
# XHP_EMU_RETRIES, up to XHP_EMU_RESUMES such boots (default 40); one
# that did not is a retry from the same place.  The run passes only if
# each of its parts passed in one of its boots ("ok P", not a skip).
retries=${XHP_EMU_RETRIES:-2} try=0 emu=
resumed=0 dead=0 resume= bootspec=$spec
# An earlier run's killed boots are not this run's.
rm -f "$log".emulation-*
allparts=
[ "${#tests[@]}" != 1 ] || [ "${tests[0]}" != faults ] || allparts=$tparts
# keep_dead N: the log of a killed boot, with its QEMU command and
# monitor answer, as LOG.emulation-N.
keep_dead() {
	local f
	for f in "" .cmd .monitor; do
		[ ! -f "$log$f" ] || mv "$log$f" "$log.emulation-$1$f"
	done
}
while :; do
	note "$name: booting Xen ($guest) under QEMU${resume:+, the fault test taken up at $resume}"
	boot_start=$SECONDS
	rc=0
	"$XHP_TOP/scripts/xen-boot.sh" "$guest" "$img/bzImage" "$logdir/$name.cpio.gz" "$log" \
		"xhp.test=$bootspec" "xhp.cycles=$cycles" ${resume:+"xhp.resume=$resume"} "${targs[@]}" "$@" || rc=$?
	verdict=$("$XHP_TOP/scripts/verdict.sh" "$log" "$rc" "$allowf" "$warnf") && ok=0 || ok=1
	why=
	[ $ok = 0 ] || why=$("$XHP_TOP/scripts/emulation-fault.sh" "$log" "$img/vmlinux" "$guest" "$allowf") || why=
	[ -n "$why" ] || break
	# (A line of Xen's or dom0's can cut the token's line in two: console.awk.)
	tok=
	[ -z "$allparts" ] ||
		tok=$(LC_ALL=C awk -f "$XHP_TOP/scripts/console.awk" "$log" |
			sed -n -E 's/^# xhp\.resume=([1-4](\.[0-9]+)+)$/\1/p' | tail -n 1)
	if [ -n "$tok" ] && [ "$tok" != "$resume" ] && [ $resumed -lt "$resumes" ]; then
		resumed=$((resumed + 1)) dead=$((dead + 1)) try=0
		keep_dead "$dead"
		emu+="  emulation fault, taken up at xhp.resume=$tok: $why; log $log.emulation-$dead"$'\n'
		note "$name: $why; taking the fault test up at $tok ($resumed of $resumes)"
		resume=$tok
		bootspec=faults:$(echo "$allparts" | grep -o . | awk -v p="${tok%%.*}" '$1 >= p' | tr -d '\n')
		continue
	fi
	if [ $try -ge "$retries" ]; then
		emu+="  emulation fault, not run again: $why"$'\n'
		break
	fi
	try=$((try + 1)) dead=$((dead + 1))
	keep_dead "$dead"
	emu+="  emulation fault, run again${resume:+ from xhp.resume=$resume}: $why; log $log.emulation-$dead"$'\n'
	note "$name: $why; running again ($try of $retries)"
done
# Taken up: each part passed in one of the boots, or the run fails.
if [ $resumed -gt 0 ] && [ $ok = 0 ]; then
	logs=("$log")
	for ((k = 1; k <= dead; k++)); do logs+=("$log.emulation-$k"); done
	for p in $(echo "$allparts" | grep -o .); do
		cat "${logs[@]}" | tr -d '\r' | grep -a -E "^ok $p " | grep -a -v -q '# SKIP' || {
			line=${verdict%%$'\n'*}
			verdict="FAIL the fault test's part $p passed in none of its $((dead + 1)) boots (the last: ${line#* })"
			ok=1
			break
		}
	done
fi
shown=$verdict
[ -z "$emu" ] || verdict+=$'\n'"${emu%$'\n'}"
echo "$verdict" >"$log.verdict"
printf '%s %-6s %-4s %-4s %-10s %-18s boot+test %4ss total %4ss  %s\n' \
	"${verdict%% *}" "$base" "$guest" "$cycles" "$spec" "$variant" \
	$((SECONDS - boot_start)) $((SECONDS - start)) "$log"
# The verdict's first 60 lines, and each killed boot's line after them.
echo "$shown" | sed -e '1s/^[A-Z]* /  /' -e '2,$s/^/  /' | head -n 60
[ -z "$emu" ] || echo "${emu%$'\n'}" | sed 's/^/  /'
exit $ok
