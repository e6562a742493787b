# Finding 9: a bring-up that binds two IPIs tested too little.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
. "$FIXTURES/ff-kernel.sh"
cycles=1 IPIS=2 VIRQS=2
fail_function_binds
