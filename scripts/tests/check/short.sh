#!/bin/sh
# Ends early but exits 0: two tests of a plan of 3.
echo "1..3"
echo "ok 1 - one"
echo "ok 2 - two"
