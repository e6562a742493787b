# Issue 18: one event of 400 lost.
. "$XHP_TESTS/evtchn.sh"
. "$FIXTURES/evtchn-kernel.sh"
PP_SUM="sent 400 received 399 lost 1 spurious 0 rebinds 8"
main
