# Taken up at site 140 with only 10 sites counted before: 21 in all,
# fewer than the floor.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
fake_debugfs
fake_nth 150 30
XHP_RESUME=1.140.10.2.0.0.0
failslab_sweep
