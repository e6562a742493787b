#!/bin/sh
# Every test ok, the plan met, and yet exit 1.
echo "ok 1 - one"
echo "1..1"
exit 1
