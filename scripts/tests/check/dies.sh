#!/bin/sh
# Killed halfway: a plan of 5, one test, exit 1 (finding 1 of issue 14).
echo "1..5"
echo "ok 1 - one"
exit 1
