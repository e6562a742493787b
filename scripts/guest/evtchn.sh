#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Event channels that are bound to a vCPU but are not per-CPU (issue 18):
# user channels of /dev/xen/evtchn, with events flowing (evtchn-pingpong)
# while their vCPU goes offline and back, XHP_CYCLES times; an event
# pending behind a port's mask while the port's vCPU goes offline and
# back; new binds and moves of their interrupts between CPUs racing
# offlines of every CPU; in the PVHVM domU, events from dom0 while the
# port's vCPU goes offline and back.  Only dom0's events can come while
# stop_machine takes a CPU down (a sender in this domain is stopped
# too).  No event may be lost (spurious ones are counted), the events
# must have been delivered on the vCPU before it went offline, and
# nothing may stay bound after (no user channel, the same Xen per-CPU
# lines).

. "${XHP_TESTS:-/tests}/lib.sh"

cycles=${XHP_CYCLES:-5}
pp_out=/tmp/pingpong.out
pp_err=/tmp/pingpong.err

# The interrupts of evtchn-pingpong's ports (one per port).
pp_irqs() {
	awk '$NF == "evtchn:evtchn-pingpong" { sub(":", "", $1); print $1 }' /proc/interrupts
}

# irqs_on CPU|all IRQ...: interrupts the IRQs took so far on CPU, or on
# every online CPU (0 while CPU is offline: /proc/interrupts has columns
# for online CPUs only).
irqs_on() {
	oncpu=$1
	shift
	awk -v c="CPU$oncpu" -v irqs=" $* " '
		NR == 1 {
			for (i = 1; i <= NF; i++) if ($i == c || c == "CPUall") { lo = lo ? lo : i + 1; hi = i + 1 }
			next
		}
		lo && index(irqs, " " substr($1, 1, length($1) - 1) " ") { for (i = lo; i <= hi; i++) n += $i }
		END { print n + 0 }' /proc/interrupts
}

# want_pp_irqs N: irqs, the interrupts of evtchn-pingpong's ports, must
# be N (one a port); says so when not.
want_pp_irqs() {
	irqs=$(pp_irqs)
	[ "$(echo $irqs | wc -w)" = "$1" ] && return 0
	echo "# $(echo $irqs | wc -w) interrupts named evtchn:evtchn-pingpong, not $1"
	return 1
}

# move_irq CPU IRQ [ERRFILE]: set the IRQ's affinity to CPU; the error
# in ERRFILE (default /tmp/err).
move_irq() {
	echo "$1" >"/proc/irq/$2/smp_affinity_list" 2>"${3:-/tmp/err}"
}

# move_irqs CPU IRQ...: set the IRQs' affinity to CPU.
move_irqs() {
	tocpu=$1
	shift
	for irq in "$@"; do
		move_irq "$tocpu" "$irq" && continue
		echo "# cannot move IRQ $irq to cpu$tocpu: $(cat /tmp/err)"
		return 1
	done
}

# start_helper REGEX ARGS...: evtchn-pingpong ARGS in the background,
# once it has printed a line that matches REGEX (its ports are bound).
start_helper() {
	re=$1
	shift
	rm -f "$pp_out" "$pp_err"
	"$XHP_TESTS/evtchn-pingpong" "$@" >"$pp_out" 2>"$pp_err" &
	pp=$!
	k=0
	while ! grep -q "$re" "$pp_out" && [ $k -lt 10 ]; do
		kill -0 "$pp" 2>/dev/null || break
		sleep 1
		k=$((k + 1))
	done
	grep -q "$re" "$pp_out" && return 0
	echo "# evtchn-pingpong $* did not bind its ports: $(cat "$pp_err")"
	kill "$pp" 2>/dev/null
	wait "$pp" 2>/dev/null
	return 1
}

# start_pingpong PAIRS CHURN: the ping-pong, running.
start_pingpong() {
	start_helper '^ports' "$1" "$2"
}

# release_held: let "evtchn-pingpong hold" unmask its port; held_sum is
# its last line ("held: N delivered").
release_held() {
	kill -USR1 "$pp"
	wait "$pp"
	tail -n 10 "$pp_err" | sed 's/^/# /'
	held_sum=$(grep '^held:' "$pp_out" || true)
}

# stop_pingpong: stop it; its last line is the count (judge_pingpong).
stop_pingpong() {
	kill -TERM "$pp" 2>/dev/null
	wait "$pp"
	pp_rc=$?
	tail -n 10 "$pp_err" | sed 's/^/# /'
	pp_sum=$(tail -n 1 "$pp_out")
	[ "$pp_rc" != 2 ] || echo "# evtchn-pingpong could not bind a pair again"
}

