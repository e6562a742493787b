# The sweep skips the AP states from idle:dead up to cpu:teardown (the
# core cannot stop there) and steps to every other state; a step to one
# of those AP states would fail here.
. "$XHP_TESTS/stepdown.sh"
. "$FIXTURES/stubs.sh"
cat >"$XHP_CPUDIR/hotplug/states" <<'EOS'
  0: offline
 49: x86/xen/guest:prepare
 50: xen/evtchn:prepare
 51: x86/xen/guest:channels
 92: idle:dead
 93: ap:offline
 95: sched:starting
 99: ap:online
100: cpu:teardown
102: sched:waitempty
235: online
EOS
start_ipi_load() { :; }
stop_ipi_load() { :; }
down_up() { case $1 in 92 | 93 | 95 | 99) return 1 ;; 100) return 2 ;; esac; }
up_up() { down_up "$1"; }
XHP_SWEEP=all
main
