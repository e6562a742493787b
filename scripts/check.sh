#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Everything CI runs, as one TAP stream.  Suites, cheapest first:
#
#   selftest verdict   verdict.sh on kept consoles (seconds)
#   selftest emulation emulation-fault.sh on kept consoles (seconds)
#   selftest deps      every command the scripts call is in deps.list
#   selftest guest     the in-guest tests' rules on fixtures
#   selftest check     check.sh on suites that die or fall short
#   selftest model     model.sh on rows it must judge not ok
#   selftest scenarios xen-scenarios.sh on kept xen-test.sh outputs
#   selftest kdir      make apply KDIR= on bad user trees (seconds)
#   selftest gaps      gaps.sh on silences, and the kept logs of real runs
#   selftest soak      soak.sh on a stub: counts, refusals, the ledger
#   selftest boot      xen-boot.sh on a stub QEMU: Xen's dump on a stall
#                      or a silent hang
#   model              the SPIN model, every variant (minutes)
#   lint               checkpatch, git am, per-patch build, sparse/W=1
#   selftest lint      lint.sh must fail each deliberately broken series
#   xen-scenarios      the Xen runs of scripts/scenarios/check
#
# Each suite's own TAP lines are renumbered into one plan; everything else
# it prints becomes a "#" comment.  A suite that exits non-zero, prints no
# plan, runs fewer or more tests than its plan, or does not exist adds a
# "not ok" of its own.  The last line is "N passed, N failed".
#
#   scripts/check.sh [SUITE...]     default: all, in the order above
#
# XHP_SUITES: the folder of the suites' scripts (default scripts/; the
# self-test points it at scripts/tests/check/).

. "$(dirname "$0")/lib.sh"

# A copy goes to the cache, for make bench (the time of each suite):
# logs/check.log for all suites, logs/check-SUITE.log for a part, so that
# make faults or one suite run by hand leaves the full check's log alone.
log=check.log
[ $# -eq 0 ] || log=check-$(echo "$*" | tr -c 'a-z0-9\n' -).log
[ $# -gt 0 ] || set -- "selftest verdict" "selftest emulation" "selftest deps" "selftest guest" "selftest check" "selftest model" "selftest scenarios" "selftest kdir" "selftest gaps" "selftest soak" "selftest boot" model "lint --no-matrix" "selftest lint" "xen-scenarios check"

mkdir -p "$XHP_CACHE/logs"
exec > >(tee "$XHP_CACHE/logs/$log")
tee_pid=$!
echo "TAP version 13"
echo "# started $(date -u '+%F %T') UTC, $(nproc) CPUs"
counts=$(mktemp)
trap 'rm -f "$counts"' EXIT
echo "0 0" >"$counts"
suites=${XHP_SUITES:-$XHP_TOP/scripts}
for suite in "$@"; do
	echo "# suite: $suite"
	start=$SECONDS
	script=$suites/${suite%% *}.sh
	if ! [ -x "$script" ]; then
		read -r p q <"$counts"
		q=$((q + 1))
		echo "not ok $((p + q)) - suite '$suite': no script $script"
		echo "$p $q" >"$counts"
		continue
	fi
	# Line by line as it comes (mawk would read the pipe in blocks).
	# shellcheck disable=SC2086
	"$script" ${suite#"${suite%% *}"} 2>&1 </dev/null | {
		read -r p q <"$counts"
		sp=0 sq=0 plan=
		while IFS= read -r line; do
			case $line in
			"ok "*) p=$((p + 1)) sp=$((sp + 1)); echo "ok $((p + q)) ${line#ok [0-9]* }" ;;
			"not ok "*) q=$((q + 1)) sq=$((sq + 1)); echo "not ok $((p + q)) ${line#not ok [0-9]* }" ;;
			1..[0-9]*) plan=${line#1..}; plan=${plan%% *} ;;
			"TAP version"* | [0-9]*" passed, "[0-9]*" failed") ;;
			*) echo "# $line" ;;
			esac
		done
		echo "$p $q $sp $sq ${plan:--}" >"$counts"
	}
	rc=${PIPESTATUS[0]}
	read -r p q sp sq plan <"$counts"
	# The suite as a whole: it ran, finished, and kept to its plan.
	why=
	if [ "$plan" = - ]; then
		why="printed no plan (1..N)"
	elif [ "$plan" != $((sp + sq)) ]; then
		why="ran $((sp + sq)) of its plan of $plan"
	elif [ "$plan" = 0 ]; then
		why="ran no test"
	fi
	[ "$rc" = 0 ] || [ "$sq" -gt 0 ] || why="${why:+$why, }exited $rc with nothing not ok"
	if [ -n "$why" ]; then
		q=$((q + 1))
		echo "not ok $((p + q)) - suite '$suite' $why"
	fi
	echo "$p $q" >"$counts"
	echo "# suite: $suite: $((SECONDS - start)) s"
done
read -r pass fail <"$counts"
echo "1..$((pass + fail))"
echo "# total: $SECONDS s"
echo "$pass passed, $fail failed"
# Let tee finish before this script ends, so the summary is the last line.
exec >&-
wait "$tee_pid"
[ "$fail" = 0 ]
