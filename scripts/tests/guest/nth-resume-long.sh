# A token with seven numbers for part 1, which takes six: bails out.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
fake_debugfs
fake_nth 150 30
XHP_RESUME=1.140.139.28.2.3.1.9
failslab_sweep
