#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Step 5: judge one console log.  Re-runnable on any old log.
#
#   scripts/verdict.sh LOG [QEMU_EXIT_STATUS [ALLOW_FILE [WARN_FILE]]]
#
# ALLOW_FILE adds a test's own allowed blocks (scripts/guest/TEST.allow).
# WARN_FILE (scripts/guest/TEST.warn) lists the kernel lines at warning
# level that the stock kernel prints during the test: the guest prints
# every such line of the test ("xhp-warn: <L>[time] text"), and any that
# the file does not list fails the run.  "-" for either: none.
#
# A boot that ran several tests (xhp.test=A+B) gives one file a test,
# in their order, joined by ":" (as in "a.allow:-"): the console from a
# test's "xhp: running" line to the next test's is that test's, judged by
# its own files (the boot before the first test counts as the first's,
# what follows the last as the last's), and each test must meet its own
# KTAP plan.
#
# Pass: the guest printed "xhp: done rc=0", QEMU did not hit its timeout
# (124: in the HVM runs dom0 still tests after the domU's end marker), no
# KTAP line is "not ok", and no line of the console is bad (the list
# below, after the kernel's own console-badness.sh).  Prints the verdict
# and its reason on one line, then the evidence; exits 0 on pass, 1 on
# fail.

log=${1:?usage: $0 LOG [QEMU_EXIT_STATUS [ALLOW_FILE [WARN_FILE]]]}
status=${2:-}
allow_file=${3:-}
warn_file=${4:-}
[ "$allow_file" != - ] || allow_file=
[ "$warn_file" != - ] || warn_file=
[ -f "$log" ] || { echo "FAIL no console log at $log"; exit 1; }
# One allow and one warn file a test ("-": none).
IFS=: read -r -a allows <<<"${allow_file:--}"
IFS=: read -r -a warns <<<"${warn_file:--}"
ntests=${#allows[@]}
[ "${#warns[@]}" = "$ntests" ] || [ -z "$warn_file" ] ||
	{ echo "FAIL verdict.sh: ${#allows[@]} allow files but ${#warns[@]} warn files"; exit 1; }
while [ "${#warns[@]}" -lt "$ntests" ]; do warns+=(-); done
for f in "${allows[@]}" "${warns[@]}"; do
	[ "$f" = - ] || [ -f "$f" ] || { echo "FAIL verdict.sh: no file $f"; exit 1; }
done

# The console without CRs, each line whole: a line of Xen's or dom0's
# can cut a guest's line in two (console.awk joins it again).
con=$(mktemp)
trap 'rm -f "$con"' EXIT
LC_ALL=C awk -f "$(dirname "$0")/console.awk" "$log" >"$con"

# What counts as a failure on the console: the header of a report (hdr,
# which counts even inside an allowed block) or one of its lines.
hdr='kernel BUG at|BUG: |^(\[ *[0-9.]+\] )?WARNING:|Oops|general protection fault|'
hdr+='Kernel panic|list_(add|del) corruption|rcu: INFO: .* stall|the kernel log overflowed|'
hdr+='INFO: task .* blocked for more than|possible circular locking|'
hdr+='inconsistent lock state|possible recursive locking|'
hdr+='suspicious RCU usage|Watchdog detected|soft lockup|'
hdr+='\(XEN\) .*(Panic|FATAL|Assertion|Triple fault|Dom0 crashed)|genirq: Flags mismatch|is already allocated'
# The FIFO drain of a dying CPU finding a live event: a channel still
# bound across CPUHP_XEN_EVTCHN_PREPARE's teardown (stock prints none).
hdr+='|Dropping pending event for port'
bad="$hdr|Call Trace:"
# Blocks that are not the kernel's fault: a line matching this starts a
# block that ends with its stack dump (</TASK> or "---[ end trace"), or
# at the next KTAP or xhp: line for a block without one.  Blank lines and
# Xen's own lines can land inside a block (two writers on one serial
# line) and do not end it; a new report header does, and counts.  Each
# rule names one message; a test adds its own (ALLOW_FILE,
# scripts/guest/TEST.allow).  A rule that names a source line starts
# with its base ("6.12: "): it holds only on a console whose kernel
# banner ("Linux version 6.12.N") is of that base, where the line is the
# statement it is for.  A rule for a message of one line, with no stack
# dump after it, says so ("line: ", after the base): it allows that line
# alone and starts no block.  For every test:
# - TCG has no AMD MSR 0xc0010055, which 6.1 reads at boot as PV dom0;
# - fault injection's own report of a failure it forced;
# - sched_cpu_dying() finding one task more on the dying CPU's runqueue
#   than it can list, when the only task it lists is that CPU's stopper
#   (migration/N): the extra one is not in the task list (an exiting
#   task still queued there, or a miscount; not established).  The
#   scheduler's own hot-unplug check, in a state where no Xen code runs;
#   seen once, in a plain offline of the PVHVM domU.  A listed task
#   other than the stopper is a task left behind on a dead CPU, and that
#   is a failure (the "pid: N, name:" rule in the awk below; only the
#   scheduler's dump_rq_tasks() prints that line).  Its one WARN_ON_ONCE
#   in sched_cpu_dying(), at the line of each base (6.12.118, 6.1.192),
#   checked against the sources by scripts/selftest.sh.
rules='unchecked MSR access error: RDMSR from 0xc0010055
FAULT_INJECTION: forcing a failure
6.12: WARNING: CPU: [0-9]+ PID: [0-9]+ at kernel/sched/core.c:8365 sched_cpu_dying[+.]
6.1: WARNING: CPU: [0-9]+ PID: [0-9]+ at kernel/sched/core.c:9670 sched_cpu_dying[+.]'
kbases=" $(grep -a -oE 'Linux version [0-9]+\.[0-9]+' "$con" | awk '{ print $3 }' | sort -u | tr '\n' ' ')"
# compile_rules RULES: allow, the rules that start a block, and line, the
# one-line rules (an empty alternation would match every line, so none
# is "^$.").
compile_rules() {
	allow= line=
	while IFS= read -r re; do
		case $re in "#"* | "") continue ;; esac
		if [[ $re =~ ^([0-9]+\.[0-9]+):\ (.*)$ ]]; then
			case $kbases in *" ${BASH_REMATCH[1]} "*) ;; *) continue ;; esac
			re=${BASH_REMATCH[2]}
		fi
		if [[ $re =~ ^line:\ (.*)$ ]]; then
			line+="${line:+|}${BASH_REMATCH[1]}"
		else
			allow+="${allow:+|}$re"
		fi
	done <<<"$1"
	[ -n "$line" ] || line='^$.'
}
# Each test's rules, one line "ALLOW<tab>LINE" a test in segs; allow and
# line are then all of them together (for the list of allowed lines).
segs=$(mktemp)
trap 'rm -f "$con" "$segs"' EXIT
allfiles=
for f in "${allows[@]}"; do
	r=$rules
	[ "$f" = - ] || { r+=$'\n'$(cat "$f"); allfiles+=$'\n'$(cat "$f"); }
	compile_rules "$r"
	printf '%s\t%s\n' "$allow" "$line" >>"$segs"
