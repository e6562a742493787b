#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Print what the other tests read: interrupts and hot-plug states.

. /tests/lib.sh

ktap_print_header
ktap_set_plan 1
cat /proc/interrupts
cat /sys/devices/system/cpu/hotplug/states
ls /sys/kernel/debug/fail_function /sys/kernel/debug 2>&1
ktap_test_pass "printed /proc/interrupts and the hot-plug states"
ktap_finished
