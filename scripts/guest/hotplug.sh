#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vCPU hot-plug under IPI load: every non-boot CPU offline and online,
# in order and in random order, with concurrent writers; every online CPU
# must have its Xen IPI lines and take its IPIs and timer interrupts
# (takes_irqs), the Xen per-CPU lines must be the same
# (by name) before and after, and the load must have reached the CPUs.

. "${XHP_TESTS:-/tests}/lib.sh"

cycles=${XHP_CYCLES:-5}

# IPIs taken so far by the hot-plugged CPUs, together.
ipis() {
	for cpu in $cpus; do ipi_count "$cpu"; done | awk '{ n += $1 } END { print n + 0 }'
}

# writer: offline and online each CPU, XHP_CYCLES times, errors ignored.
writer() {
	i=0
	while [ $i -lt "$cycles" ]; do
		for cpu in $cpus; do
			echo 0 >"$cpudir/cpu$cpu/online" 2>/dev/null
			echo 1 >"$cpudir/cpu$cpu/online" 2>/dev/null
		done
		i=$((i + 1))
	done
}

main() {
	begin_hotplug_test 5

	before=$(xen_line_count)
	names_before=$(xen_line_names)
	ktap_print_msg "cpus: $(echo $cpus), Xen per-CPU lines: $before, cycles: $cycles"

	# IPIs taken by the hot-plugged CPUs in 2 s: without the load now, with
	# it at the end; the load must show.
	i0=$(ipis)
	sleep 2
	idle=$(($(ipis) - i0))
	start_ipi_load

	# verified: hot-plug cycles of a CPU (offline, online) after which it
	# had its IPI lines and took IPIs and timer interrupts.
	verified=0
	ok=true
	c=0
	while [ $c -lt "$cycles" ] && $ok; do
		for cpu in $cpus; do
			set_online "$cpu" 0 && set_online "$cpu" 1 && has_ipis "$cpu" &&
				takes_irqs "$cpu" || { ok=false; break; }
			verified=$((verified + 1))
		done
		c=$((c + 1))
		# For a soak whose boot the emulation kills (soak.sh).
		ktap_print_msg "hot-plug cycles verified so far: $verified"
	done
	ktap_test_result "sequential offline/online, $c cycles" $ok

	ok=true
	c=0
	while [ $c -lt "$cycles" ] && $ok; do
		for cpu in $(for x in $cpus; do echo "$RANDOM $x"; done | sort -n | awk '{ print $2 }'); do
			set_online "$cpu" 0 || { ok=false; break; }
		done
		for cpu in $(for x in $cpus; do echo "$RANDOM $x"; done | sort -n | awk '{ print $2 }'); do
			set_online "$cpu" 1 && has_ipis "$cpu" && takes_irqs "$cpu" || { ok=false; break; }
			verified=$((verified + 1))
		done
		c=$((c + 1))
		ktap_print_msg "hot-plug cycles verified so far: $verified"
	done
	ktap_test_result "random order offline/online, $c cycles" $ok

	# Two writers race on each CPU's online file; the kernel serialises them.
	# Only the end state is checked: each write may fail with EBUSY/EINVAL.
	writer & w1=$!
	writer & w2=$!
	wait $w1 $w2
	ok=true
	for cpu in $cpus; do
		is_online "$cpu" || set_online "$cpu" 1 || ok=false
		has_ipis "$cpu" && takes_irqs "$cpu" || ok=false
	done
	ktap_test_result "concurrent writers, $cycles cycles each" $ok

	i0=$(ipis)
	sleep 2
	load=$(($(ipis) - i0))
	stop_ipi_load
	ktap_print_msg "IPIs taken by cpus $(echo $cpus) in 2 s: $idle idle, $load under the load"
	# (ktap_test_result runs its command unquoted: decide here.)
	[ "$load" -gt "$idle" ] && moved=true || moved=false
	ktap_test_result "the IPI load reaches the hot-plugged CPUs" $moved
	# One hot-plug cycle of a CPU is one offline and one online write.
	ncpus=$(echo $cpus | wc -w)
	ktap_print_msg "hot-plug cycles: $verified verified in order or random order, $((2 * cycles * ncpus)) attempted by the concurrent writers ($ncpus CPUs)"
	after=$(xen_line_count)
	names_after=$(xen_line_names)
	ktap_print_msg "Xen per-CPU lines before: $before, after: $after"
	[ "$names_before" = "$names_after" ] || ktap_print_msg "before: $names_before; after: $names_after"
	[ "$names_before" = "$names_after" ] && same=true || same=false
	ktap_test_result "the same Xen per-CPU lines before and after (by name)" $same
	ktap_finished
}

[ -n "${XHP_FIXTURE:-}" ] || main
