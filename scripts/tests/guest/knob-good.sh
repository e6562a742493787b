# The fail knob at each Xen state, every write refused: passes.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
cycles=1
echo 0 >"$XHP_CPUDIR/cpu1/hotplug/fail"
try_online() { return 1; }
fail_knob
