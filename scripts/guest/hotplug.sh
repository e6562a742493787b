#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vCPU hot-plug under IPI load: every non-boot CPU offline and online,
# in order and in random order, with concurrent writers; every online CPU
# must have its Xen IPI lines, and nothing may leak.

. /tests/lib.sh

cycles=${XHP_CYCLES:-5}
cpus=$(hotplug_cpus)

ktap_print_header
if [ -z "$cpus" ]; then
	ktap_skip_all "needs a CPU that can go offline"
	exit "$KSFT_SKIP"
fi
ktap_set_plan 4

before=$(xen_line_count)
ktap_print_msg "cpus: $(echo $cpus), Xen per-CPU lines: $before, cycles: $cycles"
start_ipi_load

ok=true
c=0
while [ $c -lt "$cycles" ] && $ok; do
	for cpu in $cpus; do
		set_online "$cpu" 0 && set_online "$cpu" 1 && has_ipis "$cpu" || { ok=false; break; }
	done
	c=$((c + 1))
done
ktap_test_result "sequential offline/online, $c cycles" $ok

ok=true
c=0
while [ $c -lt "$cycles" ] && $ok; do
	for cpu in $(for x in $cpus; do echo "$RANDOM $x"; done | sort -n | awk '{ print $2 }'); do
		set_online "$cpu" 0 || { ok=false; break; }
	done
	for cpu in $(for x in $cpus; do echo "$RANDOM $x"; done | sort -n | awk '{ print $2 }'); do
		set_online "$cpu" 1 && has_ipis "$cpu" || { ok=false; break; }
	done
	c=$((c + 1))
done
ktap_test_result "random order offline/online, $c cycles" $ok

# Two writers race on each CPU's online file; the kernel serialises them.
# Only the end state is checked: each write may fail with EBUSY/EINVAL.
writer() {
	i=0
	while [ $i -lt "$cycles" ]; do
		for cpu in $cpus; do
			echo 0 >"/sys/devices/system/cpu/cpu$cpu/online" 2>/dev/null
			echo 1 >"/sys/devices/system/cpu/cpu$cpu/online" 2>/dev/null
		done
		i=$((i + 1))
	done
}
writer & w1=$!
writer & w2=$!
wait $w1 $w2
ok=true
for cpu in $cpus; do
	is_online "$cpu" || set_online "$cpu" 1 || ok=false
	has_ipis "$cpu" || ok=false
done
ktap_test_result "concurrent writers, $cycles cycles each" $ok

stop_ipi_load
# One hot-plug cycle of a CPU is one offline and one online write.
ncpus=$(echo $cpus | wc -w)
ktap_print_msg "hot-plug cycles: $((2 * cycles * ncpus)) in order or random order, $((2 * cycles * ncpus)) attempted by the concurrent writers ($ncpus CPUs)"
after=$(xen_line_count)
ktap_print_msg "Xen per-CPU lines before: $before, after: $after"
ktap_test_result "no leaked Xen per-CPU lines" [ "$before" -eq "$after" ]
ktap_finished
