# Finding 6: EINVAL from a Xen state is a failure, not a skip.
. "$XHP_TESTS/stepdown.sh"
report 2 x86/xen/guest:prepare "down to 49 (x86/xen/guest:prepare) and back online, pass 1"
