# Finding 6: EINVAL from a state with no name is a failure.
. "$XHP_TESTS/stepdown.sh"
report 2 "" "down to 77 () and back online, pass 1"
