# Interrupts that never fired on the CPU taken offline: the affinity did
# not take, and the offline moved nothing.
. "$XHP_TESTS/evtchn.sh"
. "$FIXTURES/evtchn-kernel.sh"
PP_IDLE=1
main
