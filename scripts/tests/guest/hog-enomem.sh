# Finding 9: the hog must stop because Xen has no port left (ENOSPC).
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
cycles=1
fake_hog 12 99
out_of_channels
