#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make model: check the SPIN model of the Xen vCPU bring-up contract
# (scripts/model/xen-vcpu-hotplug.pml) in every variant, against the
# verdict each must give.
#
#   scripts/model.sh [TABLE]     default: scripts/model/runs
#
# A run that must verify searches the whole state space (no errors) and
# reports the states it stored.  A run that must fail gives the shortest
# counterexample (breadth-first search); its trail is printed as events.
# TAP output; the last line is "N passed, N failed".

. "$(dirname "$0")/lib.sh"

table=${1:-$XHP_TOP/scripts/model/runs}
model=$XHP_TOP/scripts/model/xen-vcpu-hotplug.pml
need spin
need gcc

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$model" "$work/"
cd "$work" || exit 1
pml=$(basename "$model")

while read -r name expect defs; do
	case $name in "#"* | "") continue ;; esac
	want=
	case $defs in *" : "*) want=${defs#* : } defs=${defs%% : *} ;; esac
	if [ "$expect" = counterexample ] && [ -z "$want" ]; then
		result 1 "$name: a counterexample row names no assertion (': TEXT')"
		continue
	fi
	read -r -a d <<<"$defs"
	rm -f pan pan.* ./*.trail
	bfs=
	[ "$expect" = counterexample ] && bfs=-DBFS
	if ! spin -a "${d[@]}" "$pml" >spin.out 2>&1 ||
		! gcc -O2 -w -DSAFETY $bfs -o pan pan.c >>spin.out 2>&1; then
		result 1 "$name: the model does not compile"
		sed 's/^/# /' spin.out
		continue
	fi
	./pan -m1000000 >pan.out 2>&1 || true
	errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' pan.out)
	states=$(awk '/states, stored/ { print $1 }' pan.out)
	if [ -z "$errors" ]; then
		result 1 "$name: pan gave no verdict"
		sed 's/^/# /' pan.out
		continue
	fi
	if [ "$expect" = verified ]; then
		if [ "$errors" = 0 ] && ! grep -q 'Search not completed\|max search depth too small' pan.out; then
			result 0 "$name: verified, $states states, no errors"
		else
			result 1 "$name: expected to verify, got $errors error(s)"
			expect=counterexample # show why
		fi
	elif [ "$errors" != 0 ]; then
		got=$(grep -m1 -o 'assertion violated.*' pan.out | sed -e 's/^assertion violated *//' -e 's/ (at depth.*//')
		if [ "$got" = "$want" ]; then
			result 0 "$name: counterexample, as expected: assertion violated $got"
		else
			result 1 "$name: a counterexample, but not of '$want': $(grep -m1 -E 'assertion violated|invalid end state|error' pan.out)"
		fi
	else
		result 1 "$name: expected a counterexample, verified instead ($states states)"
	fi
	if [ "$expect" = counterexample ] && ls ./*.trail >/dev/null 2>&1; then
		# The trail as the sequence of events the model printed.
		spin -t "${d[@]}" "$pml" 2>&1 |
			awk '/^spin: trail ends/ { exit }
			     /^spin: text of failed assertion/ { print "  => " $0; next }
			     /^spin: .*assertion violated/ { next }
			     { gsub(/[ \t]+/, " "); sub(/^ /, ""); sub(/ $/, ""); if ($0 != "") print "  " $0 }' |
			sed 's/^/# /'
	fi
done <"$table"
tap_end
