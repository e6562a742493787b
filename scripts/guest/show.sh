#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Print what the other tests read: interrupts and hot-plug states.
cat /proc/interrupts
cat /sys/devices/system/cpu/hotplug/states
ls /sys/kernel/debug/fail_function /sys/kernel/debug 2>&1
