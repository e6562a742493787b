# A fake kernel for hotplug.sh: cpu1 hot-pluggable, its IPI counter
# moves by 100 a read while the load runs, and stands still otherwise.
. "$FIXTURES/stubs.sh"
echo 1 >"$XHP_CPUDIR/cpu1/online"
echo 0 >"$FX/ipis"
is_online() { :; }
start_ipi_load() { echo on >"$FX/load"; }
stop_ipi_load() { rm -f "$FX/load"; }
ipi_count() {
	n=$(cat "$FX/ipis")
	[ -f "$FX/load" ] && n=$((n + 100)) && echo $n >"$FX/ipis"
	echo $n
}
# takes_irqs itself runs: its tasks and reads are stubbed, and the
# CPU's resched, callfuncsingle and timer counts move with each call.
# taskset -c CPU sh -c SCRIPT READY: the busy loop, started and ready.
taskset() {
	[ "$3" = sh ] && : >"$6"
	return 0
}
dd() { :; }
kill() { :; }
renice() { :; }
irq_count() {
	n=$(cat "$FX/irqs" 2>/dev/null || echo 0)
	[ -n "${DEAF:-}" ] || n=$((n + 1))
	echo $n >"$FX/irqs"
	echo $n
}
