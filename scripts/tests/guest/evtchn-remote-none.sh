# No event from dom0 at all (its flood did not start).
. "$XHP_TESTS/evtchn.sh"
. "$FIXTURES/evtchn-kernel.sh"
XHP_FLOOD=1
PP_FLOW=none
main
