# Finding 9: 150 sites, but only 5 writes failed.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
fake_debugfs
fail_nth() {
	if [ "$1" -gt 150 ]; then echo "write ok injected no"
	elif [ "$1" -le 5 ]; then echo "write ENOMEM injected yes"
	else echo "write ok injected yes"
	fi
}
failslab_sweep
