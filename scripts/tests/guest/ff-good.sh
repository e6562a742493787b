# Four IPI binds and two VIRQ binds, each failed in turn: passes.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
. "$FIXTURES/ff-kernel.sh"
cycles=1 IPIS=4 VIRQS=2
fail_function_binds
