# The port blocks run out (2-level: 4096 ports) after two of five page
# allocations: said, and a pass (each failure was clean).
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
fake_debugfs
fake_nth 150 30
fake_pages 5 2
failslab_sweep
