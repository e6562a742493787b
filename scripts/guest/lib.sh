# SPDX-License-Identifier: GPL-2.0
# Helpers for the in-guest tests (busybox sh).  Sourced.
#
# The self-test runs the tests' own functions on the host, on kept
# fixtures (scripts/tests/guest/): XHP_TESTS is then the folder of the
# scripts, XHP_CPUDIR and XHP_DEBUGFS stand for sysfs' cpu folder and
# debugfs, and XHP_FIXTURE makes a test define its functions and return
# instead of running.

XHP_TESTS=${XHP_TESTS:-/tests}
cpudir=${XHP_CPUDIR:-/sys/devices/system/cpu}
dbg=${XHP_DEBUGFS:-/sys/kernel/debug}

. "$XHP_TESTS/ktap_helpers.sh"

# Non-boot CPUs that can be taken offline.
hotplug_cpus() {
	for d in "$cpudir"/cpu[0-9]*; do
		[ -w "$d/online" ] && echo "${d##*cpu}"
	done
}

# begin_hotplug_test PLAN: the KTAP header and plan of a test that needs a
# CPU that can go offline (cpus: the hot-pluggable CPUs); a skip of the
# whole test, and exit, when there is none.
begin_hotplug_test() {
	cpus=$(hotplug_cpus)
	ktap_print_header
	if [ -z "$cpus" ]; then
		ktap_skip_all "needs a CPU that can go offline"
		exit "$KSFT_SKIP"
	fi
	ktap_set_plan "$1"
}

# xen_lines CPU: the Xen per-CPU interrupt lines of CPU (resched3 ...).
xen_lines() {
	awk -v re="^[a-z]+$1\$" '$(NF - 2) == "xen-percpu" && $NF ~ re { print $NF }' \
		/proc/interrupts | sort | tr '\n' ' '
}

# All Xen per-CPU lines: equal before and after a test, or something leaked.
xen_line_count() {
	grep -c ' xen-percpu ' /proc/interrupts
}

# The names of all Xen per-CPU lines, sorted, on one line.
xen_line_names() {
	awk '$(NF - 2) == "xen-percpu" { print $NF }' /proc/interrupts | sort | tr '\n' ' '
}

# ipi_count CPU: interrupts taken so far on CPU's Xen IPI lines.
ipi_count() {
	awk -v re="^(resched|callfunc|callfuncsingle)$1\$" '
		$(NF - 2) == "xen-percpu" && $NF ~ re { for (i = 2; i <= NF - 3; i++) n += $i }
		END { print n + 0 }' /proc/interrupts
}

is_online() {
	[ "$(cat "$cpudir/cpu$1/online")" = 1 ]
}

# set_online CPU 0|1: write, then check the result.  Prints why on failure.
set_online() {
	if ! echo "$2" >"$cpudir/cpu$1/online" 2>/tmp/err; then
		echo "# cpu$1: echo $2 > online failed: $(cat /tmp/err)"
		return 1
	fi
	if [ "$(cat "$cpudir/cpu$1/online")" != "$2" ]; then
		echo "# cpu$1: online reads $(cat "$cpudir/cpu$1/online") after writing $2"
		return 1
	fi
}

# has_ipis CPU: an online CPU must have its Xen IPI lines.
has_ipis() {
	l=$(xen_lines "$1")
	for want in resched callfunc callfuncsingle; do
		case " $l" in
		*" $want$1 "*) ;;
		*) echo "# cpu$1 online without $want$1 (has: $l)"; return 1 ;;
		esac
	done
}

# irq_count NAME: interrupts taken so far on the Xen per-CPU line NAME
# (resched1, timer1, ...), over all CPUs.
irq_count() {
	awk -v n="$1" '$(NF - 2) == "xen-percpu" && $NF == n { for (i = 2; i <= NF - 3; i++) s += $i }
		END { print s + 0 }' /proc/interrupts
}

