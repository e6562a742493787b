#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make soak: many hot-plug cycles in one boot, per guest type and event
# ABI, for the figures of the cover letter (issue 13).
#
#   scripts/soak.sh [BASE] [HOTPLUGS] [GUEST[@ABI]...]
#
# HOTPLUGS  hot-plug cycles each boot must verify: one CPU offline, then
#           online, then its IPI lines there and its resched,
#           callfuncsingle and timer counts moving (hotplug.sh, under IPI
#           load; the concurrent writers' cycles are counted apart).
#           Default: 1000 on 6.12, 200 on 6.1.
# GUEST     pv, pvh or hvm; each on both event ABIs unless @fifo or @2l.
#           Default: all three.
#
# hotplug.sh verifies two cycles per hot-pluggable CPU and test cycle (in
# order, random order): 3 CPUs in dom0 (dom0_max_vcpus=4 in
# xen-boot.sh), XHP_DOMU_VCPUS - 1 in the domU.  A boot that verified
# fewer than HOTPLUGS fails, whatever its verdict.
#
# Each boot adds a row to Documentation/xen-hotplug-soak.txt: date,
# harness commit, kernel image id (the series' tree and config), base,
# guest, ABI, hot-plug cycles verified, the writers' attempts, "Dropping
# pending event" lines, result, seconds.  A boot already there with a
# pass for the same image, guest and ABI and at least HOTPLUGS cycles is
# not run again (XHP_SOAK_AGAIN=1 runs it), so that a soak can be done
# over several sittings.  Hours here: see the README.
#
# For the self-test: XHP_XEN_TEST replaces scripts/xen-test.sh,
# XHP_SOAK_IMAGE names the image (no apply, no build), XHP_SOAK_LEDGER
# the file of rows.

. "$(dirname "$0")/lib.sh"

base=${1:-$XHP_DEFAULT_BASE}
check_base "$base"
want=${2:-}
[ -n "$want" ] || { [ "$base" = 6.1 ] && want=200 || want=1000; }
[[ $want =~ ^[1-9][0-9]*$ ]] || die "HOTPLUGS: a number of hot-plug cycles, as in 1000; got '$want'"
shift $(($# < 2 ? $# : 2))
[ $# -gt 0 ] || set -- pv pvh hvm

runs=()
for g in "$@"; do
	case $g in
	pv | pvh | hvm) runs+=("$g@fifo" "$g@2l") ;;
	pv@fifo | pv@2l | pvh@fifo | pvh@2l | hvm@fifo | hvm@2l) runs+=("$g") ;;
	*) die "GUEST: pv, pvh or hvm, with @fifo or @2l or without; got '$g'" ;;
	esac
done

ledger=${XHP_SOAK_LEDGER:-$XHP_TOP/Documentation/xen-hotplug-soak.txt}
xen_test=${XHP_XEN_TEST:-$XHP_TOP/scripts/xen-test.sh}
[ -f "$ledger" ] || cat >"$ledger" <<-'EOF'
	# make soak (scripts/soak.sh): one boot a row, the hotplug test under
	# IPI load.  VERIFIED: hot-plug cycles (a CPU offline, then online)
	# after which the CPU had its IPI lines and took reschedule,
	# function-call and timer interrupts; WRITERS: cycles attempted by two
	# concurrent writers; DROPPED: "Dropping pending event" lines.
	# DATE       COMMIT       IMAGE                 BASE GUEST ABI  VERIFIED WRITERS DROPPED RESULT SECONDS
EOF

image=${XHP_SOAK_IMAGE:-}
if [ -z "$image" ]; then
	"$XHP_TOP/scripts/apply.sh" "$base" series >/dev/null || die "$base: the series does not apply"
	img=$("$XHP_TOP/scripts/build.sh" "$base") || die "$base: the build failed"
	image=$(basename "$img")
fi
commit=$(git -C "$XHP_TOP" rev-parse --short=12 HEAD)

rc=0
for r in "${runs[@]}"; do
	guest=${r%@*} abi=${r#*@}
	if [ -z "${XHP_SOAK_AGAIN:-}" ] &&
		awk -v i="$image" -v b="$base" -v g="$guest" -v a="$abi" -v w="$want" '
			$3 == i && $4 == b && $5 == g && $6 == a && $7 >= w && $10 == "PASS" { f = 1 }
			END { exit !f }' "$ledger"; then
		note "soak: $base $guest $abi: passed already with image $image (XHP_SOAK_AGAIN=1 runs it again)"
		continue
	fi
	cpus=3
	[ "$guest" = hvm ] && cpus=$((${XHP_DOMU_VCPUS:-2} - 1))
	cycles=$(((want + 2 * cpus - 1) / (2 * cpus)))
	per=30
	[ "$guest" = hvm ] && per=60
	note "soak: $base $guest $abi: $cycles cycles of the hotplug test, $want hot-plug cycles to verify"
	start=$SECONDS
	out=$(XHP_TIMEOUT=${XHP_TIMEOUT:-$((900 + cycles * per))} \
		"$xen_test" "$base" "$guest" "hotplug@$abi" "$cycles" series) || true
	line=$(echo "$out" | head -n 1)
	log=${line##* }
	result=${line%% *}
	verified=0 writers=0 dropped=-
	if [ -f "$log" ]; then
		read -r verified writers < <(sed -n -E \
			's/.*# hot-plug cycles: ([0-9]+) verified in order or random order, ([0-9]+) attempted .*/\1 \2/p' \
			"$log" | tail -n 1) || true
		dropped=$(grep -c 'Dropping pending event' "$log" || true)
	fi
	: "${verified:=0}" "${writers:=0}"
	if [ "$result" = PASS ] && [ "$verified" -lt "$want" ]; then
		note "soak: $base $guest $abi: $verified hot-plug cycles verified, fewer than $want"
		result=FAIL
	fi
	[ "$result" = PASS ] || { result=FAIL; rc=1; }
	printf '%s %s %-21s %-4s %-5s %-4s %8s %7s %7s %-6s %7s\n' "$(date -u +%F)" "$commit" "$image" \
		"$base" "$guest" "$abi" "$verified" "$writers" "$dropped" "$result" $((SECONDS - start)) |
		tee -a "$ledger"
	[ "$result" = PASS ] || echo "$out"
done
exit $rc
