# Issue 13: a CPU back online with its lines but whose counts never
# move (v1's deaf vCPU on the 2-level ABI) fails.
. "$XHP_TESTS/hotplug.sh"
. "$FIXTURES/hotplug-kernel.sh"
DEAF=1
xen_line_names() { echo "callfunc1 callfuncsingle1 resched1 timer1 "; }
main
