#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Step 5: judge one console log.  Re-runnable on any old log.
#
#   scripts/verdict.sh LOG [QEMU_EXIT_STATUS [ALLOW_FILE]]
#
# ALLOW_FILE adds a test's own allowed blocks (scripts/guest/TEST.allow).
#
# Pass: the guest printed "xhp: done rc=0", QEMU did not hit its timeout
# (124: in the HVM runs dom0 still tests after the domU's end marker), no
# KTAP line is "not ok", and no line of the console is bad (the list
# below, after the kernel's own console-badness.sh).  Prints the verdict
# and its reason on one line, then the evidence; exits 0 on pass, 1 on
# fail.

log=${1:?usage: $0 LOG [QEMU_EXIT_STATUS [ALLOW_FILE]]}
status=${2:-}
allow_file=${3:-}
[ -f "$log" ] || { echo "FAIL no console log at $log"; exit 1; }

# The serial console ends lines with CR LF.
con=$(mktemp)
trap 'rm -f "$con"' EXIT
tr -d '\r' <"$log" >"$con"

# What counts as a failure on the console.
bad='kernel BUG at|BUG: |^(\[ *[0-9.]+\] )?WARNING:|Oops|Call Trace:|general protection fault|'
bad+='Kernel panic|list_(add|del) corruption|rcu: INFO: .* stall|'
bad+='INFO: task .* blocked for more than|possible circular locking|'
bad+='inconsistent lock state|possible recursive locking|'
bad+='suspicious RCU usage|Watchdog detected|soft lockup|'
bad+='\(XEN\) .*(Panic|FATAL|Assertion|Triple fault|Dom0 crashed)|genirq: Flags mismatch|is already allocated'
# Blocks that are not the kernel's fault: a line matching this starts a
# block that ends with its stack dump (</TASK> or "---[ end trace"), or
# at the next KTAP or xhp: line for a block without one.  Blank lines and
# Xen's own lines can land inside a block (two writers on one serial
# line) and do not end it.  Short and explicit:
# - TCG has no AMD MSR 0xc0010055, which 6.1 reads at boot as PV dom0;
# - the fault-injection tests provoke failures on purpose;
# - a core bug outside Xen, of the same class as the one the series
#   fixes: 6.1 and 6.12 disable a CPU's RCU callback list in takedown_cpu()
#   (CPUHP_BRINGUP_CPU) but enable it only in CPUHP_RCUTREE_PREP, so a
#   step down to a state between them and back up makes call_rcu() warn
#   once on that CPU.  Only the step-down tests get there;
# - sched_cpu_dying() finding one task more on the dying CPU's runqueue
#   than it can list, when the only task it lists is that CPU's stopper
#   (migration/N): the extra one is not in the task list (an exiting
#   task still queued there, or a miscount; not established).  The
#   scheduler's own hot-unplug check, in a state where no Xen code runs;
#   seen once, in a plain offline of the PVHVM domU.  A listed task
#   other than the stopper is a task left behind on a dead CPU, and that
#   is a failure (the "pid: N, name:" rule in the awk below; only the
#   scheduler's dump_rq_tasks() prints that line).
allow='unchecked MSR access error: RDMSR from 0xc0010055|FAULT_INJECTION: forcing a failure'
allow+='|WARNING: CPU: [0-9]+ PID: [0-9]+ at kernel/rcu/tree.c:[0-9]+ (__call_rcu_common|call_rcu)'
allow+='|WARNING: CPU: [0-9]+ PID: [0-9]+ at kernel/sched/core.c:[0-9]+ sched_cpu_dying'

if [ -n "$allow_file" ]; then
	while IFS= read -r re; do
		case $re in "#"* | "") continue ;; esac
		allow+="|$re"
	done <"$allow_file"
fi
allowed=$(grep -a -c -E "$allow" "$con")
badlines=$(awk -v bad="$bad" -v allow="$allow" '
	$0 ~ allow { skip = 1; next }
	skip && /<\/TASK>|---\[ end trace/ { skip = 0; next }
	skip && /^(ok|not ok) |^xhp: / { skip = 0 }
	skip { next }
	/\tpid: [0-9]+, name: / {
		if ($0 !~ /name: migration\/[0-9]+$/)
			print NR ":" $0 " (left on a dying CPU)"
		next
	}
	$0 ~ bad { print NR ":" $0 }' "$con" | head -20)
notok=$(grep -a -n -E '^not ok ' "$con")
done_line=$(grep -a -E '^xhp: done rc=' "$con" | tail -n 1)
totals=$(grep -a -E '^# Totals:' "$con" | tail -n 1)

fail() {
	echo "FAIL $*"
	[ -n "$badlines" ] && echo "$badlines" | sed 's/^/  console:/'
	[ -n "$notok" ] && echo "$notok" | sed 's/^/  ktap:/'
	exit 1
}

if [ -n "$badlines" ]; then
	fail "$(echo "$badlines" | head -n 1 | cut -d: -f2- | sed 's/^\[ *[0-9.]*\] //' | cut -c1-100)"
fi
if [ -z "$done_line" ] || [ "$status" = 124 ]; then
	if [ "$status" = 124 ]; then
		echo "FAIL hang: the run hit its hard timeout; last 50 console lines:"
	else
		echo "FAIL no end marker (QEMU exit ${status:-?}); last 50 console lines:"
	fi
	tail -n 50 "$con" | sed 's/^/  /'
	exit 1
fi
[ -z "$notok" ] || fail "$(echo "$notok" | wc -l) KTAP test(s) not ok: $(echo "$notok" | head -n 1 | cut -d: -f2-)"
[ "$done_line" = "xhp: done rc=0" ] || fail "guest test exited with ${done_line#xhp: done }"
echo "PASS ${totals#\# }"
[ "$allowed" = 0 ] || grep -a -E "$allow" "$con" | sed 's/^/  allowed:/'