# judge_pingpong "sent S received R lost L spurious X rebinds B" MIN_REBINDS:
# true when events flowed and each one sent arrived at its port; prints
# why not.  Spurious events (more than sent) are said, and allowed: Xen's
# events are notifications, and an affinity change may re-raise one.
judge_pingpong() {
	set -- $1 "$2"
	if [ "$1" != sent ] || [ "$9" != rebinds ]; then
		echo "# evtchn-pingpong printed no count"
		return 1
	fi
	ktap_print_msg "events sent $2, received $4, lost $6, spurious $8; rebinds ${10}"
	[ "$2" -gt 0 ] || { echo "# no event sent"; return 1; }
	[ "$6" = 0 ] && [ "$4" = "$2" ] || { echo "# events lost"; return 1; }
	[ "${10}" -ge "${11}" ] || { echo "# ${10} rebinds, fewer than ${11}"; return 1; }
}

# Part 1: the pairs' interrupts on CPU, which goes offline and back each
# cycle (their affinity is broken at the offline and set again after).
across_offline() {
	cpu=$1
	start_pingpong 4 0 || return 1
	if ! want_pp_irqs 8; then
		stop_pingpong
		return 1
	fi
	ok=true on=0 cyc=0
	while [ $cyc -lt "$cycles" ] && $ok; do
		move_irqs "$cpu" $irqs || { ok=false; break; }
		e0=$(irqs_on "$cpu" $irqs)
		sleep 1
		on=$((on + $(irqs_on "$cpu" $irqs) - e0))
		set_online "$cpu" 0 && sleep 1 && set_online "$cpu" 1 && has_ipis "$cpu" || ok=false
		cyc=$((cyc + 1))
	done
	stop_pingpong
	ktap_print_msg "cpu$cpu: $cyc offline/online cycles, $on events taken on cpu$cpu before them"
	judge_pingpong "$pp_sum" 0 || ok=false
	[ "$on" -gt 0 ] || { echo "# no event taken on cpu$cpu: the test tested nothing"; ok=false; }
	$ok
}

# Part 2: an event pending behind the mask of a port whose interrupt is
# on CPU, while CPU goes offline and back (the channel is rebound twice,
# masked): at the unmask it must come, once.  XHP_CYCLES times.
held_across_offline() {
	cpu=$1
	ok=true cyc=0 got=0
	while [ $cyc -lt "$cycles" ] && $ok; do
		start_helper '^held ' hold || { ok=false; break; }
		want_pp_irqs 2 || ok=false
		$ok && move_irqs "$cpu" $irqs && set_online "$cpu" 0 && set_online "$cpu" 1 &&
			has_ipis "$cpu" || ok=false
		release_held
		if [ "$held_sum" = "held: 1 delivered" ]; then
			got=$((got + 1))
		else
			echo "# the event held behind the mask: ${held_sum:-no count from evtchn-pingpong hold}"
			ok=false
		fi
		cyc=$((cyc + 1))
	done
	ktap_print_msg "cpu$cpu: events held behind the mask across its offline: $got of $cyc delivered once"
	$ok
}

# flowing IRQ: true once IRQ took an interrupt, within 5 s.
flowing() {
	f0=$(irqs_on all "$1")
	k=0
	while [ $k -lt 5 ]; do
		sleep 1
		[ "$(irqs_on all "$1")" -gt "$f0" ] && return 0
		k=$((k + 1))
	done
	return 1
}

# Part 5: events from another domain.  In the PVHVM domU (xhp.flood=1),
# dom0 notifies a port of ours back to back (evtchn-pingpong sink here,
# flood there, dom0/init): they can come while the vCPU that the port is
# on is in stop_machine going offline, the window a sender in this
# domain cannot reach.  Each cycle the port's interrupt goes onto CPU,
# CPU goes offline and back, and the events must still come.
remote_across_offline() {
	cpu=$1
	start_helper '^xhp-flood: port ' sink || return 1
	# To the console, where dom0/init looks for it.
	grep -m1 '^xhp-flood: port ' "$pp_out" | sed 's/^/# /'
	ok=true cyc=0
	if ! want_pp_irqs 1; then
		ok=false
	elif ! flowing "$irqs"; then
		echo "# no event from dom0 in 5 s"
		ok=false
	fi
	while [ $cyc -lt "$cycles" ] && $ok; do
		move_irqs "$cpu" $irqs && flowing "$irqs" && set_online "$cpu" 0 &&
			set_online "$cpu" 1 && has_ipis "$cpu" || { ok=false; break; }
		flowing "$irqs" || { echo "# no event from dom0 for 5 s after cpu$cpu went offline and back (cycle $((cyc + 1)))"; ok=false; }
		cyc=$((cyc + 1))
	done
	took=$(irqs_on all $irqs)
	stop_pingpong
	ktap_print_msg "cpu$cpu: events from dom0 across $cyc offline/online cycles: $pp_sum (IRQ $irqs: $took interrupts)"
	$ok
}

