#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Failed bring-ups must be clean.  For every way the Xen bring-up of cpu1
# can fail, "echo 1 > online" must return an error (no crash, no hang),
# the Xen per-CPU interrupt lines must be what they were before, and the
# next "echo 1 > online" must succeed.
#
#   1. failslab and fail_page_alloc: the Nth allocation of the writer
#      fails, for every N that the bring-up reaches (fail-nth.c arms
#      /proc/self/fail-nth).  One pass: each site once, 34 to 41 failed
#      writes in a pass on 6.12.  First, the bring-up's binds begin a
#      port block the kernel has never used (evtchn-raw), and each page
#      allocation of the writer fails in turn.
#   2. The domain runs out of event channels (evtchn-hog) with 0..6 ports
#      left, so that each bind of the bring-up fails in turn; XHP_CYCLES times.
#   3. The cpuhp fail knob, at each Xen state, XHP_CYCLES times.
#   4. fail_function: the Nth call of bind_ipi_to_irqhandler() or
#      bind_virq_to_irqhandler() made by the writer or by cpu1's hot-plug
#      thread fails, for every N that the bring-up reaches; XHP_CYCLES
#      times.
#
# xhp.test=faults:PARTS on the kernel command line (XHP_PARTS) runs some
# of them, e.g. 234; the default is all four.  The others are KTAP skips.
#
# After each unit of work that a part finished clean (a fail-nth site, an
# out-of-channels attempt, a fail-knob attempt, a fail_function pass of
# one bind helper) the
# test prints "# xhp.resume=P.N...": the part and its counts so far.  A
# boot that the emulation under the guest killed (a PVH dom0 under TCG,
# emulation-fault.sh) is taken up from there: xen-test.sh boots again
# with xhp.resume= (XHP_RESUME) and the parts from P on, and part P goes
# on with its counts, floors included.
#
# Boot with xen.fifo_events=0 (faults.args): the 2-level ABI has 4096
# ports, which evtchn-hog fills in seconds.  A FIFO run (TEST@fifo)
# fills xl's default limit of 1023 in a domU as fast; dom0's FIFO ports
# are not limited, so dom0 runs FIFO without part 2.

. "${XHP_TESTS:-/tests}/lib.sh"

cpu=1
sys=$cpudir/cpu$cpu
cycles=${XHP_CYCLES:-10}
parts=${XHP_PARTS:-1234}

# Floors: a part that tested less than this tested too little, and fails.
# Measured: the fail-nth sweep reaches 143 sites with 33 failed writes on
# 6.12 (PVH dom0), 161 with 40 on 6.1 (PV dom0).  Every bring-up binds
# at least four channels of its own (the timer VIRQ and three IPIs), so
# with 0 to 3 ports left the write must be refused, and fail_function
# must fail at least three IPI binds and one VIRQ bind a pass.
min_sites=100
min_failed_writes=20
min_refused_leave=3
min_binds_ipi=3
min_binds_virq=1

# What the tests do to the kernel, one function each (the self-test's
# fixtures put their own in place).
#   try_online: echo 1 > online; its status is the write's.
try_online() {
	echo 1 >"$sys/online" 2>/dev/null
}

#   fail_nth N: online with the Nth fault site of the write failed
#   ("write ok|ERR injected yes|no").
fail_nth() {
	"$XHP_TESTS/fail-nth" "$1" "$sys/online" 1
}

#   start_raw MIN OUT: evtchn-raw in the background, its output in OUT.
start_raw() {
	"$XHP_TESTS/evtchn-raw" "$1" >"$2" &
	raw=$!
}

#   start_hog LEAVE OUT: evtchn-hog in the background, its output in OUT.
start_hog() {
	"$XHP_TESTS/evtchn-hog" "$1" >"$2" &
	hog=$!
}

#   failing_online: online, with the writer's fault-injection on.  The
#   subshell is the writer: its echo is a builtin.
failing_online() {
	(echo 1 >/proc/self/make-it-fail && echo 1 >"$sys/online") 2>/dev/null
}

#   cpuhp_thread_dir: /proc/PID of cpuN's hot-plug thread.
cpuhp_thread_dir() {
	for d in /proc/[0-9]*; do
		[ "$(cat "$d/comm" 2>/dev/null)" = "cpuhp/$cpu" ] && echo "$d"
	done
}

# One failed attempt: the write fails or succeeds; either way the CPU ends
# in a consistent state.  Prints why on failure.
#   attempt_clean BASELINE: after a failed write, cpu1 is offline and the
#   Xen lines are back at BASELINE; after a successful one, it has its IPIs.
attempt_clean() {
	if is_online "$cpu"; then
		has_ipis "$cpu"
	else
		now=$(xen_line_count)
		[ "$now" -eq "$1" ] || { echo "# cpu$cpu offline with $now Xen lines, $1 before"; return 1; }
	fi
}

