# Finding 10: the test config has fail_function; its absence is a failure.
. "$XHP_TESTS/faults.sh"
. "$FIXTURES/stubs.sh"
cpuhp_thread_dir() { mkdir -p "$FX/proc/20"; echo "$FX/proc/20"; }
fail_function_binds
