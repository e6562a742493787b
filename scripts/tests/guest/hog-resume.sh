# Taken up at the attempt with 5 ports left, 3 refused before: the two
# attempts left both succeed (the bring-up needs 4), 3 of 7 refused.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
cycles=1
fake_hog 28 4
XHP_RESUME=2.0.5.3
out_of_channels
