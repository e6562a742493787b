# Finding 16: an IPI load that never reached the CPUs is a failure.
. "$XHP_TESTS/hotplug.sh"
. "$FIXTURES/hotplug-kernel.sh"
xen_line_names() { echo "callfunc1 callfuncsingle1 resched1 timer1 "; }
ipi_count() { echo 7; }
main
