# Three states, two attempts each: 6 in an unbroken run.  Killed in its
# 4th attempt (state 2, second attempt) and taken up: that attempt again,
# 7 in all.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
. "$FIXTURES/roundtrip.sh"
cycles=2
echo 0 >"$XHP_CPUDIR/cpu1/hotplug/fail"
try_online() { tick; return 1; }
DIE_AT=4 roundtrip fail_knob
