# takes_irqs' busy loop died (a USR1 before its trap was set): the test
# says it is its own failure, not the kernel's.
. "$XHP_TESTS/hotplug.sh"
. "$FIXTURES/hotplug-kernel.sh"
xen_line_names() { echo "callfunc1 callfuncsingle1 resched1 timer1 "; }
DEAF=1
kill() { [ "$1" != -0 ]; }
main
