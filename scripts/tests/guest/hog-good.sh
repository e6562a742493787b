# Refused with 0 to 4 ports left, as the PVHVM domU on 6.12: passes.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
cycles=1
fake_hog 28 5
out_of_channels
