# A part that fails prints no place to take it up after the failure: the
# last token is the one before it (1 port left, online succeeds).
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
cycles=1
fake_hog 28 1
out=$(out_of_channels)
echo "$out"
echo "# last token: $(echo "$out" | grep "xhp.resume=" | tail -n 1 | sed "s/^# //")"
