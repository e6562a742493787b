# Finding 6: no xen/evtchn:prepare would write an empty target: a failure.
. "$XHP_TESTS/stepdown.sh"
. "$FIXTURES/stubs.sh"
grep -v 'xen/evtchn:prepare' "$XHP_CPUDIR/hotplug/states" >"$FX/states"
mv "$FX/states" "$XHP_CPUDIR/hotplug/states"
main
