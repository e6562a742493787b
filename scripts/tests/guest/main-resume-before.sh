# A boot taken up at part 3 that would run parts 1 and 2 again: bails out.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
parts=1234
XHP_RESUME=3.1.0
main
