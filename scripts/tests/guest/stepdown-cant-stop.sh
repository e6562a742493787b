# EINVAL from cpu:bringup (cant_stop) is the one skip.
. "$XHP_TESTS/stepdown.sh"
report 2 cpu:bringup "down to 91 (cpu:bringup) and back online, pass 1"
