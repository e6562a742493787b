# A race part whose affinity moves were all refused raced nothing (and
# the first part cannot move the interrupts either).
. "$XHP_TESTS/evtchn.sh"
. "$FIXTURES/evtchn-kernel.sh"
PP_NOMOVE=1
main
