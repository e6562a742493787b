#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make soak: many hot-plug cycles in each guest type, one base.
#
#   scripts/soak.sh [BASE] [CYCLES] [GUEST...]
#
# Defaults: 6.12, 1000 cycles, pv pvh hvm.  Each run is xen-test.sh's
# hotplug test (in order, random order, concurrent writers, IPI load);
# xen-test.sh's hard timeout grows with the cycles.  Not part of make
# check: on this machine a thousand cycles take about an hour per guest
# type.

. "$(dirname "$0")/lib.sh"

base=${1:-$XHP_DEFAULT_BASE}
cycles=${2:-1000}
shift $(($# < 2 ? $# : 2))
[ $# -gt 0 ] || set -- pv pvh hvm
check_base "$base"

rc=0
for guest in "$@"; do
	note "soak: $base $guest, $cycles cycles"
	"$XHP_TOP/scripts/xen-test.sh" "$base" "$guest" hotplug "$cycles" series || rc=1
done
exit $rc
