#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run a scenario table (scripts/scenarios/NAME) and report in TAP.
#
#   scripts/xen-scenarios.sh [NAME|FILE]   default: check
#
# XHP_XEN_TEST replaces scripts/xen-test.sh (the self-test's stub).
#
# Each line of the table is one xen-test.sh run and an expected verdict;
# an expected failure may name its reason, a regex that the verdict must
# contain (a red run for another reason is not the red we expect).
# A run whose verdict differs from the expectation is "not ok".  Runs of
# one base share its worktree, so they run one after the other.
# The last line is "N passed, N failed".

. "$(dirname "$0")/lib.sh"

table=${1:-check}
case $table in */*) ;; *) table=$XHP_TOP/scripts/scenarios/$table ;; esac
[ -f "$table" ] || die "no scenario table $table"
xen_test=${XHP_XEN_TEST:-$XHP_TOP/scripts/xen-test.sh}

table_rows=$(rows "$table")
echo "TAP version 13"
echo "1..$(echo "$table_rows" | wc -l)"
n=0 pass=0 fail=0 caught= emu=0 taken=0 times=
while read -r base guest test cycles variant expect reason; do
	n=$((n + 1))
	desc="$base $guest $test x$cycles $variant: expect $expect"
	t0=$SECONDS
	# Its notes (stderr: apply, build, boot phase every 25 s) go on as
	# they come; its stdout is the verdict.
	out=$("$xen_test" "$base" "$guest" "$test" "$cycles" "$variant" </dev/null) && got=pass || got=fail
	verdict=$(echo "$out" | grep -E '^(PASS|FAIL) ' | tail -n 1)
	# The verdict's evidence: its reason (the line after the verdict) and
	# its console: and ktap: lines; not the console tail of a hang, where
	# anything the guest printed would match.
	evidence=$(echo "$out" | awk '/^(PASS|FAIL) / { r = NR + 1 } NR == r || /^  (console|ktap):/')
	if [ -z "$verdict" ]; then
		# The pipeline failed before a verdict (apply, build): never expected.
		got=error
	elif [ "$got" = fail ] && [ -n "$reason" ] && ! echo "$evidence" | grep -qE -- "$reason"; then
		got="fail, but not with '$reason'"
	fi
	[ -z "$reason" ] || desc="$desc ($reason)"
	times+="$((SECONDS - t0)) $n $base $guest $test x$cycles $variant"$'\n'
	if [ "$got" = "$expect" ]; then
		pass=$((pass + 1))
		echo "ok $n - $desc"
	else
		fail=$((fail + 1))
		echo "not ok $n - $desc, got $got"
	fi
	echo "$out" | grep -v '^\[' | sed 's/^/# /'
	# (grep -c exits 1 on a count of 0: that must not end the loop.)
	e=$(echo "$out" | grep -c 'emulation fault, run again' || true)
	emu=$((emu + e))
	e=$(echo "$out" | grep -c 'emulation fault, taken up at' || true)
	taken=$((taken + e))
	# For the summary of red runs: what caught it, and the console line.
	if [ "$expect" = fail ]; then
		line=$(echo "$evidence" | grep -m1 -E -- "${reason:-console:|ktap:}" | sed -e 's/^ *//' -e 's/^console:[0-9]*://' -e 's/^\[ *[0-9.]*\] //' | cut -c1-90)
		caught+=$(printf '# %-22s %-5s %-4s %-9s %-6s %s' "$variant" "$base" "$guest" "$test" \
			"$([ "$got" = fail ] && echo yes || echo NO)" "$line")$'\n'
	fi
done <<<"$table_rows"
if [ -n "${caught:-}" ]; then
	echo "# Runs that must be red (mutants and stock):"
	printf '# %-22s %-5s %-4s %-9s %-6s %s\n' VARIANT BASE VM TEST CAUGHT "HOW (console)"
	printf '%s' "$caught"
fi
[ "$emu" = 0 ] || echo "# runs repeated after an emulation fault (xen-test.sh): $emu"
[ "$taken" = 0 ] || echo "# fault tests taken up after an emulation fault (xen-test.sh): $taken"
echo "# $SECONDS s in all; the slowest runs:"
printf '%s' "$times" | sort -rn | head -n 5 | awk '{ t = $1; $1 = ""; printf "#   %5d s  row%s\n", t, $0 }'
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