retry_online() {
	is_online "$cpu" || set_online "$cpu" 1 || return 1
	has_ipis "$cpu" && takes_irqs "$cpu"
}

# After one injected failure (parts 1 and 4): clean, the retry succeeds,
# and offline again the Xen lines are back at BASELINE.
#   injected_clean BASELINE WHAT RESULT
injected_clean() {
	attempt_clean "$1" || { echo "# $2 ($3): not clean"; return 1; }
	retry_online || { echo "# $2 ($3): retry failed"; return 1; }
	set_online "$cpu" 0 || return 1
	[ "$(xen_line_count)" -eq "$1" ] ||
		{ echo "# $2: $(xen_line_count) lines after offline, $1 before"; return 1; }
}

# resume P NAME...: if XHP_RESUME is for part P, sets each NAME in turn
# to the number there and returns 0; else returns 1.  A token with too
# few or too many numbers for the part bails out.
resume() {
	rp=$1
	shift
	case ${XHP_RESUME:-} in
	"$rp".*) ;;
	*) return 1 ;;
	esac
	rv=${XHP_RESUME#*.}.
	for name; do
		v=${rv%%.*}
		case $v in
		'' | *[!0-9]*) ktap_exit_fail_msg "xhp.resume=$XHP_RESUME: part $rp takes $# numbers" ;;
		esac
		eval "$name=$v"
		rv=${rv#*.}
	done
	[ -z "$rv" ] || ktap_exit_fail_msg "xhp.resume=$XHP_RESUME: part $rp takes $# numbers"
	ktap_print_msg "part $rp taken up at xhp.resume=$XHP_RESUME"
}

# resume_point P N...: where a boot killed now would be taken up; only
# while the part is clean.
resume_point() {
	$ok || return 0
	ktap_print_msg "xhp.resume=$(echo "$*" | tr ' ' .)"
}

# notok: the part failed.  Said at once, "# xhp.failed", so that a boot
# killed before the part's "not ok" is neither taken up nor run again
# (emulation-fault.sh).
notok() {
	! $ok || ktap_print_msg "xhp.failed"
	ok=false
}

# resume_check COND...: a token whose numbers no boot could have printed
# (COND, a test(1) expression, false) bails out.
resume_check() {
	[ "$@" ] || ktap_exit_fail_msg "xhp.resume=$XHP_RESUME: not a place this test stops at ($*)"
}

# setup VALUE FILE: a write that a part needs; a failed one is a failure
# (without debugfs nothing would be failed, and every part would pass).
setup() {
	echo "$1" >"$2" 2>/dev/null || { echo "# cannot write $1 to $2"; return 1; }
}

# 1. failslab and fail_page_alloc through fail-nth: the Nth fault site of
#    the writer fails, slab or page allocation.  Reclaiming allocations
#    (GFP_KERNEL) must be failable too.  A sweep that does not reach its
#    end within $max sites is a failure: its coverage would be partial.
#    Fault-nth alone never fails a page allocation there: the kernel
#    allocates pages in a bind only for the first port of a 1024-port
#    block it has never used (a row of the port-to-irq table; on FIFO a
#    page of the event array), and keeps them; the row of the block
#    after the boot's ports is allocated during the first pass that gets
#    that far (a best-effort allocation before it fails without stopping
#    the bring-up).  So fresh_pages runs first: for attempt k, evtchn-raw
#    takes every free port up to the end of block k straight from Xen,
#    and fail_page_alloc fails the kth page allocation of the writer.
#    An attempt that fails nothing ends it.  Where the domain's port
#    limit comes first (a domU under xl: 1023 ports) it says so and
#    passes; with a fresh block, at least one page must have failed.
#    Run before part 2, whose binds through /dev/xen/evtchn allocate
#    every block.
fresh_pages() {
	pa=$dbg/fail_page_alloc pages=0 blk=1 blocks=0 fresh_done=false
	setup 0 "$pa/min-order" && setup N "$pa/ignore-gfp-wait" && setup Y "$pa/task-filter" &&
		setup 1 "$pa/interval" && setup 0 "$pa/verbose" && setup 100 "$pa/probability" || notok
	while [ $blk -le 16 ] && $ok; do
		rm -f /tmp/raw.out
		start_raw $((blk * 1024 - 1)) /tmp/raw.out
		while ! grep -qE '^(upto|limit) ' /tmp/raw.out 2>/dev/null; do
			kill -0 $raw 2>/dev/null || { echo "# evtchn-raw died: $(cat /tmp/raw.out)"; notok; break; }
			sleep 0.2
		done
		$ok || break
		[ $blk = 1 ] && ktap_print_msg "evtchn-raw: $(cat /tmp/raw.out)"
		if grep -q '^limit ' /tmp/raw.out; then
			wait $raw 2>/dev/null
			break
		fi
		blocks=$blk
		setup $blk "$pa/space" && setup 1 "$pa/times" || { notok; break; }
		if failing_online; then out="write ok"; else out="write failed"; fi
		kill $raw
		wait $raw 2>/dev/null
		if [ "$(cat "$pa/times")" = 1 ]; then
			# Nothing failed: every page allocation of the bring-up let through.
			is_online "$cpu" && set_online "$cpu" 0
			[ "$out" = "write ok" ] || { echo "# fresh block $blk: the write failed with nothing injected"; notok; }
			fresh_done=true
			break
		fi
		pages=$((pages + 1))
		injected_clean "$base" "fresh block $blk, page allocation $blk" "$out" || { notok; break; }
		blk=$((blk + 1))
	done
	setup 0 "$pa/probability" || notok
	fresh_message "$(cat /tmp/raw.out 2>/dev/null)"
	[ $blocks = 0 ] || [ $pages -ge 1 ] || ! $ok ||
		{ echo "# fail_page_alloc: the bring-up began a fresh port block, and no page allocation failed"; notok; }
}

