# A sweep with no cpu:teardown state to bound the AP states: a failure.
. "$XHP_TESTS/stepdown.sh"
. "$FIXTURES/stubs.sh"
grep -v 'xen/guest:channels' "$XHP_CPUDIR/hotplug/states" >"$FX/states"
echo " 92: idle:dead" >>"$FX/states"
mv "$FX/states" "$XHP_CPUDIR/hotplug/states"
start_ipi_load() { :; }
stop_ipi_load() { :; }
XHP_SWEEP=all
main
