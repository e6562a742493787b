#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The main job: bases -> apply -> build -> boot on Xen -> hot-plug -> verdict,
# on one base, as a table.
#
#   scripts/main.sh [BASE]          CYCLES=N (default 5; step-down: 1 pass)
#
# First the users' guest: a PVHVM domU (an HVM guest with the Xen vector
# callback, under xl in a PV dom0), hot-plugged from inside and stepped
# down around the Xen cpuhp states.  Then PVH dom0 (the same bring-up
# path, xen_cpu_up_prepare_hvm) and PV dom0 (xen_cpu_up_prepare_pv).

. "$(dirname "$0")/lib.sh"

base=${1:-$XHP_DEFAULT_BASE}
check_base "$base"
cycles=${CYCLES:-5}
runs=${XHP_MAIN_RUNS:-"hvm:hotplug hvm:stepdown pvh:hotplug pv:hotplug"}

note "bases"
"$XHP_TOP/scripts/bases.sh" "$base"
rows=
ok=0
for run in $runs; do
	guest=${run%%:*} test=${run#*:}
	note "$base $guest $test: apply, build, boot on Xen, test"
	start=$SECONDS
	# One step-down pass is already some twenty round trips.
	n=$cycles
	[ "$test" = stepdown ] && n=1
	out=$("$XHP_TOP/scripts/xen-test.sh" "$base" "$guest" "$test" "$n" series) || ok=1
	echo "$out" >&2
	v=$(echo "$out" | head -n 1)
	log=${v##* }
	fails=$(grep -a -c '^not ok' "$log" 2>/dev/null || true)
	# The guest test counts the Xen per-CPU interrupt lines before and
	# after: "# Xen per-CPU lines before: N, after: M".
	leaked=$(grep -a -o 'Xen per-CPU lines before: [0-9]*, after: [0-9]*' "$log" 2>/dev/null |
		tail -n 1 | awk '{ sub(",", "", $5); print $7 - $5 }')
	reason=$(sed -n 2p <<<"$out" | sed 's/^ *//' | cut -c1-50)
	rows+=$(printf '%-5s %-6s %-9s %6s %6s %6s %6ss  %-7s %s' \
		"$guest" "$base" "$test" "$n" "${fails:-?}" "${leaked:--}" \
		$((SECONDS - start)) "${v%% *}" "$reason")$'\n'
done
echo
printf '%-5s %-6s %-9s %6s %6s %6s %7s  %-7s %s\n' \
	GUEST BASE TEST CYCLES FAILED LEAKED TIME VERDICT REASON
printf '%s' "$rows"
echo
echo "guests: hvm = PVHVM domU, pvh = PVH dom0, pv = PV dom0;" \
	"LEAKED = Xen per-CPU interrupt lines after minus before"
echo "logs: $XHP_CACHE/logs/"
exit $ok