# fresh_message RAW: what fresh_pages did (RAW: evtchn-raw's last words).
fresh_message() {
	if [ $blocks = 0 ]; then
		fresh="no fresh port block: $1"
	else
		fresh="$pages page allocations failed in turn, $blocks fresh port blocks"
		$fresh_done || fresh="$fresh, the blocks ran out first"
	fi
}

failslab_sweep() {
	ok=true injected=0 failed_writes=0 n=1 max=400 swept=false
	if resume 1 n injected failed_writes pages blocks fd; then
		resume_check $injected -eq $((n - 1)) -a $failed_writes -le $injected -a $n -le $((max + 1))
		fresh_done=false
		[ "$fd" = 0 ] || fresh_done=true
		fresh_message "(an earlier boot)"
	else
		fresh_pages
		fd=0
		! $fresh_done || fd=1
		resume_point 1 $n $injected $failed_writes $pages $blocks $fd
	fi
	for a in failslab fail_page_alloc; do
		setup N "$dbg/$a/ignore-gfp-wait" && setup 0 "$dbg/$a/verbose" || notok
	done
	setup 0 "$dbg/fail_page_alloc/min-order" || notok	# default 1 spares single pages
	# One bring-up first, in every boot: the first that gets past the
	# boot's ports allocates a row of the port-to-irq table once, which
	# would shift the sites of that attempt by one, and leave one site
	# untested in a boot taken up at its middle.
	{ retry_online && set_online "$cpu" 0 && attempt_clean "$base"; } ||
		{ echo "# the bring-up before the sweep: not clean"; notok; }
	while [ $n -le $max ] && $ok; do
		out=$(fail_nth $n)
		case $out in
		"write ok injected no")	# every site seen
			is_online "$cpu" && set_online "$cpu" 0
			swept=true
			break
			;;
		*"injected no")
			echo "# fail-nth $n: $out: the write failed with nothing injected"
			notok
			break
			;;
		esac
		injected=$((injected + 1))
		case $out in
		"write ok"*) ;;
		*) failed_writes=$((failed_writes + 1)) ;;
		esac
		injected_clean "$base" "fail-nth $n" "$out" || { notok; break; }
		n=$((n + 1))
		resume_point 1 $n $injected $failed_writes $pages $blocks $fd
	done
	$swept || ! $ok || { echo "# fail-nth: more than $max sites, sweep cut short"; notok; }
	[ $injected -ge $min_sites ] || ! $ok ||
		{ echo "# fail-nth: $injected sites, fewer than $min_sites: the sweep tested too little"; notok; }
	[ $failed_writes -ge $min_failed_writes ] || ! $ok ||
		{ echo "# fail-nth: $failed_writes failed writes, fewer than $min_failed_writes"; notok; }
	ktap_print_msg "fail_page_alloc: $fresh"
	ktap_print_msg "failslab and fail_page_alloc: $injected sites, $failed_writes failed writes"
	ktap_test_result "failslab and fail_page_alloc at each of $injected allocation sites of the bring-up" $ok
}

