#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The main job: bases -> apply -> build -> boot on Xen -> hot-plug -> verdict,
# on one base, as a table.
#
#   scripts/main.sh [BASE]
#
# The guest is PVH dom0, which runs the PVHVM bring-up path
# (xen_cpu_up_prepare_hvm); PV dom0 runs the PV one.

. "$(dirname "$0")/lib.sh"

base=${1:-$XHP_DEFAULT_BASE}
check_base "$base"
cycles=${CYCLES:-5}

note "bases"
"$XHP_TOP/scripts/bases.sh" "$base"
rows=
ok=0
for run in "pvh hotplug" "pvh stepdown" "pv hotplug" "pv stepdown"; do
	set -- $run
	note "$base $1 $2: apply, build, boot on Xen, test"
	start=$SECONDS
	out=$("$XHP_TOP/scripts/xen-test.sh" "$base" "$1" "$2" "$cycles" series) || ok=1
	echo "$out" >&2
	v=$(echo "$out" | head -n 1)
	log=${v##* }
	fails=$(grep -a -c '^not ok' "$log" 2>/dev/null || true)
	rows+=$(printf '%-5s %-8s %-5s %-6s %-8s %6s %5ss  %s' "${v%% *}" "$2" "$1" "$base" "$cycles" "${fails:-?}" $((SECONDS - start)) "$(sed -n 2p <<<"$out" | sed 's/^ *//' | cut -c1-60)")$'\n'
done
echo
printf '%-5s %-8s %-5s %-6s %-8s %6s %6s  %s\n' VERDICT TEST GUEST BASE CYCLES FAILED TIME REASON
printf '%s' "$rows"
echo
echo "logs: $XHP_CACHE/logs/"
exit $ok
