# A sweep of 150 sites with 30 failed writes passes.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
fake_debugfs
fake_nth 150 30
failslab_sweep
