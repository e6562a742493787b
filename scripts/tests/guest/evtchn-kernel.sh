# A fake kernel for evtchn.sh: cpu1 hot-pluggable, evtchn-pingpong's
# eight interrupts, which take 10 events on cpu1 a read while there, and
# a count that the fixture sets (PP_SUM; default: all arrived).
. "$FIXTURES/stubs.sh"
echo 1 >"$XHP_CPUDIR/cpu1/online"
start_pingpong() { echo on >"$FX/pp"; }
# The held event: the two ports of one pair, then the count (PP_HELD).
start_helper() {
	echo on >"$FX/pp"
	PP_IRQS_NOW=${PP_HELD_IRQS:-40 41}
	[ "$2" != sink ] || PP_IRQS_NOW=50
}
# Events from dom0 (XHP_FLOOD=1): flowing at each look, or not at all
# (PP_FLOW=none), or for the first two looks only (PP_FLOW=stall).
flowing() {
	n=$(($(cat "$FX/looks" 2>/dev/null || echo 0) + 1))
	echo $n >"$FX/looks"
	case ${PP_FLOW:-} in
	none) return 1 ;;
	stall) [ $n -le 2 ] ;;
	esac
}
release_held() {
	rm -f "$FX/pp"
	PP_IRQS_NOW=
	held_sum=${PP_HELD-held: 1 delivered}
}
stop_pingpong() {
	rm -f "$FX/pp"
	pp_sum=${PP_SUM:-sent 400 received 400 lost 0 spurious 0 rebinds 8}
}
pp_irqs() { [ -f "$FX/pp" ] || [ -n "${PP_LEAK:-}" ] && echo "${PP_IRQS_NOW:-${PP_IRQS:-40 41 42 43 44 45 46 47}}" | tr ' ' '\n'; }

irqs_on() {
	n=$(cat "$FX/on" 2>/dev/null || echo 0)
	[ -n "${PP_IDLE:-}" ] || n=$((n + 10))
	echo $n >"$FX/on"
	echo $n
}
xen_line_names() { echo "callfunc1 callfuncsingle1 resched1 timer1 "; }
# The mover's writes: each takes, unless PP_NOMOVE.
move_irq() { [ -z "${PP_NOMOVE:-}" ]; }
# The writer takes its time, as on a real guest: the mover runs meanwhile.
writer() { /bin/busybox sleep 0.3; }
