# 150 sites, each injected once in an unbroken sweep.  Killed while the
# 60th is checked and taken up there: that site again, 151 in all.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
. "$FIXTURES/roundtrip.sh"
fake_debugfs
fake_nth 150 30
injected_clean() { tick; }
DIE_AT=60 roundtrip failslab_sweep
