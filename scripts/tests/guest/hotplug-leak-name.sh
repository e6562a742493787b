# Finding 16: the same number of lines, not the same lines: timer1 leaked,
# callfunc1 went missing.
. "$XHP_TESTS/hotplug.sh"
. "$FIXTURES/hotplug-kernel.sh"
xen_line_names() {
	if [ -f "$FX/names" ]; then echo "callfunc1 resched1 timer1 timer1 "
	else touch "$FX/names"; echo "callfunc1 callfuncsingle1 resched1 timer1 "
	fi
}
main
