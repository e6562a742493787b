# Two cycles of 7 attempts: 14 in an unbroken run, 4 refused a cycle.
# Killed in the first attempt of the second cycle (the token is the one
# at the end of a cycle) and taken up: that attempt again, 15 in all.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
. "$FIXTURES/roundtrip.sh"
cycles=2
fake_hog 28 4
start_hog() {
	tick
	left=$1
	echo "full: 4090 ports bound, errno 28 (fake), $1 left" >"$2"
	(while :; do /bin/busybox sleep 1; done) &
	hog=$!
}
DIE_AT=8 roundtrip out_of_channels
