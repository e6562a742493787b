# Finding 9: with 2 ports left the bring-up cannot bind its four channels.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
cycles=1
fake_hog 28 2
out_of_channels
