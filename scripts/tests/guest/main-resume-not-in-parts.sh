# A token for part 3 in a boot of parts 1 and 2: bails out.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
parts=12
XHP_RESUME=3.1.0
main
