# A fresh port block: the bring-up's two page allocations fail in turn,
# and the third attempt fails nothing; with the sweep, a pass.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
fake_debugfs
fake_nth 150 30
fake_pages 2
failslab_sweep
