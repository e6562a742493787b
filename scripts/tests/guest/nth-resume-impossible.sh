# Taken up at site 140 with 10 sites counted: every site before n was
# injected, so no boot printed this.  Bails out.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
fake_debugfs
fake_nth 150 30
XHP_RESUME=1.140.10.2.0.0.0
failslab_sweep