# 2. Out of event channels, with 0..6 ports left: each value makes a
#    different bind of the bring-up fail (timer VIRQ, each IPI, the debug
#    VIRQ of the 2-level ABI, the PV irq_work IPI, the spinlock kicker).
#    Online either fails cleanly or succeeds with the CPU's IPIs; with
#    0 to $min_refused_leave ports left it must fail.
out_of_channels() {
	ok=true i=0 refused=0 from=0
	if resume 2 i from refused; then
		resume_check $from -le 6 -a $i -le "$cycles" -a $refused -le $((i * 7 + from))
	fi
	while [ $i -lt "$cycles" ] && $ok; do
		for leave in 0 1 2 3 4 5 6; do
			[ $leave -ge $from ] || continue
			rm -f /tmp/hog.out
			start_hog $leave /tmp/hog.out
			while ! grep -q full /tmp/hog.out 2>/dev/null; do
				kill -0 $hog 2>/dev/null || { echo "# evtchn-hog died: $(cat /tmp/hog.out)"; notok; break; }
				sleep 0.2
			done
			$ok || break
			[ $i = 0 ] && [ $leave = 0 ] && ktap_print_msg "evtchn-hog: $(cat /tmp/hog.out)"
			# The domain is full when Xen says so: ENOSPC.
			grep -q ' errno 28 ' /tmp/hog.out ||
				{ echo "# evtchn-hog stopped on another error: $(cat /tmp/hog.out)"; notok; }
			if try_online; then
				# Too few ports left, and yet the bring-up bound its channels.
				[ $leave -gt $min_refused_leave ] ||
					{ echo "# $leave ports left: online succeeded"; notok; }
			else
				refused=$((refused + 1))
			fi
			attempt_clean "$base" || { echo "# $leave ports left: not clean"; notok; }
			kill $hog
			wait $hog 2>/dev/null
			retry_online || { echo "# $leave ports left: retry failed"; notok; }
			set_online "$cpu" 0 || notok
			$ok || break
			if [ $leave = 6 ]; then
				resume_point 2 $((i + 1)) 0 $refused
			else
				resume_point 2 $i $((leave + 1)) $refused
			fi
		done
		from=0
		i=$((i + 1))
	done
	ktap_print_msg "out of event channels: $refused of $((i * 7)) writes refused"
	ktap_test_result "out of event channels with 0-6 ports left, $i times: clean failure or success, then success" $ok
}

# 3. The cpuhp fail knob at each Xen state (startup of that state fails):
#    every state of the kernel with xen in its name, and at least the two
#    that every base has and the one of the series that binds the
#    channels.
fail_knob() {
	ok=true
	names=$(awk '{ $1 = ""; print substr($0, 2) }' "$cpudir/hotplug/states" | grep xen)
	for name in x86/xen/guest:prepare xen/evtchn:prepare x86/xen/guest:channels; do
		echo "$names" | grep -qx "$name" || { echo "# no cpuhp state $name"; notok; }
	done
	si=0 from_si=1 from_i=0
	if resume 3 from_si from_i; then
		resume_check $from_si -ge 1 -a $from_si -le $(echo "$names" | wc -w) -a $from_i -le "$cycles"
	fi
	for name in $names; do
		si=$((si + 1))
		[ $si -ge $from_si ] || continue
		st=$(cpuhp_state "$name")
		[ -n "$st" ] || { echo "# no number for cpuhp state $name"; notok; continue; }
		i=0
		[ $si != $from_si ] || i=$from_i
		while [ $i -lt "$cycles" ] && $ok; do
			setup "$st" "$sys/hotplug/fail" || { notok; break; }
			if try_online; then
				echo "# fail knob at $st ($name): online succeeded"
				notok
			fi
			attempt_clean "$base" || notok
			retry_online || notok
			set_online "$cpu" 0 || notok
			i=$((i + 1))
			resume_point 3 $si $i
		done
		ktap_print_msg "fail knob at $st ($name): $i attempts"
	done
	ktap_test_result "cpuhp fail knob at each Xen state, $cycles times each" $ok
}

