# Finding 9: the fail knob needs every Xen state; one is missing.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
cycles=1
grep -v 'xen/evtchn:prepare' "$XHP_CPUDIR/hotplug/states" >"$FX/states"
mv "$FX/states" "$XHP_CPUDIR/hotplug/states"
try_online() { return 1; }
fail_knob