# takes_irqs CPU: CPU takes its interrupts, not only has their lines.
# While a busy loop runs there (its timer VIRQ ticks), another CPU sends
# the loop a signal (the kernel kicks a task that runs on another CPU
# with a reschedule IPI, kick_process()) and reads CPU's CPUID
# (/dev/cpu/N/cpuid runs on CPU N: a call-function IPI; to one CPU that
# is callfuncsingle, as every smp_call_function*() to a single other
# CPU).  Each count must move.  (A task moved onto the busy CPU is no
# such test: the scheduler need not preempt the loop for it.)  The kick
# is an IPI only while the loop is the CPU's current task, so the loop
# runs at nice -20: the IPI load's busy task, when the scheduler puts it
# on the same CPU, would otherwise hold that CPU half the time (a 6.1 PV
# dom0 run saw no reschedule IPI in 20 signals so).
takes_irqs() {
	r0=$(irq_count "resched$1") c0=$(irq_count "callfuncsingle$1") t0=$(irq_count "timer$1")
	other=0
	[ "$1" != 0 ] || other=$(hotplug_cpus | head -n 1)
	# The loop says when its trap is set: a USR1 before that kills it
	# (seen once in 168 cycles), and the signals would then reach no one.
	rm -f "/tmp/busy.$1"
	taskset -c "$1" sh -c 'trap : USR1; : >"$0"; while :; do :; done' "/tmp/busy.$1" &
	busy=$!
	tries=0
	while [ ! -e "/tmp/busy.$1" ] && [ $tries -lt 100 ]; do
		sleep 0.1
		tries=$((tries + 1))
	done
	if ! renice -n -20 -p "$busy" >/dev/null; then
		echo "# cannot renice the busy loop on cpu$1"
		kill $busy
		wait $busy 2>/dev/null
		return 1
	fi
	k=0
	while [ $k -lt 20 ]; do
		taskset -c "$other" kill -USR1 "$busy"
		taskset -c "$other" dd if="/dev/cpu/$1/cpuid" of=/dev/null bs=16 count=1 2>/dev/null
		[ "$(irq_count "resched$1")" -gt "$r0" ] &&
			[ "$(irq_count "callfuncsingle$1")" -gt "$c0" ] &&
			[ "$(irq_count "timer$1")" -gt "$t0" ] && break
		k=$((k + 1))
	done
	if ! kill -0 "$busy" 2>/dev/null; then
		echo "# the busy loop on cpu$1 died: the test's own failure, not the kernel's"
		return 1
	fi
	kill $busy
	wait $busy 2>/dev/null
	[ $k -lt 20 ] && return 0
	echo "# cpu$1 online, but its interrupt counts did not all move:" \
		"resched $r0 -> $(irq_count "resched$1")," \
		"callfuncsingle $c0 -> $(irq_count "callfuncsingle$1")," \
		"timer $t0 -> $(irq_count "timer$1")"
	return 1
}

# cpuhp_state NAME: number of the hot-plug state called NAME.
cpuhp_state() {
	awk -v n="$1" '{ s = $1; sub(":", "", s); $1 = "" } substr($0, 2) == n { print s }' \
		"$cpudir/hotplug/states"
}

# cpuhp_name NUMBER: name of hot-plug state NUMBER.
cpuhp_name() {
	awk -v n="$1" '$1 == n ":" { $1 = ""; print substr($0, 2) }' \
		"$cpudir/hotplug/states"
}

# Background IPI load: a busy task the scheduler moves between CPUs, and a
# task that keeps moving itself over every CPU (each move sends reschedule
# and function-call IPIs, to whatever CPU is online at that moment).
load_pids=
start_ipi_load() {
	(while :; do :; done) &
	load_pids="$load_pids $!"
	# ($$ would be the test's shell: the subshell's own pid is the one
	# that /proc/self names to its builtin read.)
	(
		read -r me _ </proc/self/stat
		while :; do for c in $(hotplug_cpus) 0; do taskset -p -c "$c" "$me" >/dev/null 2>&1; done; done
	) &
	load_pids="$load_pids $!"
}

stop_ipi_load() {
	[ -n "$load_pids" ] && kill $load_pids 2>/dev/null
	wait 2>/dev/null
	load_pids=
}
