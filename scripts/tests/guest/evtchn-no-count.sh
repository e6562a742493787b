# A helper that died before its count (the last line is its ports).
. "$XHP_TESTS/evtchn.sh"
. "$FIXTURES/evtchn-kernel.sh"
PP_SUM="ports 5-6 7-8 9-10 11-12"
main
