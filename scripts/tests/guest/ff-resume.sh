# Taken up after the first of two passes, 8 calls failed in it: one pass
# here, and the total counts both.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
. "$FIXTURES/ff-kernel.sh"
cycles=2 IPIS=4 VIRQS=2
XHP_RESUME=4.1.0.8
fail_function_binds