# moves_after N: wait up to 10 s for the mover's count to pass N.
moves_after() {
	t=0
	while [ "$(cat /tmp/moves)" -le "$1" ] && [ $t -lt 50 ]; do
		sleep 0.2
		t=$((t + 1))
	done
}

# writer: offline and online each CPU, XHP_CYCLES times.  Before the
# next offline it lets the mover take a move: a slow guest (the domU
# under TCG) would otherwise do every cycle before the first move.
writer() {
	i=0
	while [ $i -lt "$cycles" ]; do
		for c in $cpus; do
			m=$(cat /tmp/moves)
			set_online "$c" 0 && set_online "$c" 1 || return 1
			moves_after "$m"
		done
		i=$((i + 1))
	done
}

# mover: move the pairs' interrupts over cpu0 and the hot-pluggable
# CPUs, round and round, counting the moves that took in /tmp/moves
# (written whole, then renamed: a kill never leaves it empty).  A move
# to a CPU that is offline at that moment is refused (EINVAL), as is
# one of an interrupt that a rebind just freed.
mover() {
	n=0
	while :; do
		for c in $(echo 0 $cpus | tr ' ' '\n' | sort -un); do
			for irq in $(pp_irqs); do
				move_irq "$c" "$irq" /tmp/mover.err && n=$((n + 1))
			done
			echo $n >/tmp/moves.new
			mv /tmp/moves.new /tmp/moves
		done
	done
}

# Part 3: binds and affinity moves racing offlines.  Each round of pings
# closes and binds every pair again (the IRQ's startup puts a new
# channel on the online CPU with the fewest channels), the mover moves
# their interrupts, and the writer takes every CPU down and up.
binds_race() {
	start_pingpong 4 1 || return 1
	echo 0 >/tmp/moves
	mover &
	mover_pid=$!
	ok=true
	writer || ok=false
	kill "$mover_pid"
	wait "$mover_pid" 2>/dev/null
	stop_pingpong
	moves=$(cat /tmp/moves)
	ktap_print_msg "affinity moves that took: $moves"
	judge_pingpong "$pp_sum" 1 || ok=false
	[ "$moves" -gt 0 ] || { echo "# no affinity move took: the part raced nothing"; ok=false; }
	$ok
}

main() {
	begin_hotplug_test 6

	before=$(xen_line_count)
	names_before=$(xen_line_names)
	first=$(echo $cpus | awk '{ print $1 }')
	last=$(echo $cpus | awk '{ print $NF }')
	ktap_print_msg "cpus: $(echo $cpus), cycles: $cycles"

	across_offline "$first" && ok=true || ok=false
	ktap_test_result "user event channels on cpu$first across its offline, $cycles cycles" $ok
	across_offline "$last" && ok=true || ok=false
	ktap_test_result "user event channels on cpu$last across its offline, $cycles cycles" $ok
	held_across_offline "$first" && ok=true || ok=false
	ktap_test_result "an event held behind the mask on cpu$first across its offline, $cycles cycles" $ok
	binds_race && ok=true || ok=false
	ktap_test_result "binds and affinity moves racing offlines of every CPU" $ok

	if [ "${XHP_FLOOD:-0}" = 1 ]; then
		remote_across_offline "$first" && ok=true || ok=false
		ktap_test_result "events from dom0 on cpu$first across its offline, $cycles cycles" $ok
	else
		ktap_test_skip "events from dom0: only in the PVHVM domU, where dom0 sends them"
	fi

	left=$(pp_irqs | wc -l)
	names_after=$(xen_line_names)
	ktap_print_msg "user channels left bound: $left; Xen per-CPU lines before: $before, after: $(xen_line_count)"
	[ "$names_before" = "$names_after" ] || ktap_print_msg "before: $names_before; after: $names_after"
	[ "$left" = 0 ] && [ "$names_before" = "$names_after" ] && same=true || same=false
	ktap_test_result "nothing left bound after (user channels, Xen per-CPU lines)" $same
	ktap_finished
}

[ -n "${XHP_FIXTURE:-}" ] || main
