# Finding 9: without debugfs nothing is failable; the setup writes fail.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
fail_nth() { echo "write ok injected no"; }
failslab_sweep
