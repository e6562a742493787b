# Taken up at site 15 of a bring-up with 20 sites: 20 in all over both
# boots, fewer than the floor.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
fake_debugfs
fake_nth 20 5
XHP_RESUME=1.15.14.5.0.0.0
failslab_sweep
