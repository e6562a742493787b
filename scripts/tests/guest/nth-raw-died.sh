# evtchn-raw died before it said anything: the part fails.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
fake_debugfs
fake_nth 150 30
start_raw() { : >"$2"; /bin/busybox true & raw=$!; }
failslab_sweep
