# Two passes over both bind helpers, 4 IPI and 2 VIRQ calls failed in
# each, and one call let through per helper and pass: 8 online writes a
# pass, 16 in an unbroken run.  Killed at the 15th (the VIRQ helper of
# pass 2, its second write) and taken up after the IPI helper of pass 2:
# the VIRQ helper again, 18 in all.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
. "$FIXTURES/ff-kernel.sh"
. "$FIXTURES/roundtrip.sh"
cycles=2 IPIS=4 VIRQS=2
failing_online() {
	tick
	ff_online
}
DIE_AT=${FF_DIE_AT:-15} roundtrip fail_function_binds
