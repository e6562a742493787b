# Taken up at site 140 with 139 sites and 28 failed writes done in an
# earlier boot: the sweep goes on from there, and the floors count both
# boots (150 sites in all, 11 of them in this boot).
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
fake_debugfs
fake_nth 150 30
XHP_RESUME=1.140.139.28.2.3.1
failslab_sweep
