# Events from dom0 come at every look: the part passes.
. "$XHP_TESTS/evtchn.sh"
. "$FIXTURES/evtchn-kernel.sh"
XHP_FLOOD=1
main
