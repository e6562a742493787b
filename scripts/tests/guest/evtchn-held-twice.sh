# Two events after the unmask where one was held.
. "$XHP_TESTS/evtchn.sh"
. "$FIXTURES/evtchn-kernel.sh"
PP_HELD="held: 2 delivered"
main
