#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make verify KDIR=DIR: the series on the user's own kernel tree, as the
# main job runs it on our bases: apply, build, boot on Xen, hot-plug,
# verdict table.
#
#   scripts/verify.sh KDIR [series|stock]
#
#   SERIES=DIR      the series to apply (default: the one of the tree's
#                   VERSION.PATCHLEVEL, patches/6.1 or patches/6.12)
#   KCONFIG=FILE    build FILE (e.g. the distro's .config) plus the test
#                   fragment, instead of allnoconfig plus the fragment
#   CYCLES=N        hot-plug cycles (default 3; step-down: one pass)
#   XHP_VERIFY_RUNS GUEST:TEST list (default: hot-plug, step-down and
#                   the fault test in the PVHVM domU, PVH and PV dom0)
#
# The tree is never changed: the build is made in a detached worktree of
# its HEAD (removed at the end), with the series on top unless the tree
# carries it already (found by subject, and said), and the harness's
# error-injection patch for the fault test.  stock builds HEAD as it is:
# there the step-down rows must be red (kernel BUG in events_base.c),
# the reproducer of what the series fixes.  Exit status 0 when every row
# is what it should be.

. "$(dirname "$0")/lib.sh"

kdir=${1:?usage: $0 KDIR [series|stock]}
variant=${2:-series}
[ -d "$kdir" ] || die "$kdir: no such directory"
kdir=$(cd "$kdir" && pwd)
cycles=${CYCLES:-3}
if [ "$variant" = stock ]; then
	runs=${XHP_VERIFY_RUNS:-"hvm:stepdown pvh:stepdown pv:stepdown"}
else
	runs=${XHP_VERIFY_RUNS:-"hvm:hotplug hvm:stepdown hvm:faults:24 pvh:hotplug pvh:stepdown pvh:faults:134 pv:hotplug pv:stepdown pv:faults:134"}
fi

name=kdir-$(basename "$kdir")-$variant
wt=$XHP_CACHE/verify/$name
mkdir -p "$XHP_CACHE/verify"
git -C "$kdir" worktree remove --force "$wt" >/dev/null 2>&1 || rm -rf "$wt"
git -C "$kdir" worktree prune
base=$("$XHP_TOP/scripts/apply.sh" --verify-tree "$kdir" "$wt" "$variant" ${SERIES:+"$SERIES"}) || exit 1
trap 'git -C "$kdir" worktree remove --force "$wt" >/dev/null 2>&1 || true' EXIT

commit=$(git -C "$kdir" rev-parse --short=12 HEAD)
version=$(make -s -C "$wt" kernelversion 2>/dev/null || echo "?")

# The step-down walks cpuN/hotplug/target through every state, which
# only CONFIG_CPU_HOTPLUG_STATE_CONTROL allows (the other rows need
# only online and the fail knob).  A tree without the option loses
# those rows, and says so.
if ! grep -qx 'config CPU_HOTPLUG_STATE_CONTROL' "$wt/lib/Kconfig.debug" 2>/dev/null; then
	# shellcheck disable=SC2086 # runs: a list of GUEST:TEST words
	skipped=$(printf '%s\n' $runs | grep ':stepdown' | paste -sd ' ')
	# shellcheck disable=SC2086
	runs=$(printf '%s\n' $runs | grep -v ':stepdown' | paste -sd ' ')
	note "Linux $version has no CONFIG_CPU_HOTPLUG_STATE_CONTROL (lib/Kconfig.debug): the step-down rows are skipped: ${skipped:-none}"
	[ -n "${runs// /}" ] || die "nothing left to run on $kdir without CONFIG_CPU_HOTPLUG_STATE_CONTROL (nothing was changed)"
	export XHP_NO_STATE_CONTROL=1
fi

"$XHP_TOP/scripts/bases.sh" >&2
note "$name: $kdir at $commit (Linux $version), $(git -C "$wt" rev-list --count "$commit..HEAD") patches on top; build"
img=$("$XHP_TOP/scripts/build.sh" --tree "$wt" "$name") || exit 1

rows="" ok=0
for run in $runs; do
	guest=${run%%:*} test=${run#*:}
	n=$cycles
	case $test in
	stepdown*) n=1 ;;
	faults*) n=1 ;;
	esac
	start=$SECONDS
	out=$(XHP_IMAGE=$img XHP_LOG_PREFIX=kdir-$(basename "$kdir")- "$XHP_TOP/scripts/xen-test.sh" "$base" "$guest" "$test" "$n" "$variant") && r=0 || r=1
	echo "$out" >&2
	reason=$(sed -n 2p <<<"$out" | sed 's/^ *//' | cut -c1-60)
	want=PASS
	if [ "$variant" = stock ] && [ "${test%%@*}" = stepdown ]; then
		want="FAIL kernel BUG at drivers/xen/events/events_base.c"
		# Red for the reason the series fixes, or the row is wrong.
		[ $r = 1 ] && grep -q 'kernel BUG at drivers/xen/events/events_base.c' <<<"$reason" && r=0 || r=1
	fi
	[ $r = 0 ] || ok=1
	rows+=$(printf '%-5s %-14s %6s %6ss  %-5s %-7s %s' "$guest" "$test" "$n" $((SECONDS - start)) \
		"$([ $r = 0 ] && echo ok || echo WRONG)" "$(head -n 1 <<<"$out" | cut -d' ' -f1)" "$reason")$'\n'
	[ "$want" = PASS ] || rows+="      (must be red: ${want#FAIL })"$'\n'
done

echo
echo "tree:    $kdir"
echo "commit:  $commit $(git -C "$kdir" log -1 --format=%s | cut -c1-60)"
echo "version: $version; series: ${SERIES:-patches/$base} ($variant)"
echo "config:  ${KCONFIG:-allnoconfig} + arch/x86/configs/xen_hotplug_test.config${XHP_NO_STATE_CONTROL:+ without CONFIG_CPU_HOTPLUG_STATE_CONTROL} ($img/config)"
echo
printf '%-5s %-14s %6s %7s  %-5s %-7s %s\n' GUEST TEST CYCLES TIME ROW VERDICT REASON
printf '%s' "$rows"
echo
echo "guests: hvm = PVHVM domU, pvh = PVH dom0, pv = PV dom0; logs: $XHP_CACHE/logs/kdir-$(basename "$kdir")-$base-$variant-*"
exit $ok
