# Same lines by name, the load shows: all five pass.
. "$XHP_TESTS/hotplug.sh"
. "$FIXTURES/hotplug-kernel.sh"
xen_line_names() { echo "callfunc1 callfuncsingle1 resched1 timer1 "; }
main
