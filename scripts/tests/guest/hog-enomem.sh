# Finding 9: the hog must stop because Xen has no port left (ENOSPC).
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
cycles=1
start_hog() { echo "full: 4000 ports bound, errno 12 (Cannot allocate memory)" >"$2"; sleep_bg; }
sleep_bg() { (while :; do /bin/busybox sleep 1; done) & hog=$!; }
try_online() { return 1; }
out_of_channels
