# A user channel still bound after the helper exited.
. "$XHP_TESTS/evtchn.sh"
. "$FIXTURES/evtchn-kernel.sh"
PP_LEAK=1
main
