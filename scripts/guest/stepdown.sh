#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# cpuhp step-down: step cpu1 down to a state between offline and online
# and back up to online, and from offline up to it and on to online, with
# IPI load running.  The CPU must end online with its Xen IPI lines, and
# nothing may leak.  XHP_SWEEP=all takes every state that accepts a
# target (the sweep test); the default takes the Xen states and the
# states next to them.
#
# The first case is the known hole: xen/evtchn:prepare lies below the
# states whose teardown frees the IPI channels, so on a stock kernel the
# way back up brings cpu1 online without them, and the first IPI to it hits
# the BUG_ON in xen_send_IPI_one().

. "${XHP_TESTS:-/tests}/lib.sh"

cpu=1
sys=$cpudir/cpu$cpu

# The states that cannot be a target (cant_stop in kernel/cpu.c, the
# same in 6.1 and 6.12): target_store() refuses them with EINVAL.  The
# sweep expects that refusal and reports a skip; the Xen states' test
# leaves them out.  Any other EINVAL is a failure.
cant_stop=" threads:prepare cpu:bringup ap:offline cpu:teardown "

# step_to STATE: write the target; 2 for EINVAL (see cant_stop above).
step_to() {
	if echo "$1" >"$sys/hotplug/target" 2>/tmp/err; then
		return 0
	fi
	grep -q 'Invalid argument' /tmp/err && return 2
	echo "# cpu$cpu: target $1 failed: $(cat /tmp/err)"
	return 1
}

check_state() {
	st=$(cat "$sys/hotplug/state")
	[ "$st" = "$1" ] || { echo "# cpu$cpu: state $st, expected $1"; return 1; }
}

# Round trip from online: down to STATE, back up, then IPIs to the CPU.
down_up() {
	step_to "$1"
	r=$?
	[ $r = 0 ] || return $r
	check_state "$1" || return 1
	step_to "$online" || return 1
	check_state "$online" || return 1
	has_ipis "$cpu" && takes_irqs "$cpu"
}

# From offline: up to STATE, then on to online.
up_up() {
	set_online "$cpu" 0 || return 1
	step_to "$1"
	r=$?
	if [ $r != 0 ]; then
		set_online "$cpu" 1
		return $r
	fi
	step_to "$online" || return 1
	has_ipis "$cpu" && takes_irqs "$cpu"
}

# report STATUS NAME TEXT
report() {
	case $1 in
	0) ktap_test_pass "$3" ;;
	2)
		case $cant_stop in
		*" $2 "*) ktap_test_skip "$3: cant_stop, not a target" ;;
		*) ktap_test_fail "$3: EINVAL from a state that should be a target" ;;
		esac
		;;
	*) ktap_test_fail "$3" ;;
	esac
}

main() {
	ktap_print_header
	if [ ! -w "$sys/hotplug/target" ]; then
		ktap_skip_all "needs cpu$cpu and CONFIG_CPU_HOTPLUG_STATE_CONTROL"
		exit "$KSFT_SKIP"
	fi

	online=$(cpuhp_state online)
	evtchn=$(cpuhp_state xen/evtchn:prepare)
	# Without these the headline case would write an empty target.
	[ -n "$online" ] || ktap_exit_fail_msg "no cpuhp state named online"
	[ -n "$evtchn" ] || ktap_exit_fail_msg "no cpuhp state named xen/evtchn:prepare"
	# cpu:kick_ap (CPUHP_BP_KICK_AP, 6.5 and later) is left out: the core
	# cannot come back from it.  Stepping down to it kills the CPU but keeps
	# the state that starts it, so on the way up cpuhp_bp_sync_alive() waits
	# for a CPU nobody started ("CPU1 failed to report alive state", -EIO),
	# and the CPU stays down until reboot.  Seen on 6.12 in every guest type;
	# generic hot-plug code, not Xen.
	between=$(grep -v ': cpu:kick_ap$' "$cpudir/hotplug/states" |
		awk -F: -v on="$online" '$1 + 0 > 0 && $1 + 0 < on + 0 { print $1 + 0, $0 }')
	ap=
	if [ "${XHP_SWEEP:-xen}" = all ]; then
		# The AP states from idle:dead up to cpu:teardown run on the AP
		# itself, in take_cpu_down() under stop_machine or as it dies: a
		# step down to one of them kills the CPU all the same, and the
		# way up hangs in cpuhp_kick_ap_work() (seen at idle:dead on 6.12
		# in PVH dom0).  Generic hot-plug code, as at cpu:kick_ap: each
		# is a skip.
		lo=$(cpuhp_state idle:dead)
		hi=$(cpuhp_state cpu:teardown)
		[ -n "$lo" ] && [ -n "$hi" ] || ktap_exit_fail_msg "no cpuhp state named idle:dead or cpu:teardown"
		ap=$(echo "$between" | awk -v lo="$lo" -v hi="$hi" '$1 >= lo + 0 && $1 < hi + 0 { print $1 }')
		states=$(echo "$between" | awk -v lo="$lo" -v hi="$hi" '$1 < lo + 0 || $1 >= hi + 0 { print $1 }')
	else
		# Neighbours in the full list, then the cant_stop ones dropped: a
		# neighbour found past cpu:bringup would be an AP state such as
		# idle:dead, which the core cannot come back from (as cpu:kick_ap:
		# cpu1 dies, and the way up hangs in cpuhp_kick_ap_work(); seen on
		# 6.12 in PVH dom0).
		states=$(echo "$between" | awk -v no="$cant_stop" '
			{ name = $0; sub(/^[^:]*: */, "", name) }
			{ n[++i] = $1; x[i] = ($0 ~ /xen/); c[i] = index(no, " " name " ") > 0 }
			END { for (j = 1; j <= i; j++) if ((x[j - 1] || x[j] || x[j + 1]) && !c[j]) print n[j] }')
	fi
	cycles=${XHP_CYCLES:-1}
	n=$(echo $states | wc -w)
	ktap_set_plan $(((n * 2 + 1) * cycles + $(echo $ap | wc -w)))
	for s in $ap; do
		ktap_test_skip "down to $s ($(cpuhp_name "$s")): an AP state below cpu:teardown, the core cannot stop there"
	done
	before=$(xen_line_count)
	start_ipi_load

	# CYCLES repeats the whole pass: a hunt for intermittent failures.
	c=1
	while [ $c -le "$cycles" ]; do
		down_up "$evtchn"
		report $? xen/evtchn:prepare "down to $evtchn (xen/evtchn:prepare) and back online, pass $c"

		for s in $states; do
			name=$(cpuhp_name "$s")
			down_up "$s"
			report $? "$name" "down to $s ($name) and back online, pass $c"
			up_up "$s"
			report $? "$name" "up to $s ($name) and on to online, pass $c"
		done
		c=$((c + 1))
	done

	stop_ipi_load
	is_online "$cpu" || set_online "$cpu" 1
	after=$(xen_line_count)
	ktap_print_msg "Xen per-CPU lines before: $before, after: $after"
	[ "$before" -eq "$after" ] || ktap_exit_fail_msg "Xen per-CPU lines leaked: $before before, $after after"
	ktap_finished
}

[ -n "${XHP_FIXTURE:-}" ] || main