# 4. fail_function on the bind helpers (they allow error injection since
#    "xen/events: allow error injection into the IPI and VIRQ bind
#    helpers").  Only the writer and cpu1's hot-plug thread, which binds
#    the spinlock kicker, may fail (task-filter and make-it-fail); "space"
#    lets the first N calls through (a call costs 1, and the call that
#    finds space at 1 fails); "times" 1 fails one call at most, so a
#    "times" still at 1 afterwards means the bring-up made no N+1th call.
fail_function_binds() {
	ff=$dbg/fail_function
	hp=$(cpuhp_thread_dir)
	if [ ! -d "$ff" ]; then
		# The test config has CONFIG_FAIL_FUNCTION: a kernel without it
		# tests nothing here.
		ktap_test_fail "fail_function on the bind helpers: no $ff"
	elif [ -z "$hp" ]; then
		ktap_test_fail "fail_function on the bind helpers: no cpuhp/$cpu thread"
	else
		ok=true total=0 c=0 from=0
		if resume 4 c from total; then
			resume_check $c -le "$cycles" -a $from -le 1 -a \
				$total -ge $((c * (min_binds_ipi + min_binds_virq) + from * min_binds_ipi))
		fi
		setup Y "$ff/task-filter" && setup 100 "$ff/probability" &&
			setup 1 "$ff/interval" && setup 0 "$ff/verbose" &&
			setup 1 "$hp/make-it-fail" || notok
		while [ $c -lt "$cycles" ] && $ok; do
			c=$((c + 1)) f=0
			for fn in bind_ipi_to_irqhandler bind_virq_to_irqhandler; do
				f=$((f + 1))
				[ $f -gt $from ] || continue
				echo >"$ff/inject"
				if ! echo "$fn" >"$ff/inject" 2>/dev/null; then
					echo "# fail_function: $fn does not allow error injection"
					notok
					break
				fi
				setup "$(printf %#x -28)" "$ff/$fn/retval" || { notok; break; }	# -ENOSPC
				n=0 injected=0 failed_writes=0
				while [ $n -lt 40 ]; do
					setup $((n + 1)) "$ff/space" && setup 1 "$ff/times" || { notok; break; }
					if failing_online; then
						out="write ok"
					else
						out="write failed"
						failed_writes=$((failed_writes + 1))
					fi
					if [ "$(cat "$ff/times")" = 1 ]; then
						# Nothing injected: every call of the bring-up let through.
						is_online "$cpu" && set_online "$cpu" 0
						[ "$out" = "write ok" ] || { echo "# $fn: write failed with nothing injected"; notok; }
						break
					fi
					injected=$((injected + 1))
					injected_clean "$base" "$fn call $((n + 1))" "$out" || { notok; break; }
					n=$((n + 1))
				done
				ktap_print_msg "fail_function $fn, pass $c: $injected calls failed in turn, $failed_writes failed writes"
				case $fn in
				bind_ipi_to_irqhandler) min=$min_binds_ipi ;;
				*) min=$min_binds_virq ;;
				esac
				[ $injected -ge $min ] || ! $ok ||
					{ echo "# fail_function: $injected calls of $fn failed, fewer than $min"; notok; }
				total=$((total + injected))
				$ok || break
				if [ $f = 2 ]; then
					resume_point 4 $c 0 $total
				else
					resume_point 4 $((c - 1)) $f $total
				fi
			done
			from=0
		done
		echo >"$ff/inject"
		echo 0 >"$hp/make-it-fail"
		ktap_test_result "fail_function at each bind of the bring-up, $c times ($total calls)" $ok
	fi
}

main() {
	ktap_print_header
	if [ ! -w "$sys/online" ]; then
		ktap_skip_all "needs cpu$cpu to be hot-pluggable"
		exit "$KSFT_SKIP"
	fi
	ktap_set_plan 4
	# A boot taken up at part P (xhp.resume=P.N...) runs P and the parts
	# after it, none before.
	if [ -n "${XHP_RESUME:-}" ]; then
		rp=${XHP_RESUME%%.*}
		case $rp in
		[1-4]) ;;
		*) ktap_exit_fail_msg "xhp.resume=$XHP_RESUME: not P.N... with a part P of 1 to 4" ;;
		esac
		case $parts in
		*$rp*) ;;
		*) ktap_exit_fail_msg "xhp.resume=$XHP_RESUME: part $rp is not in parts $parts" ;;
		esac
		[ "$rp" = 1 ] || case $parts in
		*[1-$((rp - 1))]*) ktap_exit_fail_msg "xhp.resume=$XHP_RESUME: parts $parts run a part before $rp again" ;;
		esac
	fi
	set_online "$cpu" 0 || ktap_exit_fail_msg "cannot take cpu$cpu offline"
	base=$(xen_line_count)
	ktap_print_msg "cpu$cpu offline, Xen per-CPU lines: $base"

	# The parts that XHP_PARTS selects run; the others are reported skipped.
	p=0
	for part in failslab_sweep out_of_channels fail_knob fail_function_binds; do
		p=$((p + 1))
		case $parts in
		*$p*) "$part" ;;
		*) ktap_test_skip "part $p ($part): not in parts $parts" ;;
		esac
	done

	set_online "$cpu" 1
	ktap_finished
}

[ -n "${XHP_FIXTURE:-}" ] || main
