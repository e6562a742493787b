# Finding 9: a sweep over 10 sites tested too little.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
fake_debugfs
fake_nth 10 10
failslab_sweep
