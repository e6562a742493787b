# A token for a part the test does not have: bails out.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
parts=1234
XHP_RESUME=5.1
main
