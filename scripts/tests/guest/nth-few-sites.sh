# Finding 9: a sweep over 10 sites tested too little.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
fake_debugfs
fail_nth() { [ "$1" -le 10 ] && echo "write ENOMEM injected yes" || echo "write ok injected no"; }
failslab_sweep
