#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Hot-plug latency, for make bench: time XHP_CYCLES "echo 0" and "echo 1"
# writes to cpu1's online file on a quiet guest (no IPI load), after a
# few untimed cycles.  The timings are printed as "hp-latency:" lines for
# the host; the test itself only checks that every write succeeded and
# nothing leaked.

. /tests/lib.sh

cycles=${XHP_CYCLES:-100}
cpu=1

ktap_print_header
if ! [ -w /sys/devices/system/cpu/cpu$cpu/online ]; then
	ktap_skip_all "needs cpu$cpu that can go offline"
	exit "$KSFT_SKIP"
fi
ktap_set_plan 2

before=$(xen_line_count)
/tests/hp-latency $cpu 5 >/dev/null
/tests/hp-latency $cpu "$cycles"
ktap_test_result "$cycles timed offline/online cycles of cpu$cpu" [ $? -eq 0 ]
after=$(xen_line_count)
ktap_print_msg "Xen per-CPU lines before: $before, after: $after"
ktap_test_result "no leaked Xen per-CPU lines" [ "$before" -eq "$after" ]
ktap_finished
