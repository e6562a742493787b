# Finding 9: 150 sites, but only 5 writes failed.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
fake_debugfs
fake_nth 150 5
failslab_sweep
