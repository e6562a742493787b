# Four pairs are eight ports, eight interrupts; six means some port has
# none (or another process has the name).
. "$XHP_TESTS/evtchn.sh"
. "$FIXTURES/evtchn-kernel.sh"
PP_IRQS="40 41 42 43 44 45"
main
