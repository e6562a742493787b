# A fresh port block, and no page allocation of the writer failed: the
# part tested nothing of fail_page_alloc, and fails.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
fake_debugfs
fake_nth 150 30
fake_pages 0
failslab_sweep
