# Finding 9: with 2 ports left the bring-up cannot bind its four channels.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
cycles=1
start_hog() { left=$1; echo "full: 4090 ports bound, errno 28 (No space left on device), left $1" >"$2"; sleep_bg; }
sleep_bg() { (while :; do /bin/busybox sleep 1; done) & hog=$!; }
try_online() { [ "$left" -ge 2 ]; }
out_of_channels
