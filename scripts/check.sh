#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Everything CI runs, as one TAP stream.  Suites, cheapest first:
#
#   selftest verdict   verdict.sh on kept consoles (seconds)
#   selftest emulation emulation-fault.sh on kept consoles (seconds)
#   selftest deps      every command the scripts call is in deps.list
#   model              the SPIN model, every variant (minutes)
#   lint               checkpatch, git am, per-patch build, sparse/W=1
#   selftest lint      lint.sh must fail each deliberately broken series
#   xen-scenarios      the Xen runs of scripts/scenarios/check
#
# Each suite's own TAP lines are renumbered into one plan; everything else
# it prints becomes a "#" comment.  The last line is "N passed, N failed".
#
#   scripts/check.sh [SUITE...]     default: all, in the order above

. "$(dirname "$0")/lib.sh"

# A copy goes to the cache, for make bench (the time of each suite):
# logs/check.log for all suites, logs/check-SUITE.log for a part, so that
# make faults or one suite run by hand leaves the full check's log alone.
log=check.log
[ $# -eq 0 ] || log=check-$(echo "$*" | tr -c 'a-z0-9\n' -).log
[ $# -gt 0 ] || set -- "selftest verdict" "selftest emulation" "selftest deps" model lint "selftest lint" "xen-scenarios check"

mkdir -p "$XHP_CACHE/logs"
exec > >(tee "$XHP_CACHE/logs/$log")
tee_pid=$!
echo "TAP version 13"
echo "# started $(date -u '+%F %T') UTC, $(nproc) CPUs"
counts=$(mktemp)
trap 'rm -f "$counts"' EXIT
echo "0 0" >"$counts"
for suite in "$@"; do
	echo "# suite: $suite"
	start=$SECONDS
	# Line by line as it comes (mawk would read the pipe in blocks).
	# shellcheck disable=SC2086
	"$XHP_TOP/scripts/${suite%% *}.sh" ${suite#"${suite%% *}"} 2>&1 </dev/null | {
		read -r p q <"$counts"
		while IFS= read -r line; do
			case $line in
			"ok "*) p=$((p + 1)); echo "ok $((p + q)) ${line#ok [0-9]* }" ;;
			"not ok "*) q=$((q + 1)); echo "not ok $((p + q)) ${line#not ok [0-9]* }" ;;
			"TAP version"* | 1..[0-9]* | [0-9]*" passed, "[0-9]*" failed") ;;
			*) echo "# $line" ;;
			esac
		done
		echo "$p $q" >"$counts"
	}
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
