# The busy loop of takes_irqs must run at nice -20 (else the IPI load can
# share its CPU and no kick is an IPI): a renice that fails fails.
. "$XHP_TESTS/hotplug.sh"
. "$FIXTURES/hotplug-kernel.sh"
renice() { return 1; }
xen_line_names() { echo "callfunc1 callfuncsingle1 resched1 timer1 "; }
main
