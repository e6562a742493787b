# Taken up at the second Xen state after one of its two attempts: one
# attempt there, two at the third, none at the first.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
cycles=2
echo 0 >"$XHP_CPUDIR/cpu1/hotplug/fail"
tries=0
try_online() { tries=$((tries + 1)); return 1; }
XHP_RESUME=3.2.1
fail_knob
echo "# online tried $tries times"