done
compile_rules "$rules$allfiles"
allowed=$(grep -a -c -E "$allow|$line" "$con")
# Each line is judged by the rules of its test: the Nth "xhp: running"
# line starts the Nth test's part of the console.
badlines=$(awk -v bad="$bad" -v hdr="$hdr" -v segs="$segs" '
	BEGIN {
		FS = "\t"
		while ((getline l < segs) > 0) { split(l, f, "\t"); A[++ns] = f[1]; L[ns] = f[2] }
		FS = " "; seg = 1; allow = A[1]; line = L[1]
	}
	/^xhp: running / && seen++ && seg < ns { seg++; allow = A[seg]; line = L[seg] }
	$0 ~ line { next }
	$0 ~ allow { skip = 1; next }
	skip && /<\/TASK>|---\[ end trace/ { skip = 0; next }
	skip && /^(ok|not ok) |^xhp: / { skip = 0 }
	skip && $0 ~ hdr { skip = 0 }
	skip { next }
	/\tpid: [0-9]+, name: / {
		if ($0 !~ /name: migration\/[0-9]+$/)
			print NR ":" $0 " (left on a dying CPU)"
		next
	}
	$0 ~ bad { print NR ":" $0 }' "$con" | head -20)
# Each KTAP "not ok", with the test's own reason: the "# " lines just
# before it (at most 3, since the test's previous result).
notok=$(awk '/^ok / { nd = 0; next }
	/^# / { d[++nd] = NR ":" $0; next }
	/^not ok / {
		for (i = (nd > 3 ? nd - 2 : 1); i <= nd; i++) print d[i]
		print NR ":" $0
		nd = 0
	}' "$con")
done_line=$(grep -a -E '^xhp: done rc=' "$con" | tail -n 1)
# Each test's KTAP plan (its first 1..N) and totals (its last "# Totals:"
# line), one line "PLAN|TOTALS" a test ("" for one not found).
ktap=$(awk -v ns="$ntests" '
	BEGIN { seg = 1 }
	/^xhp: running / && seen++ && seg < ns { seg++ }
	/^1\.\.[0-9]+/ && !(seg in P) { p = $0; sub(/^1\.\./, "", p); sub(/[^0-9].*/, "", p); P[seg] = p }
	/^# Totals:/ { T[seg] = $0 }
	END { for (i = 1; i <= ns; i++) print P[i] "|" T[i] }' "$con")
runs=$(grep -a -c -E '^xhp: running ' "$con" || true)
dom0_done=$(grep -a -E '^xhp-dom0: done' "$con" | tail -n 1)
# New kernel lines at warning level: the guest's xhp-warn lines, less
# the timestamp, that no regex of WARN_FILE or of the list below matches
# as a whole.  A report (hdr) or an allowed block is skipped to its end,
# with the frame of a WARN() around it: the console rules above judge
# it; an allowed line alone.
#
# Printed by the stock kernel too, in any test: under TCG the clocksource
# watchdog can find the TSC a millisecond or two off Xen's clock over its
# half-second interval, and marks the TSC unstable (seen at boot of PV
# and PVH dom0s and of the PVHVM domU, stock kernels among them; a skew
# is from 0.5 to 1.8 ms).  Only the TSC against Xen's clock, and only a
# skew under 10 ms (6.12 prints it; 6.1 prints no skew line): a TSC worse
# than that, or Xen's clock marked unstable, fails.
warn_common="clocksource: timekeeping watchdog on CPU[0-9]+: Marking clocksource 'tsc' as unstable because the skew is too large:
clocksource: +'xen' wd_nsec: -?[0-9]+ wd_now: [0-9a-f]+ wd_last: [0-9a-f]+ mask: f+
clocksource: +'tsc' cs_nsec: -?[0-9]+ cs_now: [0-9a-f]+ cs_last: [0-9a-f]+ mask: f+
clocksource: +Clocksource 'tsc' skewed -?[0-9]+ ns \(-?[0-9] ms\) over watchdog 'xen' interval of [0-9]+ ns \([0-9]+ ms\)
clocksource: +'tsc' is current clocksource\.
clocksource: +'xen' \(not 'tsc'\) is current clocksource\."
# The count lines, one a test: their sum.
warn_counts=$(grep -a -c -E '^xhp: [0-9]+ kernel lines at warning level' "$con" || true)
warn_count=$(grep -a -E '^xhp: [0-9]+ kernel lines at warning level' "$con" | awk '{ n += $2 } END { if (NR) print n }')
newwarn=
if [ -n "$warn_file" ]; then
	# wf: "N<tab>REGEX" for each regex of test N's list ("-": test N's
	# lines are not judged).
	wf=$(mktemp)
	trap 'rm -f "$con" "$segs" "$wf"' EXIT
	for i in "${!warns[@]}"; do
		[ "${warns[$i]}" = - ] && continue
		{ echo "$warn_common"; cat "${warns[$i]}"; } | sed "s/^/$((i + 1))\t/" >>"$wf"
	done
	newwarn=$(awk -v wf="$wf" -v segs="$segs" -v hdr="$hdr" '
		BEGIN {
			while ((getline l < wf) > 0) {
				t = index(l, "\t"); k = substr(l, 1, t - 1); re = substr(l, t + 1)
				judged[k] = 1
				if (re !~ /^#/ && re != "") a[k, ++n[k]] = re
			}
			while ((getline l < segs) > 0) { split(l, f, "\t"); A[++ns] = f[1]; L[ns] = f[2] }
			seg = 1
		}
		/^xhp: running / && seen++ && seg < ns { seg++ }
		!/^xhp-warn: / { next }
		{ t = $0; sub(/^xhp-warn: <[0-9]>(\[ *[0-9.]+\] )?/, "", t) }
		!(seg in judged) { next }
		t ~ L[seg] { next }
		t ~ hdr || t ~ A[seg] { skip = 1; next }
		skip && t ~ /<\/TASK>|---\[ end trace/ { skip = 0; next }
		skip { next }
		# The frame of a WARN(): its cut line, the irq state that
		# lockdep prints after the stack, the end marker.
		t ~ /^-+\[ cut here \]-+$|^---\[ end trace|^irq event stamp: |^(hard|soft)irqs last +(en|dis)abled at / { next }
		{ ok = 0
		  for (i = 1; i <= n[seg]; i++) if (t ~ ("^(" a[seg, i] ")$")) ok = 1
		  if (!ok) print NR ":" t " (a warning the stock kernel does not print)" }' "$con" | head -20)
fi

fail() {
	echo "FAIL $*"
	[ -n "$badlines" ] && echo "$badlines" | sed 's/^/  console:/'
	[ -n "$notok" ] && echo "$notok" | sed 's/^/  ktap:/'
	[ -n "$newwarn" ] && echo "$newwarn" | sed 's/^/  warning:/'
	exit 1
}

if [ -n "$badlines" ]; then
	fail "$(echo "$badlines" | head -n 1 | cut -d: -f2- | sed 's/^\[ *[0-9.]*\] //' | cut -c1-100)"
fi
# xen-boot.sh's note of the Xen debug keys it sent: the console line
# after which Xen's dump begins, and why.
keys_note=$(grep -a -E "^xhp-host: Xen.s debug keys .* sent after console line [0-9]+: " "$con" | tail -n 1) || true
dump_line=$(echo "$keys_note" | sed -n -E 's/.* sent after console line ([0-9]+): .*/\1/p')
keys_why=${keys_note#*console line [0-9]*: }
if [ -z "$done_line" ] || [ "$status" = 124 ]; then
	if [ "$status" = 124 ] && [ -n "$dump_line" ] && [[ $keys_why == "the console was silent"* ]]; then
		# Xen answers its serial line whatever a guest does: no line
		# of Xen's after the keys means Xen, or the emulation under
		# it, stopped too.
		if tail -n +"$((dump_line + 1))" "$con" | grep -a -q '^(XEN) '; then
			answer="Xen's dump follows console line $dump_line"
		else
			answer="Xen did not answer its debug keys (no line of Xen's after console line $dump_line): Xen or the emulation under it stopped, not only the guest"
		fi
		echo "FAIL hang: $keys_why; $answer; the 50 lines before the keys:"
		head -n "$dump_line" "$con" | tail -n 50 | sed 's/^/  /'
		exit 1
	fi
	if [ "$status" = 124 ]; then
		echo "FAIL hang: the run hit its hard timeout; last 50 console lines:"
	else
		echo "FAIL no end marker (QEMU exit ${status:-?}); last 50 console lines:"
	fi
	tail -n 50 "$con" | sed 's/^/  /'
	exit 1
fi
[ -z "$notok" ] || fail "$(echo "$notok" | grep -c ':not ok ') KTAP test(s) not ok: $(echo "$notok" | grep -m1 ':not ok ' | cut -d: -f2-)"
[ "$done_line" = "xhp: done rc=0" ] || fail "guest test exited with ${done_line#xhp: done }"
# Each test ran: its KTAP plan, and totals that meet it with nothing
# failed.  (For one test, the messages name none.)
[ "$ntests" = 1 ] || [ "$runs" = "$ntests" ] || fail "$runs of the boot's $ntests tests ran (xhp: running)"
k=0 sum=
while IFS='|' read -r plan totals; do
	k=$((k + 1))
	t=
	[ "$ntests" = 1 ] || t="test $k: "
	[ -n "$plan" ] || fail "${t}no KTAP plan (1..N) on the console"
	[ "$plan" -gt 0 ] || fail "${t}a KTAP plan of no test (1..0)"
	[ -n "$totals" ] || fail "${t}no KTAP totals (# Totals:) on the console"
	ran=$(echo "$totals" | awk '{ n = 0; for (i = 3; i <= NF; i++) { split($i, kv, ":"); n += kv[2] } print n }')
	tfail=$(echo "$totals" | sed -E 's/.* fail:([0-9]+).* error:([0-9]+).*/\1 \2/')
	[ "$tfail" = "0 0" ] || fail "${t}KTAP totals with failures: ${totals#\# }"
	[ "$ran" = "$plan" ] || fail "${t}KTAP plan not met: $ran of 1..$plan"
	sum+="$totals"$'\n'
done <<<"$ktap"
# The totals of all tests, in KTAP's form.
totals=$(printf '%s' "$sum" | awk '{ for (i = 3; i <= NF; i++) { split($i, kv, ":"); n[i] += kv[2]; k[i] = kv[1] } m = NF }
	END { printf "# Totals:"; for (i = 3; i <= m; i++) printf " %s:%d", k[i], n[i]; print "" }')
# A test of normal hot-plug: the guest counted its warning-level lines,
# and each is one the stock kernel prints too.
if [ -n "$warn_file" ]; then
	[ -n "$warn_count" ] || fail "no count of warning-level lines (xhp: N kernel lines at warning level)"
	[ "$ntests" = 1 ] || [ "$warn_counts" = "$ntests" ] ||
		fail "$warn_counts counts of warning-level lines for $ntests tests"
	[ -z "$newwarn" ] || fail "$(echo "$newwarn" | wc -l) new warning-level line(s): $(echo "$newwarn" | head -n 1 | cut -d: -f2- | cut -c1-80)"
fi
# An HVM run: dom0 tests after the domU, and says how that went.
if grep -a -q '^xhp-dom0: ' "$con"; then
	[ "$dom0_done" = "xhp-dom0: done rc=0" ] || fail "dom0 ended with '${dom0_done:-no end marker}'"
fi
# The event ABI the tested kernel (the last to boot) ran on is the one
# its command line asks for: the last xen.fifo_events= counts, false as
# kstrtobool() reads it means 2-level, anything else or none FIFO.  A
# row named TEST@fifo or TEST@2l tested that ABI, or fails.
cmd_at=$(grep -a -n -E '^\[ *0\.0+\] Command line: ' "$con" | tail -n 1 | cut -d: -f1)
[ -n "$cmd_at" ] || fail "no kernel command line on the console"
want_abi=FIFO-based
sed -n "${cmd_at}p" "$con" | grep -o -E ' xen\.fifo_events=[^ ]*' | tail -n 1 |
	grep -q -E '=([nNfF0]|[oO][fF])' && want_abi=2-level
abi=$(tail -n +"$cmd_at" "$con" | grep -a -o -m 1 -E 'xen:events: Using (FIFO-based|2-level) ABI' |
	sed -E 's/.*Using (.*) ABI/\1/')
[ -n "$abi" ] || fail "no event ABI line (xen:events: Using ... ABI) after the command line"
[ "$abi" = "$want_abi" ] || fail "event ABI: the command line asks for $want_abi, the kernel used $abi"
echo "PASS ${totals#\# }${warn_count:+, warning-level lines: $warn_count}, event ABI: $abi"
[ "$allowed" = 0 ] || grep -a -E "$allow|$line" "$con" | sed 's/^/  allowed:/'
