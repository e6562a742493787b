# Finding 5: a write that fails with nothing injected ends the sweep red.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
fake_debugfs
fail_nth() { echo "write ENOMEM injected no"; }
failslab_sweep
