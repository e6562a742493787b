#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# No step may stay silent for long (issue 15): a newcomer watching
# "make" must see a sign of life at least every 30 s.  Run a command
# with every line it prints (stdout and stderr) stamped with the seconds
# since its start, keep that log, and judge the longest silence; or
# judge a log kept earlier.
#
#   scripts/gaps.sh [-m SECONDS] LOG CMD...    run CMD, stamp into LOG
#   scripts/gaps.sh [-m SECONDS] --judge LOG   a kept LOG
#
# LOG lines: "SECONDS TEXT", the last one "SECONDS exit STATUS", so that
# the silence before the end counts too.  Prints the longest gap and the
# line that ended it; exits 1 when a gap is longer than the limit
# (default 30 s), or when LOG has no exit line (a run cut short).  In
# the first form the exit status is CMD's when the gaps are within the
# limit.

. "$(dirname "$0")/lib.sh"

max=30
if [ "${1:-}" = -m ]; then
	max=${2:?usage: $0 [-m SECONDS] LOG CMD... | --judge LOG}
	shift 2
fi

# judge LOG: the longest gap, and whether it is within max.
judge() {
	awk -v max="$max" -v name="$1" '
	{ t = $1 + 0; if (t - prev > gap) { gap = t - prev; at = $0; from = prev }; prev = t }
	/^[0-9.]+ exit [0-9]+$/ { ended = 1 }
	END {
		if (!NR) { print name ": empty"; exit 1 }
		if (!ended) { print name ": no exit line (cut short?)"; exit 1 }
		printf "%s: longest silence %.1f s (limit %d s), from %.1f s to: %s\n", name, gap, max, from, substr(at, index(at, " ") + 1)
		exit gap > max
	}' "$1"
}

if [ "${1:-}" = --judge ]; then
	judge "${2:?usage: $0 [-m SECONDS] --judge LOG}"
	exit
fi

log=${1:?usage: $0 [-m SECONDS] LOG CMD...}
shift
[ $# -gt 0 ] || die "usage: $0 [-m SECONDS] LOG CMD..."
rm -f "$log.tmp"
t0=$EPOCHREALTIME
# elapsed: seconds since t0, one decimal.
elapsed() {
	awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'
}
# Each line is passed on as it came, and stamped into LOG.
{ "$@" 2>&1 || echo "exit $?"; } | while IFS= read -r line; do
	printf '%s\n' "$line"
	printf '%s %s\n' "$(elapsed)" "$line" >>"$log.tmp"
done
# A CMD that succeeded printed no "exit N" of its own: add "exit 0".
if ! tail -n 1 "$log.tmp" 2>/dev/null | grep -qE '^[0-9.]+ exit [0-9]+$'; then
	printf '%s exit 0\n' "$(elapsed)" >>"$log.tmp"
fi
mv "$log.tmp" "$log"
rc=$(tail -n 1 "$log" | awk '{ print $3 }')
judge "$log" >&2 || exit 1
exit "$rc"
