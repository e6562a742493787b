#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make soak: many hot-plug cycles, per guest type and event ABI, for the
# figures of the cover letter (issue 13).
#
#   scripts/soak.sh [BASE] [HOTPLUGS] [GUEST[@ABI]...]
#
# HOTPLUGS  hot-plug cycles each soak must verify: one CPU offline, then
#           online, then its IPI lines there and its resched,
#           callfuncsingle and timer counts moving (hotplug.sh, under IPI
#           load; the concurrent writers' cycles are counted apart).
#           Default: 1000 on 6.12, 200 on 6.1.
# GUEST     pv, pvh or hvm; each on both event ABIs unless @fifo or @2l.
#           Default: all three.
#
# hotplug.sh verifies two cycles per hot-pluggable CPU and test cycle (in
# order, random order): 3 CPUs in dom0 (dom0_max_vcpus=4 in
# xen-boot.sh), XHP_DOMU_VCPUS - 1 in the domU.  A soak that verified
# fewer than HOTPLUGS fails, whatever its verdict.
#
# Under TCG a PVH dom0 or the domU now and then dies of the emulation
# under it (emulation-fault.sh), stock and series alike: about one
# bring-up in a hundred in a 6.12 PVH dom0 here.  A boot that dies so
# with a clean console up to the fault keeps the hot-plug cycles it
# verified up to then (the test prints its count after each of its
# cycles), and another boot does the rest, up to XHP_SOAK_EMU_MAX such
# deaths (default HOTPLUGS / 20).  Only the last boot ran the test's
# final checks (writers, load, the Xen lines before and after).
#
# A soak longer than a sitting can be done in parts: XHP_SOAK_PART=N
# has this sitting verify N more hot-plug cycles at most (boots that
# pass, each with the test's final checks), and a sitting that stops
# short of HOTPLUGS so, all its boots passed or killed by the emulation,
# is a PART row of its own figures.  The next soak of the same image,
# base, guest and ABI takes the PART rows that follow its last other row
# as done, and asks only for the rest; the row that ends it, PASS or
# FAIL, holds the totals over all its sittings, PARTS the PART rows
# among them.
#
# Each soak (guest and ABI) adds a row to
# Documentation/xen-hotplug-soak.txt: date, harness commit, kernel image
# id (the series' tree and config), base, guest, ABI, hot-plug cycles
# verified, the writers' attempts, "Dropping pending event" lines (all
# its boots), result, seconds, the boots the emulation killed, and the
# sittings before it (PARTS).  A soak already there with a pass for the
# same image, guest and ABI and at least HOTPLUGS cycles is not run
# again (XHP_SOAK_AGAIN=1 runs it), so that the guests and ABIs can be
# done over several sittings.  Hours here: see the README.
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
emu_max=${XHP_SOAK_EMU_MAX:-$((want / 20))}
[[ $emu_max =~ ^[0-9]+$ ]] || die "XHP_SOAK_EMU_MAX: a number of boots; got '$emu_max'"
part=${XHP_SOAK_PART:-}
[ -z "$part" ] || [[ $part =~ ^[1-9][0-9]*$ ]] ||
	die "XHP_SOAK_PART: the hot-plug cycles this sitting verifies at most, as in 400; got '$part'"
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
	# make soak (scripts/soak.sh): one soak a row, or one sitting of a soak
	# done in parts (PART), the hotplug test under IPI load.  VERIFIED:
	# hot-plug cycles (a CPU offline, then online) after which the CPU had
	# its IPI lines and took reschedule, function-call and timer interrupts;
	# WRITERS: cycles attempted by two concurrent writers; DROPPED:
	# "Dropping pending event" lines; EMU: boots the emulation under the
	# guest killed, whose verified cycles count (soak.sh; "-": a row from
	# before 2026-12-04 did not count them); PARTS: earlier sittings of the
	# soak, PART rows (XHP_SOAK_PART), whose figures a PASS or FAIL row adds
	# up ("-": a row from before 2026-12-05).
	# DATE       COMMIT       IMAGE                 BASE GUEST ABI  VERIFIED WRITERS DROPPED RESULT SECONDS EMU PARTS
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
	per=30
	[ "$guest" = hvm ] && per=60
	# Earlier sittings of this soak: the PART rows after the last other
	# row of the same image, base, guest and ABI.
	parts=0 done_v=0 done_w=0 done_d=0 done_s=0 done_e=0
	read -r parts done_v done_w done_d done_s done_e < <(awk -v i="$image" -v b="$base" -v g="$guest" -v a="$abi" '
		!/^#/ && $3 == i && $4 == b && $5 == g && $6 == a {
			if ($10 == "PART") { rows++; ver += $7; wri += $8; drop += $9; secs += $11; emu += $12 }
			else rows = ver = wri = drop = secs = emu = 0
		}
		END { print rows + 0, ver + 0, wri + 0, drop + 0, secs + 0, emu + 0 }' "$ledger")
	# This sitting's hot-plug cycles to verify.
	target=$((want - done_v))
	[ "$target" -gt 0 ] ||
		die "soak: $base $guest $abi: its $parts PART row(s) verified $done_v hot-plug cycles, HOTPLUGS is $want: ask for more than $done_v"
	[ -z "$part" ] || [ "$part" -ge "$target" ] || target=$part
	[ "$parts" = 0 ] ||
		note "soak: $base $guest $abi: $done_v hot-plug cycles verified in $parts earlier sitting(s) (PART rows); $target in this one"
	start=$SECONDS
	verified=0 writers=0 dropped=0 emu=0 result=
	while [ -z "$result" ]; do
		cycles=$(((target - verified + 2 * cpus - 1) / (2 * cpus)))
		note "soak: $base $guest $abi: $cycles cycles of the hotplug test, $((target - verified)) hot-plug cycles to verify"
		out=$(XHP_EMU_RETRIES=0 XHP_TIMEOUT=${XHP_TIMEOUT:-$((900 + cycles * per))} \
			"$xen_test" "$base" "$guest" "hotplug@$abi" "$cycles" series) || true
		line=$(echo "$out" | head -n 1)
		log=${line##* }
		result=${line%% *}
		got=0 tried=0
		if [ -f "$log" ]; then
			read -r got tried < <(sed -n -E \
				's/.*# hot-plug cycles: ([0-9]+) verified in order or random order, ([0-9]+) attempted .*/\1 \2/p' \
				"$log" | tail -n 1) || true
			dropped=$((dropped + $(grep -c 'Dropping pending event' "$log" || true)))
		fi
		: "${got:=0}" "${tried:=0}"
		writers=$((writers + tried))
		# A boot that did not get to the count: its cycles verified so far
		# (console.awk: a line of Xen's or dom0's can cut the count's line in two).
		[ "$got" != 0 ] || [ ! -f "$log" ] ||
			got=$(LC_ALL=C awk -f "$XHP_TOP/scripts/console.awk" "$log" |
				sed -n -E 's/.*# hot-plug cycles verified so far: ([0-9]+)$/\1/p' | tail -n 1)
		verified=$((verified + ${got:-0}))
		[ "$result" != PASS ] || break
		# A boot the emulation killed (xen-test.sh's verdict says so, and
		# emulation-fault.sh saw a clean console up to the fault): its
		# cycles count, its log is kept, and another boot does the rest.
		# Any other red boot ends the soak, a FAIL row.
		why=$(sed -n 's/^  emulation fault, not run again: //p' "$log.verdict" 2>/dev/null)
		[ -n "$why" ] || { result=FAIL; break; }
		emu=$((emu + 1))
		mv "$log" "$log.soak-emulation-$emu"
		mv "$log.verdict" "$log.soak-emulation-$emu.verdict"
		note "soak: $base $guest $abi: boot $emu died of the emulation after ${got:-0} verified hot-plug cycles ($why); $verified in all, log $log.soak-emulation-$emu"
		if [ $emu -gt "$emu_max" ]; then
			note "soak: $base $guest $abi: $emu boots died of the emulation (XHP_SOAK_EMU_MAX=$emu_max)"
			result=FAIL
		else
			result=
		fi
	done
	if [ "$result" = PASS ] && [ "$verified" -lt "$target" ]; then
		note "soak: $base $guest $abi: $verified hot-plug cycles verified, fewer than $target"
		result=FAIL
	fi
	[ "$result" = PASS ] || { result=FAIL; rc=1; }
	secs=$((SECONDS - start))
	if [ "$result" = PASS ] && [ $((done_v + verified)) -lt "$want" ]; then
		# A sitting of a soak in parts: its own figures.
		result=PART
		note "soak: $base $guest $abi: a sitting passed, $((done_v + verified)) of $want hot-plug cycles verified; run it again for the rest"
	else
		# The soak's end: the totals over its sittings.
		verified=$((done_v + verified)) writers=$((done_w + writers)) dropped=$((done_d + dropped))
		secs=$((done_s + secs)) emu=$((done_e + emu))
	fi
	printf '%s %s %-21s %-4s %-5s %-4s %8s %7s %7s %-6s %7s %3s %5s\n' "$(date -u +%F)" "$commit" "$image" \
		"$base" "$guest" "$abi" "$verified" "$writers" "$dropped" "$result" "$secs" "$emu" "$parts" |
		tee -a "$ledger"
	[ "$result" != FAIL ] || echo "$out"
done
exit $rc
