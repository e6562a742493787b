# Stubs shared by the fixtures (busybox sh, sourced after the test).

# A fake cpu1 and the hot-plug states every base has.
mkdir -p "$XHP_CPUDIR/cpu1/hotplug" "$XHP_CPUDIR/hotplug"
echo 0 >"$XHP_CPUDIR/cpu1/online"
echo 0 >"$XHP_CPUDIR/cpu1/hotplug/target"
cat >"$XHP_CPUDIR/hotplug/states" <<'EOS'
  0: offline
 49: x86/xen/guest:prepare
 50: xen/evtchn:prepare
 51: x86/xen/guest:channels
235: online
EOS

# debugfs as the test config gives it.
fake_debugfs() {
	for d in failslab fail_page_alloc fail_function; do mkdir -p "$XHP_DEBUGFS/$d"; done
}

# The CPU's state and lines: always clean.
set_online() { :; }
is_online() { return 1; }
has_ipis() { :; }
xen_line_count() { echo 12; }
attempt_clean() { :; }
retry_online() { :; }
injected_clean() { :; }
sleep() { :; }
