# Events from dom0 stop after the first offline: the port wedged.
. "$XHP_TESTS/evtchn.sh"
. "$FIXTURES/evtchn-kernel.sh"
XHP_FLOOD=1
PP_FLOW=stall
main
