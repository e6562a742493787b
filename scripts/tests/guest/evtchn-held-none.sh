# An event held behind the mask that never came after the unmask (lost
# across the offline).
. "$XHP_TESTS/evtchn.sh"
. "$FIXTURES/evtchn-kernel.sh"
PP_HELD="held: 0 delivered"
main
