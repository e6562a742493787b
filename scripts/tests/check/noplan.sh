#!/bin/sh
# Tests, but no plan.
echo "ok 1 - one"
