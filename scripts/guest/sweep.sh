#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The step-down test over every cpuhp state that accepts a target.
XHP_SWEEP=all exec /tests/stepdown.sh
