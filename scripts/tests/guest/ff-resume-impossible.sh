# Taken up after both passes with no call failed: no boot printed this
# (each pass fails at least 3 IPI and 1 VIRQ bind).  Bails out.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
. "$FIXTURES/ff-kernel.sh"
cycles=2 IPIS=4 VIRQS=2
XHP_RESUME=4.2.0.0
fail_function_binds
