#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The tests of our own tools: each check must be able to fail.
#
#   scripts/selftest.sh verdict     verdict.sh on kept consoles
#   scripts/selftest.sh lint        lint.sh on deliberately broken series
#   scripts/selftest.sh lint-matrix lint.sh's configuration matrix on v1
#   scripts/selftest.sh emulation   emulation-fault.sh on kept consoles
#   scripts/selftest.sh scenarios   xen-scenarios.sh on kept xen-test.sh outputs
#   scripts/selftest.sh model       model.sh on rows it must judge not ok
#   scripts/selftest.sh check       check.sh on suites that die or fall short
#   scripts/selftest.sh deps        deps.sh --audit on scripts/deps.list,
#                                   and on the list less each package
#   scripts/selftest.sh kdir        apply.sh --kdir on bad user trees
#   scripts/selftest.sh gaps        gaps.sh on silences and kept logs
#   scripts/selftest.sh soak        soak.sh's count and ledger, on a stub
#   scripts/selftest.sh boot        xen-boot.sh's Xen dump on a stall or a
#                                   silent hang, on a stub QEMU
#   scripts/selftest.sh guest       the in-guest tests' rules on fixtures
#                                   (tests/guest), and xen-test.sh's
#                                   TEST:PARTS check and its taking up
#                                   of a killed fault test, on stubs
#
# TAP; the last line is "N passed, N failed".

. "$(dirname "$0")/lib.sh"

# verdict.sh on each kept console: the expected verdict, with its text,
# and the exit status that goes with it (0 PASS, 1 FAIL).
verdict_tests() {
	local d=$XHP_TOP/scripts/tests/verdict log status allow want text out rc af wf t tallow twarn
	while read -r log status allow want text; do
		# The test's allow and warn files, where it has them; for the
		# tests A+B of one boot, one each, joined by ":" (xen-test.sh).
		af= wf=
		for t in ${allow//+/ }; do
			tallow=- twarn=-
			[ ! -f "$XHP_TOP/scripts/guest/$t.allow" ] || tallow=$XHP_TOP/scripts/guest/$t.allow
			[ ! -f "$XHP_TOP/scripts/guest/$t.warn" ] || twarn=$XHP_TOP/scripts/guest/$t.warn
			af+=${af:+:}$tallow wf+=${wf:+:}$twarn
		done
		out=$("$XHP_TOP/scripts/verdict.sh" "$d/$log" "$status" "$af" "$wf") && rc=0 || rc=$?
		r=1
		case $want:$rc in
		PASS:0 | FAIL:1) case $out in "$want "*) echo "$out" | grep -qF -- "$text" && r=0 ;; esac ;;
		esac
		t=
		[ "$allow" = - ] || t=" ($allow)"
		result $r "verdict $log$t: $want with '$text'"
		[ $r = 0 ] || { echo "# exit $rc"; echo "$out" | head -n 5 | sed 's/^/# /'; }
	done < <(rows "$d/expected")
	allow_source_tests
	xen_warn_tests
	console_tests
}

# console.awk keeps the count of lines, so that a line number of the raw
# console (xen-boot.sh's "sent after console line N") counts the same
# lines after it: on every kept console, each line gives one.  The
# firmware's screen control before Xen's first line is dropped, which
# leaves that line where it was, starting with "(XEN) ".
console_tests() {
	local f lines out bad= r
	for f in "$XHP_TOP"/scripts/tests/verdict/*.log "$XHP_TOP"/scripts/tests/emulation/*.log; do
		lines=$(wc -l <"$f")
		out=$(LC_ALL=C awk -f "$XHP_TOP/scripts/console.awk" "$f" | wc -l)
		[ "$lines" = "$out" ] || bad+=" ${f##*/} ($lines lines, $out out)"
	done
	[ -z "$bad" ] && r=0 || r=1
	result $r "console.awk: each line of every kept console gives one line"
	[ $r = 0 ] || echo "#$bad"
	f=$XHP_TOP/scripts/tests/verdict/procfs-name.log
	lines=$(grep -a -n -m1 'Booting from ROM.*(XEN) Xen version' "$f" | cut -d: -f1)
	[ -n "$lines" ] && LC_ALL=C awk -f "$XHP_TOP/scripts/console.awk" "$f" | sed -n "${lines}p" | grep -a -q '^(XEN) Xen version' && r=0 || r=1
	result $r "console.awk: Xen's first line after the firmware's screen control stays at its line, alone"
}

# Each allow rule that names a source line names the statement it is
# for: the line holds it in the base (tests/verdict/allow-sources), and
# no rule names a line that list does not.
allow_source_tests() {
	local src=$XHP_TOP/scripts/tests/verdict/allow-sources base fl text file line got r
	while read -r base fl text; do
		file=${fl%:*} line=${fl##*:}
		got=$(sed -n "${line}p" "$XHP_CACHE/bases/$base/$file" 2>/dev/null | sed 's/^[[:space:]]*//')
		[ "$got" = "$text" ] && r=0 || r=1
		result $r "allow rule $base $fl is '$text'"
		[ $r = 0 ] || echo "# the base has: '${got:-no such line (make bases)}'"
	done < <(sed -e 's/^#.*//' -e '/^[[:space:]]*$/d' "$src")
	# Every rule that names a source line: "BASE: ...FILE:LINE...".
	while read -r base file line; do
		if [ "$base" = - ]; then
			result 1 "allow rule at $file:$line names its base"
			continue
		fi
		awk -v b="$base" -v f="$file:$line" '$1 == b && $2 == f { found = 1 } END { exit !found }' "$src" && r=0 || r=1
		result $r "allow rule $base: $file:$line is listed in allow-sources"
	done < <(cat "$XHP_TOP/scripts/verdict.sh" "$XHP_TOP"/scripts/guest/*.allow |
		grep -v '^[[:space:]]*#' | grep -E '[a-z0-9_/]+\.c:\(?[0-9]' |
		awk '{ base = "-"; if (match($0, /^[0-9]+\.[0-9]+: /)) base = substr($0, 1, RLENGTH - 2)
			s = $0
			while (match(s, /[a-z0-9_\/]+\.c:\(?[0-9][^ )]*/)) {
				m = substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH)
				f = m; sub(/:.*/, "", f); l = m; sub(/^[^:]*:/, "", l)
				n = split(l, a, /[^0-9]+/)
				for (i = 1; i <= n; i++) if (a[i] != "") print base, f, a[i]
			} }' | sort -u)
}

# xen-boot.sh ends a run soon after a WARNING from Xen code, which
# verdict.sh must then never allow: no allow rule names a Xen file.
xen_warn_tests() {
	local hits
	hits=$(cat "$XHP_TOP/scripts/verdict.sh" "$XHP_TOP"/scripts/guest/*.allow |
		grep -v '^[[:space:]]*#' | grep -E '(drivers/xen|arch/x86/xen)/' || true)
	[ -z "$hits" ] && r=0 || r=1
	result $r "no allow rule names a file of drivers/xen/ or arch/x86/xen/ (xen-boot.sh ends such a run)"
	[ $r = 0 ] || echo "$hits" | sed 's/^/# /'
	grep -q "at (drivers/xen|arch/x86/xen)/'" "$XHP_TOP/scripts/xen-boot.sh" && r=0 || r=1
	result $r "xen-boot.sh ends a run on a WARNING from Xen code"
}

# emulation-fault.sh on consoles with and without the emulation's triple
# fault, against a tiny object (insns.S) in place of vmlinux.
emulation_tests() {
	local d=$XHP_TOP/scripts/tests/emulation tmp log want text out r
	tmp=$(mktemp -d)
	as --64 -o "$tmp/insns.o" "$d/insns.S" || die "as failed on $d/insns.S (binutils)"
	while read -r log guest want text; do
		out=$(XHP_XEN_SYMS=$tmp/insns.o "$XHP_TOP/scripts/emulation-fault.sh" "$d/$log" "$tmp/insns.o" "$guest") && got=yes || got=no
		r=1
		[ "$got" = "$want" ] && [ "$out" = "$text" ] && r=0
		result $r "emulation-fault $log ($guest): $want${text:+ with '$text'}"
		[ $r = 0 ] || echo "# got $got: $out"
	done < <(rows "$d/expected")
	rm -rf "$tmp"
	# What xen-boot.sh appends when QEMU died of a crash signal is what
	# the fixture holds; nothing for an exit, the time-out or our kill.
	out=$(qemu_crash_line 139)
	[ "$out" = "$(tail -n 1 "$d/qemu-segv.log")" ] && r=0 || r=1
	result $r "qemu_crash_line 139 is qemu-segv.log's last line"
	for st in 0 1 124 137 143; do
		[ -z "$(qemu_crash_line $st)" ] && r=0 || r=1
		result $r "qemu_crash_line $st: nothing"
	done
	grep -q '^qemu_crash_line "$rc" >>"$log"$' "$XHP_TOP/scripts/xen-boot.sh" && r=0 || r=1
	result $r "xen-boot.sh appends qemu_crash_line to the console"
}

# deps.sh --audit: green on the list, and red, naming the command, on
# the list with any one package that brings a command taken out (and on
# the kept fixture tests/deps/no-debootstrap.list, the bug of issue 16).
deps_tests() {
	local list=$XHP_TOP/scripts/deps.list tmp pkg cmds out c r
	out=$("$XHP_TOP/scripts/deps.sh" --audit 2>&1) && r=0 || r=1
	result $r "deps.sh --audit passes on scripts/deps.list"
	[ $r = 0 ] || echo "$out" | grep '^not ok' | sed 's/^/# /'
	out=$("$XHP_TOP/scripts/deps.sh" --audit "$XHP_TOP/scripts/tests/deps/no-debootstrap.list" 2>&1) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -q '^not ok .* debootstrap' || r=1; }
	result $r "deps.sh --audit fails on tests/deps/no-debootstrap.list, naming debootstrap"
	tmp=$(mktemp)
	while read -r pkg cmds; do
		[ -n "$cmds" ] || continue
		grep -v -E "^$pkg([[:space:]]|\$)" "$list" >"$tmp"
		out=$("$XHP_TOP/scripts/deps.sh" --audit "$tmp" 2>&1) && r=1 || r=0
		for c in $cmds; do
			[ $r = 0 ] && { echo "$out" | grep -qE "^not ok [0-9]+ - (need )?$c[: ]" || r=1; }
		done
		result $r "deps.sh --audit without $pkg: not ok for $cmds"
		[ $r = 0 ] || echo "$out" | grep '^not ok' | head -n 3 | sed 's/^/# /'
	done < <(rows "$list")
	rm -f "$tmp"
}

# check.sh on suites that die, fall short of their plan, exit non-zero
# with every test ok, print no plan or no test, or do not exist: each
# must end check.sh non-zero with a "not ok" that names the suite.
check_tests() {
	local d=$XHP_TOP/scripts/tests/check tmp suite want np nf text out rc last r
	tmp=$(mktemp -d)
	while read -r suite want np nf text; do
		out=$(XHP_SUITES=$d XHP_CACHE=$tmp "$XHP_TOP/scripts/check.sh" "$suite" 2>&1) && rc=0 || rc=$?
		last=$(echo "$out" | tail -n 1)
		r=0
		[ "$rc" = "$want" ] && [ "$last" = "$np passed, $nf failed" ] || r=1
		if [ "$text" = - ]; then
			echo "$out" | grep -q '^not ok' && r=1
		else
			echo "$out" | grep '^not ok' | tail -n 1 | grep -qF -- "$text" || r=1
		fi
		[ "$text" = - ] && text= || text=", not ok '$text'"
		result $r "check.sh with suite $suite: exit $want, '$np passed, $nf failed'$text"
		[ $r = 0 ] || echo "$out" | grep -v '^#' | tail -n 4 | sed "s/^/# exit $rc: /"
	done < <(rows "$d/expected")
	rm -rf "$tmp"
}

# model.sh on rows it must judge not ok, each for its reason (tests/model/runs).
model_tests() {
	local out r
	out=$("$XHP_TOP/scripts/model.sh" "$XHP_TOP/scripts/tests/model/runs" 2>&1) && r=1 || r=0
	result $r "model.sh fails on tests/model/runs"
	echo "$out" | grep -q "^not ok [0-9]* - wrong-assertion-but-not-of: a counterexample, but not of" && r=0 || r=1
	result $r "model.sh: a counterexample of another assertion is not ok"
	echo "$out" | grep -q "^not ok [0-9]* - unnamed-names-no-assertion: a counterexample row names no assertion" && r=0 || r=1
	result $r "model.sh: a counterexample row that names no assertion is not ok"
	echo "$out" | grep -q "^not ok [0-9]* - sender-not-of: a counterexample, but not of 'ipi\[c\]'" && r=0 || r=1
	result $r "model.sh: the marking-online assertion is not the sender's ipi[c]"
	echo "$out" | grep -q "^ok [0-9]* - series-kicker-verified: verified" && r=0 || r=1
	result $r "model.sh: a row that verifies stays ok"
	[ $r = 0 ] || echo "$out" | grep -E '^(not )?ok' | sed 's/^/# /'
}

# tier_coverage TABLE: what a scenario table lacks, per base, of what
# the CI tier must show (issue 15): PV dom0, PVH dom0 and the PVHVM
# domU passing, each event ABI, a stock row and a mutant row that must
# be red.  One line each; nothing when it has them all.  A row's ABI:
# TEST@ABI, else its test's .args (xen.fifo_events=0), else FIFO.
tier_coverage() {
	local b
	for b in $XHP_BASES; do
		rows "$1" | awk -v b="$b" -v g="$XHP_TOP/scripts/guest" '
		$1 != b { next }
		{
			t = $3; abi = ""
			if (t ~ /@/) { abi = t; sub(/.*@/, "", abi); sub(/@.*/, "", t) }
			# The tests of one boot (A+B:PARTS) agree on the ABI.
			if (abi == "") {
				abi = "fifo"
				ne = split(t, el, "+")
				for (j = 1; j <= ne; j++) {
					f = el[j]; sub(/:.*/, "", f); f = g "/" f ".args"
					while ((getline l < f) > 0) if (l ~ /xen\.fifo_events=0/) abi = "2l"
					close(f)
				}
			}
			if ($5 == "series" && $6 == "pass") { guest[$2] = 1; abis[abi] = 1 }
			if ($5 == "stock" && $6 == "fail") stock = 1
			if ($5 ~ /^mutant:/ && $6 == "fail") mutant = 1
		}
		END {
			split("pv pvh hvm", gs, " ")
			for (i = 1; i <= 3; i++) if (!(gs[i] in guest)) print b ": no " gs[i] " row of the series"
			if (!("fifo" in abis)) print b ": no series row on the FIFO ABI"
			if (!("2l" in abis)) print b ": no series row on the 2-level ABI"
			if (!stock) print b ": no stock row that must be red"
			if (!mutant) print b ": no mutant row that must be red"
		}'
	done
	# Issue 18's short form: the evtchn test in every guest type, on both
	# event ABIs (over both bases).
	rows "$1" | awk '
	("+" $3) ~ /\+evtchn(@|\+|$)/ && $5 == "series" && $6 == "pass" {
		guest[$2] = 1
		abis[$3 ~ /@2l$/ ? "2l" : "fifo"] = 1
	}
	END {
		split("pv pvh hvm", gs, " ")
		for (i = 1; i <= 3; i++) if (!(gs[i] in guest)) print "evtchn: no " gs[i] " row"
		if (!("fifo" in abis)) print "evtchn: no row on the FIFO ABI"
		if (!("2l" in abis)) print "evtchn: no row on the 2-level ABI"
	}'
}

# xen-scenarios.sh on kept xen-test.sh outputs (tests/scenarios): a red
# row counts only with its reason in the verdict's evidence, and
# scenarios/check covers what the CI tier must show (tier_coverage).
scenarios_tests() {
	local d=$XHP_TOP/scripts/tests/scenarios out i=0 want why got r
	local check=$XHP_TOP/scripts/scenarios/check tmp edit
	# make check's table covers what the CI tier must show, and each rule
	# of tier_coverage is seen to fail: EDIT is a sed script on the table
	# (a row deleted, or one of a row's tests or its ABI taken away).
	out=$(tier_coverage "$check")
	[ -z "$out" ] && r=0 || r=1
	result $r "scenarios/check: each base has PV, PVH and PVHVM rows, FIFO and 2-level, a red stock and a red mutant row; evtchn in each guest type and ABI"
	[ $r = 0 ] || echo "$out" | sed 's/^/# /'
	tmp=$(mktemp)
	while IFS='%' read -r edit want; do
		sed -E "$edit" "$check" >"$tmp"
		cmp -s "$tmp" "$check" && die "selftest: '$edit' changes nothing in $check"
		out=$(tier_coverage "$tmp")
		# (\n in WANT: one line each.)
		[ "$out" = "$(printf '%b' "$want")" ] && r=0 || r=1
		result $r "scenarios/check with '$edit': '$want'"
		[ $r = 0 ] || echo "$out" | sed 's/^/# /'
	done <<-'EOT'
	/^6\.1 +hvm /d%6.1: no hvm row of the series
	/^6\.12 +pv .* series /d%6.12: no pv row of the series\nevtchn: no pv row
	/^6\.1 .* series /s/@2l /@fifo /%6.1: no series row on the 2-level ABI
	/^6\.1 +(hvm|pvh) .* series /s/stepdown /stepdown@2l /%6.1: no series row on the FIFO ABI
	/^6\.12 .*mutant:/d%6.12: no mutant row that must be red
	/^6\.1 .* stock /d%6.1: no stock row that must be red
	/ hvm .* series /s/\+evtchn//%evtchn: no hvm row
	/ pvh .* series /s/\+evtchn//%evtchn: no pvh row\nevtchn: no row on the FIFO ABI
	s/evtchn@2l/evtchn@fifo/%6.12: no series row on the 2-level ABI\nevtchn: no row on the 2-level ABI
	EOT
	rm -f "$tmp"
	out=$(XHP_XEN_TEST=$d/xen-test.sh "$XHP_TOP/scripts/xen-scenarios.sh" "$d/table" 2>&1) || true
	while read -r want why; do
		[ "$want" = not ] && { want="not ok"; why=${why#ok }; why=${why# }; }
		i=$((i + 1))
		got=$(echo "$out" | grep -E "^(not )?ok $i " | sed -E 's/^((not )?ok) .*/\1/')
		[ "$got" = "$want" ] && r=0 || r=1
		result $r "xen-scenarios row $i: $want, $why"
		[ $r = 0 ] || echo "$out" | grep -E "^(not )?ok $i " | sed 's/^/# /'
	done < <(sed -e 's/^#.*//' -e '/^[[:space:]]*$/d' "$d/expected")
	echo "$out" | grep -qx '# runs repeated after an emulation fault (xen-test.sh): 1' &&
		echo "$out" | grep -qx '# fault tests taken up after an emulation fault (xen-test.sh): 2' && r=0 || r=1
	result $r "xen-scenarios: the runs repeated (1) and the fault tests taken up (2) after an emulation fault, counted apart"
	[ $r = 0 ] || echo "$out" | grep 'emulation fault' | sed 's/^/# /'
}

# The in-guest tests' own rules (tests/guest/README): each fixture runs
# one part of a test under busybox sh, with stubs for the kernel; the
# KTAP it prints must be the expected one, with the reason.
guest_tests() {
	local d=$XHP_TOP/scripts/tests/guest tmp ksft b fx want text out rc r
	ksft=
	for b in $XHP_BASES; do
		f=$XHP_CACHE/bases/$b/tools/testing/selftests/kselftest/ktap_helpers.sh
		[ -f "$f" ] && ksft=$f
	done
	[ -n "$ksft" ] || die "no base with kselftest/ktap_helpers.sh; run 'make bases'"
	tmp=$(mktemp -d)
	mkdir "$tmp/tests"
	cp "$XHP_TOP"/scripts/guest/*.sh "$ksft" "$tmp/tests/"
	while read -r fx want text; do
		rm -rf "$tmp/fx" && mkdir "$tmp/fx"
		out=$(cd "$tmp/fx" && XHP_FIXTURE=1 XHP_TESTS=$tmp/tests XHP_CPUDIR=$tmp/fx/cpu \
			XHP_DEBUGFS=$tmp/fx/debug FX=$tmp/fx FIXTURES=$d \
			timeout 60 /bin/busybox sh "$d/$fx.sh" 2>&1) && rc=0 || rc=$?
		r=1
		case $want in
		fail) echo "$out" | grep -qE '^(not ok|Bail out!)' && r=0 ;;
		pass) echo "$out" | grep -qE '^(not ok|Bail out!)' || r=0 ;;
		skip) echo "$out" | grep -qE '^ok [0-9]+ .* # SKIP$' && ! echo "$out" | grep -qE '^(not ok|Bail out!)' && r=0 ;;
		esac
		[ $r = 0 ] && { echo "$out" | grep -qF -- "$text" || r=1; }
		result $r "guest fixture $fx: $want, '$text'"
		[ $r = 0 ] || echo "$out" | tail -n 6 | sed "s/^/# exit $rc: /"
	done < <(rows "$d/expected")
	rm -rf "$tmp"
	xen_test_parts_tests
	xen_test_resume_tests
	export_tests
}

# xen-test.sh taking the fault test up after a boot the emulation killed:
# a copy of scripts/ with xen-boot.sh, initramfs.sh and
# emulation-fault.sh stubbed.  Boot N's console is the kernel command
# line it got and the file bN (a boot with the line STUB-EMU died of the
# emulation); the real verdict.sh judges it.
xen_test_resume_tests() {
	local tmp out r rc calls
	tmp=$(mktemp -d)
	cp -r "$XHP_TOP/scripts" "$tmp/"
	mkdir -p "$tmp/img" "$tmp/cache"
	touch "$tmp/img/bzImage" "$tmp/img/vmlinux"
	cat >"$tmp/scripts/xen-boot.sh" <<-'EOF'
	#!/bin/bash
	echo "${*:5}" >>"$STUB_DIR/calls"
	n=$(wc -l <"$STUB_DIR/calls")
	{ echo "[    0.000000] Command line: ${*:5}"; cat "$STUB_DIR/b$n" 2>/dev/null; } >"$4"
	echo "boot $n" >"$4.monitor"
	EOF
	printf '#!/bin/sh\n:\n' >"$tmp/scripts/initramfs.sh"
	printf '#!/bin/sh\ngrep -q STUB-EMU "$1" && echo "stub death"\n' >"$tmp/scripts/emulation-fault.sh"
	chmod +x "$tmp/scripts/"*.sh
	# faults_boot FILE HEAD...: a console of the fault test: its KTAP
	# lines (HEAD), after the ABI line and its start.
	faults_boot() {
		local f=$1
		shift
		{
			echo "[    0.5] xen:events: Using 2-level ABI"
			echo "xhp: running faults (2 cycles) on 6.12.0, 4 CPUs"
			echo "TAP version 13"
			echo "1..4"
			printf '%s\n' "$@"
		} >"$tmp/$f"
	}
	# The end of a boot that passed with parts 1 and 2 skipped.
	local tail34=("ok 1 part 1 # SKIP not in parts 34" "ok 2 part 2 # SKIP not in parts 34" "ok 3 knob" "ok 4 binds"
		"# Totals: pass:2 fail:0 xfail:0 xpass:0 skip:2 error:0"
		"xhp: 0 kernel lines at warning level or worse during the test" "xhp: done rc=0")
	# run_resume TEST CYCLES [KERNEL_ARGS]: xen-test.sh on the boots bN;
	# the calls' arguments stay in calls, the logs in logs (both
	# cleared at the next run).
	run_resume() {
		rm -f "$tmp/calls"
		rm -rf "$tmp/logs"
		STUB_DIR=$tmp XHP_IMAGE=$tmp/img XHP_CACHE=$tmp/cache "$tmp/scripts/xen-test.sh" 6.12 pvh "$1" "$2" series "${@:3}" 2>&1
		rc=$?
		rm -f "$tmp"/b[0-9]
		mv "$tmp/cache/logs" "$tmp/logs" 2>/dev/null
		return $rc
	}
	faults_boot b1 "ok 1 sweep" "# xhp.resume=2.0.3.1" "ok 2 hog" "# xhp.resume=3.1.2" STUB-EMU
	faults_boot b2 "${tail34[@]}"
	out=$(run_resume faults 2) && r=0 || r=1
	calls=$(sed -n 2p "$tmp/calls" 2>/dev/null)
	[ $r = 0 ] && { echo "$out" | grep -q 'taken up at xhp.resume=3.1.2: stub death' &&
		[[ " $calls " == *" xhp.test=faults:34 "*" xhp.resume=3.1.2 "* ]] &&
		[ "$(cat "$tmp/logs/6.12-series-pvh-faults.log.emulation-1.monitor")" = "boot 1" ] || r=1; }
	result $r "xen-test.sh: a fault test killed after parts 1 and 2 is taken up at its last token, part 3 (faults:34, xhp.resume=), and passes; the killed boot's monitor kept with it"
	[ $r = 0 ] || { echo "$out"; cat "$tmp/calls"; } | tail -n 6 | sed 's/^/# /'
	# A line of Xen's after the token's CR, the guest's CRs on the line
	# after (the PVHVM domU's make check of 2026-12-05), leaves the
	# token whole; one in its text, with no rest after, does not.
	faults_boot b1 "ok 1 sweep" "# xhp.resume=2.0.3.1" "ok 2 hog" $'# xhp.resume=3.1.2\r(XEN) d1v0 Triple fault\r' $'\r\r' STUB-EMU
	faults_boot b2 "${tail34[@]}"
	out=$(run_resume faults 2) && r=0 || r=1
	[ $r = 0 ] && { echo "$out" | grep -q 'taken up at xhp.resume=3.1.2: stub death' || r=1; }
	result $r "xen-test.sh: a token whose line Xen's console went on after its CR is taken up"
	[ $r = 0 ] || { echo "$out"; cat "$tmp/calls"; } | tail -n 6 | sed 's/^/# /'
	faults_boot b1 "ok 1 sweep" "# xhp.resume=2.0.3.1" "# xhp.resume=2.0.3(XEN) d1v0 Triple fault" STUB-EMU
	faults_boot b2 "ok 2 hog" "${tail34[@]:2}"
	out=$(run_resume faults 2) && r=0 || r=1
	[ $r = 0 ] && { echo "$out" | grep -q 'taken up at xhp.resume=2.0.3.1: stub death' || r=1; }
	result $r "xen-test.sh: a token cut by a line of Xen's in its text is not taken up; the one before it is"
	[ $r = 0 ] || { echo "$out"; cat "$tmp/calls"; } | tail -n 6 | sed 's/^/# /'
	# (An earlier run's killed boot that passed part 2 is no boot of this run.)
	mkdir -p "$tmp/cache/logs"
	echo "ok 2 hog" >"$tmp/cache/logs/6.12-series-pvh-faults.log.emulation-2"
	faults_boot b1 "ok 1 sweep" "# xhp.resume=3.1.2" STUB-EMU
	faults_boot b2 "${tail34[@]}"
	out=$(run_resume faults 2) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -q "^FAIL .*faults " &&
		echo "$out" | grep -q "the fault test's part 2 passed in none of its 2 boots" || r=1; }
	result $r "xen-test.sh: taken up at part 3 with part 2 passed in no boot: FAIL"
	[ $r = 0 ] || echo "$out" | tail -n 4 | sed 's/^/# /'
	faults_boot b1 "ok 1 sweep" "ok 2 hog" "# xhp.resume=3.1.2" STUB-EMU
	cp "$tmp/b1" "$tmp/b2"
	cp "$tmp/b1" "$tmp/b3"
	cp "$tmp/b1" "$tmp/b4"
	out=$(XHP_EMU_RETRIES=1 run_resume faults 2) && r=1 || r=0
	[ $r = 0 ] && { [ "$(wc -l <"$tmp/calls")" = 3 ] && [ "$(grep -c 'xhp.resume=3.1.2' "$tmp/calls")" = 2 ] &&
		echo "$out" | grep -q 'run again from xhp.resume=3.1.2: stub death' &&
		echo "$out" | grep -q 'emulation fault, not run again: stub death' || r=1; }
	result $r "xen-test.sh: a boot taken up that gets no further is a retry from the same place, XHP_EMU_RETRIES=1: three boots, FAIL"
	[ $r = 0 ] || { echo "$out"; cat "$tmp/calls"; } | tail -n 6 | sed 's/^/# /'
	faults_boot b1 "ok 1 sweep" "ok 2 hog" "# xhp.resume=3.1.2" STUB-EMU
	faults_boot b2 "ok 1 sweep" "ok 2 hog" "ok 3 knob" "ok 4 binds" \
		"# Totals: pass:4 fail:0 xfail:0 xpass:0 skip:0 error:0" \
		"xhp: 0 kernel lines at warning level or worse during the test" "xhp: done rc=0"
	out=$(XHP_EMU_RESUMES=0 run_resume faults 2) && r=0 || r=1
	[ $r = 0 ] && { ! grep -q 'xhp.resume' "$tmp/calls" && sed -n 2p "$tmp/calls" | grep -q 'xhp.test=faults ' &&
		echo "$out" | grep -q 'emulation fault, run again: stub death' || r=1; }
	result $r "xen-test.sh: XHP_EMU_RESUMES=0 runs the fault test again from its start"
	[ $r = 0 ] || { echo "$out"; cat "$tmp/calls"; } | tail -n 6 | sed 's/^/# /'
	faults_boot b1 "ok 1 knob" "# xhp.resume=4.1.9" STUB-EMU
	out=$(run_resume faults:34 2) || true
	r=0
	[ $r = 0 ] && { sed -n 2p "$tmp/calls" | grep -q 'xhp.test=faults:4 .*xhp.resume=4.1.9' || r=1; }
	result $r "xen-test.sh: faults:34 taken up at part 4 boots faults:4"
	[ $r = 0 ] || { echo "$out"; cat "$tmp/calls"; } | tail -n 6 | sed 's/^/# /'
	# Each boot that gets further starts the count of retries again.
	faults_boot b1 "ok 1 sweep" "ok 2 hog" "# xhp.resume=3.1.2" STUB-EMU
	cp "$tmp/b1" "$tmp/b2"
	faults_boot b3 "# xhp.resume=3.2.0" STUB-EMU
	cp "$tmp/b3" "$tmp/b4"
	faults_boot b5 "${tail34[@]}"
	out=$(XHP_EMU_RETRIES=1 run_resume faults 2) && r=0 || r=1
	[ $r = 0 ] && { [ "$(wc -l <"$tmp/calls")" = 5 ] || r=1; }
	result $r "xen-test.sh: XHP_EMU_RETRIES=1 allows one boot without progress after each that got further"
	[ $r = 0 ] || { echo "$out"; cat "$tmp/calls"; } | tail -n 6 | sed 's/^/# /'
	out=$(run_resume faults 2 xhp.resume=4.2.0) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -q "KERNEL_ARGS: xhp.resume=4.2.0 is the harness's own" && [ ! -f "$tmp/calls" ] || r=1; }
	result $r "xen-test.sh: refuses xhp.resume= among the caller's kernel arguments, and boots nothing"
	[ $r = 0 ] || echo "$out" | tail -n 3 | sed 's/^/# /'
	out=$(XHP_EMU_RESUMES=x run_resume faults 2) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -q "XHP_EMU_RESUMES: a number of boots; got 'x'" && [ ! -f "$tmp/calls" ] || r=1; }
	result $r "xen-test.sh: refuses XHP_EMU_RESUMES=x, and boots nothing"
	[ $r = 0 ] || echo "$out" | tail -n 3 | sed 's/^/# /'
	faults_boot b1 "# xhp.resume=3.1.2" STUB-EMU
	out=$(XHP_EMU_RETRIES=0 run_resume hotplug 2) && r=1 || r=0
	[ $r = 0 ] && { [ "$(wc -l <"$tmp/calls")" = 1 ] || r=1; }
	result $r "xen-test.sh: only the fault test is taken up"
	[ $r = 0 ] || { echo "$out"; cat "$tmp/calls"; } | tail -n 6 | sed 's/^/# /'
	rm -rf "$tmp"
}

# export.sh on a tree that holds only some of the series (apply.sh's
# series:N or stable): refused, patches/BASE untouched; on the whole
# series it exports.  A stand-in worktree with two commits on "debian".
export_tests() {
	local tmp wt out r before rev
	tmp=$(mktemp -d)
	cp -r "$XHP_TOP/scripts" "$tmp/"
	mkdir -p "$tmp/patches/6.12" "$tmp/cache/bases" "$tmp/cache/work"
	# The revision the cover letter's template gives (vN- file names).
	rev=$(sed -n 's/^Revision: *//p' "$XHP_TOP/patches/cover-letter.txt" | head -n 1)
	cp "$XHP_TOP/patches/cover-letter.txt" "$tmp/patches/"
	echo 6.12.0-test >"$tmp/cache/bases/6.12.version"
	wt=$tmp/cache/work/6.12
	git init -q -b debian "$wt"
	printf 'int a;\n' >"$wt/a.c"
	git -C "$wt" add a.c
	git -C "$wt" -c user.name=t -c user.email=t@t commit -q -m base
	git -C "$wt" checkout -q -b xen-hotplug/6.12
	for f in one two; do
		echo "int $f;" >>"$wt/a.c"
		git -C "$wt" -c user.name=t -c user.email=t@t commit -q -am "x86/xen: add $f"
	done
	XHP_CACHE=$tmp/cache "$tmp/scripts/export.sh" 6.12 >/dev/null 2>&1 &&
		[ "$(rows "$tmp/patches/6.12/series" | wc -l)" = 2 ] && r=0 || r=1
	result $r "export.sh exports a tree that holds the whole series"
	before=$(cd "$tmp/patches" && find . -type f -exec md5sum {} + | sort)
	out=$(XHP_CACHE=$tmp/cache "$tmp/scripts/export.sh" 6.12 HEAD~1 2>&1) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -qF "lacks 'x86/xen: add two' (patches/6.12/v$rev-0002-x86-xen-add-two.patch): a series:N or stable tree?" || r=1; }
	[ "$(cd "$tmp/patches" && find . -type f -exec md5sum {} + | sort)" = "$before" ] || r=1
	result $r "export.sh refuses a tree without the series' last patch (series:N) and changes nothing"
	[ $r = 0 ] || echo "$out" | tail -n 3 | sed 's/^/# /'
	rm -rf "$tmp"
}

# xen-test.sh TEST:PARTS: only parts that the test has (finding 15 of
# issue 14: faults:5 ran no part and passed); the tests A+B of one boot
# each a test, on one event ABI.  Refused before anything is built.
xen_test_parts_tests() {
	local spec text out r tmp
	while read -r spec text; do
		out=$(XHP_CACHE=/nonexistent "$XHP_TOP/scripts/xen-test.sh" "$XHP_DEFAULT_BASE" pvh "$spec" 1 2>&1) && r=1 || r=0
		[ $r = 0 ] && { echo "$out" | grep -qF -- "$text" || r=1; }
		result $r "xen-test.sh refuses $spec: '$text'"
		[ $r = 0 ] || echo "$out" | tail -n 3 | sed 's/^/# /'
	done <<-EOT
	faults:5   the test 'faults' has parts 1 to 4; got '5'
	faults:0   TEST:PARTS takes digits
	faults:    TEST:PARTS takes digits
	hotplug:1  the test 'hotplug' has no parts
	nosuch     no in-guest test 'nosuch'
	hotplug+faults:24  the tests of 'hotplug+faults:24' ask for different event ABIs
	hotplug+   TEST: a test name, or several joined by +
	+hotplug   no in-guest test ''
	hotplug+nosuch@2l  no in-guest test 'nosuch'
	stepdown+faults:9@2l  the test 'faults' has parts 1 to 4; got '9'
	EOT
	# apply.sh's VARIANT, refused before any tree is touched (the
	# cache does not exist).
	local m
	m=$(rows "$XHP_TOP/patches/6.12/series" | wc -l)
	while read -r spec text; do
		out=$(XHP_CACHE=/nonexistent "$XHP_TOP/scripts/apply.sh" 6.12 "$spec" 2>&1) && r=1 || r=0
		[ $r = 0 ] && { echo "$out" | grep -qF -- "$text" || r=1; }
		result $r "apply.sh refuses VARIANT $spec: '$text'"
		[ $r = 0 ] || echo "$out" | tail -n 3 | sed 's/^/# /'
	done <<-EOT
	series:0   N is a number of patches, 1 to $m (the series of 6.12); got '0'
	series:$((m + 1))  N is a number of patches, 1 to $m (the series of 6.12); got '$((m + 1))'
	series:2x  N is a number of patches, 1 to $m (the series of 6.12); got '2x'
	mutant:    unknown variant 'mutant:'
	v4         unknown variant 'v4'
	EOT
	out=$(XHP_CACHE=/nonexistent "$XHP_TOP/scripts/apply.sh" 6.12 "series:$m" 2>&1) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -qF "base 6.12 is not unpacked yet" || r=1; }
	result $r "apply.sh takes series:$m (all of 6.12's series) and goes on to the base"
	out=$(XHP_CACHE=/nonexistent "$XHP_TOP/scripts/apply.sh" 6.12 stable 2>&1) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -qF "base 6.12 is not unpacked yet" || r=1; }
	result $r "apply.sh takes stable: 6.12's series has patches tagged for stable"
	# The same scripts beside a series of which no patch is tagged.
	tmp=$(mktemp -d)
	cp -r "$XHP_TOP/scripts" "$tmp/"
	mkdir -p "$tmp/patches/6.12"
	grep -v '^Cc: stable@' "$XHP_TOP/patches/6.12/$(rows "$XHP_TOP/patches/6.12/series" | head -n 1)" >"$tmp/patches/6.12/0001.patch"
	echo 0001.patch >"$tmp/patches/6.12/series"
	out=$(XHP_CACHE=/nonexistent "$tmp/scripts/apply.sh" 6.12 stable 2>&1) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -qF "no patch of the series of 6.12 ($tmp/patches/6.12) is tagged Cc: stable@vger.kernel.org" || r=1; }
	result $r "apply.sh refuses stable for a series with no patch tagged for stable"
	[ $r = 0 ] || echo "$out" | tail -n 3 | sed 's/^/# /'
	rm -rf "$tmp"
}

# apply.sh --kdir on the user's own tree (issue 19): each bad input gets
# its message, and the tree is what it was (HEAD, branch, status,
# branches, worktrees).  The trees are small stand-ins made here.
kdir_state() {
	if git -C "$1" rev-parse --git-dir >/dev/null 2>&1; then
		git -C "$1" rev-parse HEAD 2>&1
		git -C "$1" symbolic-ref -q HEAD
		git -C "$1" status --porcelain --ignored
		git -C "$1" branch -a
		git -C "$1" worktree list --porcelain
	fi
	find "$1" -path "$1/.git" -prune -o -print 2>/dev/null | sort
}

# kdir_tree DIR VERSION PATCHLEVEL: a committed tree with a Makefile and
# one Xen file.
kdir_tree() {
	mkdir -p "$1/arch/x86/xen"
	printf 'VERSION = %s\nPATCHLEVEL = %s\nSUBLEVEL = 0\n' "$2" "$3" >"$1/Makefile"
	printf 'int xen_stand_in;\n' >"$1/arch/x86/xen/smp.c"
	git -C "$1" init -q -b main
	git -C "$1" add -A
	git -C "$1" -c user.name=t -c user.email=t@t commit -q --allow-empty -m "tree"
}

kdir_tests() {
	local tmp name dir args want before out r
	tmp=$(mktemp -d)
	export XHP_CACHE=$tmp/cache
	mkdir -p "$tmp/plain" && echo x >"$tmp/plain/Makefile"
	kdir_tree "$tmp/deb" 6 12 && printf '/*\n' >"$tmp/deb/.gitignore"
	rm -rf "$tmp/deb/.git" && git -C "$tmp/deb" init -q -b main && git -C "$tmp/deb" add -A &&
		git -C "$tmp/deb" -c user.name=t -c user.email=t@t commit -q --allow-empty -m "git add -A of a tarball"
	# The same without even an empty commit, as "git commit" leaves it.
	kdir_tree "$tmp/deb0" 6 12 && printf '/*\n' >"$tmp/deb0/.gitignore" && rm -rf "$tmp/deb0/.git" &&
		git -C "$tmp/deb0" init -q -b main
	kdir_tree "$tmp/dirty" 6 12 && echo "/* local */" >>"$tmp/dirty/arch/x86/xen/smp.c"
	kdir_tree "$tmp/old" 5 10
	kdir_tree "$tmp/new" 6 14
	kdir_tree "$tmp/conflict" 6 12
	kdir_tree "$tmp/ok" 6 1
	# A one-patch series that applies to the stand-in tree.
	mkdir -p "$tmp/series"
	(cd "$tmp/ok" && git checkout -q -b edit && echo "int xen_edit;" >>arch/x86/xen/smp.c &&
		git -c user.name=t -c user.email=t@t commit -q -am "x86/xen: edit" &&
		git format-patch -q -1 -o "$tmp/series" && git checkout -q main && git branch -q -D edit)
	(cd "$tmp/series" && ls ./*.patch | sed 's|^\./||') >"$tmp/series/series"
	while read -r name args want; do
		dir=$tmp/$name
		[ "$args" != - ] || args=
		before=$(kdir_state "$dir")
		# shellcheck disable=SC2086
		out=$("$XHP_TOP/scripts/apply.sh" --kdir "$dir" $args 2>&1) && r=1 || r=0
		[ $r = 0 ] && { echo "$out" | grep -qF -- "$want" || r=1; }
		[ $r = 0 ] && { [ "$before" = "$(kdir_state "$dir")" ] || r=1; }
		result $r "make apply KDIR=<$name tree>: '$want', the tree unchanged"
		[ $r = 0 ] || echo "$out" | tail -n 4 | sed 's/^/# /'
	done <<-EOT
	missing  -  no such directory
	plain    -  is not a git tree with a commit
	deb      -  HEAD does not hold the kernel's files (Makefile is not committed); a .gitignore ignores them
	deb0     -  a git tree without a commit, and its Makefile is ignored: a .gitignore ignores them
	dirty    -  has uncommitted changes
	old      -  is Linux 5.10; the series exists for 6.1 6.12; the nearest, to try: SERIES=patches/6.1
	new      -  is Linux 6.14; the series exists for 6.1 6.12; the nearest, to try: SERIES=patches/6.12
	conflict -  does not apply to
	EOT
	# The one that does not apply names its first patch and file.
	out=$("$XHP_TOP/scripts/apply.sh" --kdir "$tmp/conflict" 2>&1) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -qE "v[0-9]+-0001-.*does not apply" &&
		echo "$out" | grep -q "drivers/xen/events/events_base.c" || r=1; }
	result $r "a series that does not apply: its first patch and the file are named"
	[ $r = 0 ] || echo "$out" | tail -n 4 | sed 's/^/# /'
	# make verify (apply.sh --verify-tree): a tree that carries part of
	# the series, or all of it for a stock build, is refused, unchanged.
	kdir_tree "$tmp/part" 6 12
	kdir_tree "$tmp/all" 6 12
	series_subjects "$XHP_TOP/patches/6.12" >"$tmp/subjects"
	git -C "$tmp/part" -c user.name=t -c user.email=t@t commit -q --allow-empty -F - <<<"$(head -n 1 "$tmp/subjects")"
	while read -r subj; do
		git -C "$tmp/all" -c user.name=t -c user.email=t@t commit -q --allow-empty -m "$subj"
	done <"$tmp/subjects"
	while read -r name variant want; do
		before=$(kdir_state "$tmp/$name")
		out=$("$XHP_TOP/scripts/apply.sh" --verify-tree "$tmp/$name" "$tmp/wt-$name" "$variant" 2>&1) && r=1 || r=0
		[ $r = 0 ] && { echo "$out" | grep -qF -- "$want" || r=1; }
		[ $r = 0 ] && { [ "$before" = "$(kdir_state "$tmp/$name")" ] && [ ! -e "$tmp/wt-$name" ] || r=1; }
		result $r "make verify KDIR=<$name tree> VARIANT=$variant: '$want', the tree unchanged"
		[ $r = 0 ] || echo "$out" | tail -n 4 | sed 's/^/# /'
	done <<-EOT
	part series carries 1 of $(wc -l <"$tmp/subjects") patches of patches/6.12
	all  stock  already carries the series ($(wc -l <"$tmp/subjects") of $(wc -l <"$tmp/subjects") subjects)
	ok   mutant VARIANT for a tree of yours: series or stock
	EOT
	# make verify on a tree without CONFIG_CPU_HOTPLUG_STATE_CONTROL: the
	# step-down rows are skipped and said; stock has nothing else to run.
	kdir_tree "$tmp/nostate" 6 12
	before=$(kdir_state "$tmp/nostate")
	out=$("$XHP_TOP/scripts/verify.sh" "$tmp/nostate" stock 2>&1) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -q "has no CONFIG_CPU_HOTPLUG_STATE_CONTROL (lib/Kconfig.debug): the step-down rows are skipped: hvm:stepdown pvh:stepdown pv:stepdown" &&
		echo "$out" | grep -q "nothing left to run on $tmp/nostate without CONFIG_CPU_HOTPLUG_STATE_CONTROL" || r=1; }
	[ $r = 0 ] && { [ "$before" = "$(kdir_state "$tmp/nostate")" ] && [ -z "$(ls -A "$XHP_CACHE/verify")" ] || r=1; }
	result $r "make verify KDIR=<tree without CONFIG_CPU_HOTPLUG_STATE_CONTROL> VARIANT=stock: step-down skipped and said, nothing left, the tree unchanged"
	[ $r = 0 ] || echo "$out" | tail -n 4 | sed 's/^/# /'
	# make verify's build of a tree that does not compile: the first
	# error line and the log are named.  A stand-in tree: its
	# merge_config.sh writes the fragment as the .config, its Makefile
	# fails as Kbuild does on a compile error.
	kdir_tree "$tmp/broken" 6 12
	mkdir -p "$tmp/broken/scripts/kconfig"
	cat >"$tmp/broken/scripts/kconfig/merge_config.sh" <<-'SH'
	#!/bin/sh
	[ "$1" = -O ] && out=$2 && shift 2 && [ "$1" = -n ] && shift && cat "$@" >"$out/.config"
	SH
	chmod +x "$tmp/broken/scripts/kconfig/merge_config.sh"
	printf 'bzImage modules:\n\t@echo "  CC      arch/x86/xen/smp.o"\n\t@echo "arch/x86/xen/smp.c:1:18: error: expected identifier" >&2\n\t@exit 1\n' >>"$tmp/broken/Makefile"
	git -C "$tmp/broken" add -A && git -C "$tmp/broken" -c user.name=t -c user.email=t@t commit -q -m "does not compile"
	out=$("$XHP_TOP/scripts/build.sh" --tree "$tmp/broken" kdir-broken 2>&1) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -qF "kdir-broken: kernel build failed; first error: arch/x86/xen/smp.c:1:18: error: expected identifier; full log in $XHP_CACHE/build/kdir-broken/build.log" || r=1; }
	[ $r = 0 ] && [ ! -e "$XHP_CACHE/images/kdir-broken" ] || r=1
	result $r "make verify's build of a tree that does not compile: the first error line and the log named, no image kept"
	[ $r = 0 ] || echo "$out" | tail -n 4 | sed 's/^/# /'
	# Applied: a new branch in a new worktree; the user's checkout and
	# branch stay as they were.
	before=$(git -C "$tmp/ok" rev-parse HEAD; git -C "$tmp/ok" symbolic-ref HEAD; git -C "$tmp/ok" status --porcelain)
	out=$("$XHP_TOP/scripts/apply.sh" --kdir "$tmp/ok" "$tmp/series" 2>&1) && r=0 || r=1
	wt=$(echo "$out" | sed -n 's/^worktree: //p')
	[ $r = 0 ] && { [ -n "$wt" ] && git -C "$wt" log -1 --format=%s | grep -qx "x86/xen: edit" &&
		[ "$before" = "$(git -C "$tmp/ok" rev-parse HEAD; git -C "$tmp/ok" symbolic-ref HEAD; git -C "$tmp/ok" status --porcelain)" ] || r=1; }
	result $r "make apply KDIR=<ok tree> SERIES=<dir>: applied on a new branch, the checkout unchanged"
	[ $r = 0 ] || echo "$out" | tail -n 4 | sed 's/^/# /'
	rm -rf "$tmp"
}

# lint_out ARGS...: lint.sh's output (stdout and stderr) for a case to
# judge, with its progress lines also passed on to stderr as they come,
# so that a case's builds are not a silence (gaps.sh found 40 s in the
# bisect case of a `make check`).  Returns lint.sh's status.
lint_out() {
	"$XHP_TOP/scripts/lint.sh" "$@" 2>&1 |
		tee >(grep --line-buffered -E '^\[ *[0-9]+s\] ' | sed -u 's/^/# /' >&2)
	return "${PIPESTATUS[0]}"
}

# lint.sh on each broken series: the check it targets must fail.
lint_tests() {
	local d=$XHP_TOP/scripts/tests/lint base=$XHP_DEFAULT_BASE name want out
	while read -r name want; do
		out=$(lint_out --no-matrix --series "$d/$name" "$base") && r=1 || r=0
		# Red for the right reason: the targeted check is the one not ok.
		[ $r = 0 ] && { echo "$out" | grep -E '^not ok' | grep -qF -- "$want" || r=1; }
		result $r "lint catches $name: not ok '$want'"
		[ $r = 0 ] || echo "$out" | tail -n 8 | sed 's/^/# /'
	done <<-EOT
	checkpatch checkpatch --strict
	apply      git am of the series
	bisect     builds after x86/xen: test case for lint: break the build
	sparse     sparse C=2 and W=1: nothing new
	dangling   every file the series names in MAINTAINERS and a toctree is in the series
	EOT
	"$XHP_TOP/scripts/apply.sh" "$base" series >/dev/null 2>&1 || true
}

# The configuration matrix of lint.sh (make check-full): v1's link error.
lint_matrix_tests() {
	local base=6.12 v1 tmp want out
	# v1's patch 10 called a PV-only function from common code: a kernel
	# without CONFIG_XEN_PV could not link.  v1 as patches/v1.commit
	# holds it, patches 1-10; only the last tree is built.
	v1=$(rows "$XHP_TOP/patches/v1.commit")
	tmp=$(mktemp -d)
	for f in $(git -C "$XHP_TOP" show "$v1:patches/$base/series" | grep -E '^00(0[1-9]|10)-'); do
		git -C "$XHP_TOP" show "$v1:patches/$base/$f" >"$tmp/$f"
		echo "$f" >>"$tmp/series"
	done
	want="builds and links with pv-off after x86/xen: refuse to start a vCPU whose IPI channels are not bound"
	out=$(XHP_LINT_LAST=1 XHP_LINT_VARIANTS=pv-off XHP_LINT_DISTRO='' lint_out --series "$tmp" "$base") && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -E '^not ok' | grep -qF -- "$want" &&
		echo "$out" | grep -q "undefined reference to .xen_smp_intr_bound_pv" || r=1; }
	result $r "lint catches v1's link error without CONFIG_XEN_PV ($(wc -l <"$tmp/series") patches of v1)"
	[ $r = 0 ] || echo "$out" | grep -v '^ok' | tail -n 12 | sed 's/^/# /'
	rm -rf "$tmp"
	# Debian's configuration: the sparse case of lint_tests is red there
	# too, by its own line (no variant, the last patch only).
	want="$base Debian cloud-amd64 config, sparse C=2 and W=1: nothing new"
	out=$(XHP_LINT_LAST=1 XHP_LINT_VARIANTS= XHP_LINT_DISTRO=cloud-amd64 \
		lint_out --series "$XHP_TOP/scripts/tests/lint/sparse" "$base") && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -E '^not ok' | grep -qF -- "$want" &&
		echo "$out" | grep -q '^# new: ' || r=1; }
	result $r "lint catches a new sparse warning in Debian's cloud-amd64 config"
	[ $r = 0 ] || echo "$out" | grep -v '^ok' | tail -n 12 | sed 's/^/# /'
	"$XHP_TOP/scripts/apply.sh" "$base" series >/dev/null 2>&1 || true
}

# gaps.sh (issue 15: no step silent for more than 30 s): a silence over
# the limit is red and names the line that ended it, one within it is
# green with the command's own status, a log without its exit line is
# red, and each kept log of a real run (tests/gaps/*.log) is green.
gaps_tests() {
	local tmp out r f kept=0
	tmp=$(mktemp -d)
	out=$("$XHP_TOP/scripts/gaps.sh" -m 1 "$tmp/a.log" sh -c 'echo one; sleep 2; echo two' 2>&1) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -qE "longest silence 2\.[0-9] s \(limit 1 s\), from 0\.[0-9] s to: two$" || r=1; }
	result $r "gaps.sh: 2 s of silence over a 1 s limit is red, and names the line after it"
	[ $r = 0 ] || echo "$out" | tail -n 3 | sed 's/^/# /'
	out=$("$XHP_TOP/scripts/gaps.sh" -m 5 "$tmp/b.log" sh -c 'echo one; sleep 2; echo two; exit 3' 2>&1) && r=1 || r=$?
	[ "$r" = 3 ] && echo "$out" | grep -q "longest silence 2\.[0-9] s (limit 5 s)" && r=0 || r=1
	result $r "gaps.sh: within the limit, the command's own status (3) is passed on"
	[ $r = 0 ] || echo "$out" | tail -n 3 | sed 's/^/# /'
	head -n 2 "$tmp/b.log" >"$tmp/c.log"
	out=$("$XHP_TOP/scripts/gaps.sh" --judge "$tmp/c.log" 2>&1) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -q "no exit line" || r=1; }
	result $r "gaps.sh --judge: a log cut short (no exit line) is red"
	for f in "$XHP_TOP"/scripts/tests/gaps/*.log; do
		[ -f "$f" ] || continue
		kept=$((kept + 1))
		out=$("$XHP_TOP/scripts/gaps.sh" --judge "$f" 2>&1) && r=0 || r=1
		result $r "kept log $(basename "$f"): $out"
	done
	[ $kept -gt 0 ] && r=0 || r=1
	result $r "gaps.sh: $kept kept log(s) of a real cold run judged"
	rm -rf "$tmp"
}

# xen-boot.sh with a stub QEMU (XHP_QEMU) that prints a console and
# echoes what comes in on its serial line: Xen's debug keys are sent on
# a stall and on a silent test, never on a test that talks or before a
# test runs; a silent hang is a hang (124) and the verdict says so.
boot_tests() {
	local tmp out r rc at keys=010101307172656
	keys+=4
	tmp=$(mktemp -d)
	cat >"$tmp/qemu" <<-'EOF'
		#!/bin/bash
		echo "(XEN) Xen version 4.17 (stub)"
		got() { echo "(XEN) stub got keys $(head -c 8 | od -An -tx1 | tr -d ' \n')"; exec sleep 300; }
		case $STUB in
		silent) echo "xhp: running hotplug"; got ;;
		silent-monitor) # a monitor on the socket of -monitor unix:PATH,...
			for a in "$@"; do case $a in unix:*) sock=${a#unix:} sock=${sock%%,*} ;; esac; done
			python3 "$STUB_DIR/monitor.py" "$sock" &
			echo "xhp: running hotplug"; got ;;
		silent-dom0) echo "xhp: running hotplug"
			(for i in $(seq 30); do sleep 0.5; echo "xhp-dom0: domU after $i s:"; done) &
			got ;;
		stall) echo "xhp: running hotplug"; sleep 1
			echo "[   12.000000] rcu: INFO: rcu_preempt self-detected stall on CPU"; got ;;
		talk) echo "xhp: running hotplug"
			for i in 1 2 3 4 5; do sleep 1; echo "# cycle $i"; done
			echo "xhp: done rc=0"; exec sleep 300 ;;
		early) echo "Linux version 6.12 (stub)"; sleep 4 ;;
		crash) echo "xhp: running hotplug"; sleep 1
			echo "[   12.000000] rcu: INFO: rcu_preempt self-detected stall on CPU"
			head -c 4 >/dev/null; kill -SEGV $$ ;;
		esac
	EOF
	chmod +x "$tmp/qemu"
	cat >"$tmp/monitor.py" <<-'EOF'
		import socket, sys
		srv = socket.socket(socket.AF_UNIX)
		srv.bind(sys.argv[1])
		srv.listen(1)
		# Each answer has CPU0 one instruction on (a CPU still running).
		for rip in (b"ffff82d040203f10", b"ffff82d040203f12"):
		    conn, _ = srv.accept()
		    conn.sendall(b"QEMU stub monitor\r\n(qemu) ")
		    conn.recv(100)
		    conn.sendall(b"i\x1b[Kinfo registers -a\r\nCPU#0\r\nRIP=" + rip + b" RFL=00000002 [-------] CPL=0 II=0 A20=1 SMM=0 HLT=0\r\n"
		                 b"RAX=0000000000000000\r\nCS =e008 0000000000000000 ffffffff 00af9b00 DPL=0 CS64 [-RA]\r\n"
		                 b"CPU#1\r\nRIP=ffffffff810559a6 RFL=00000246 [---Z-P-] CPL=0 II=0 A20=1 SMM=0 HLT=1\r\n"
		                 b"CS =0010 0000000000000000 ffffffff 00af9b00 DPL=0 CS64 [-RA]\r\n(qemu) ")
		    conn.close()
	EOF
	: >"$tmp/bzImage"
	: >"$tmp/initrd"
	boot() {
		STUB=$1 STUB_DIR=$tmp XHP_QEMU=$tmp/qemu XHP_CACHE=$tmp/cache XHP_TIMEOUT=60 XHP_SILENT=3 \
			XHP_KEY_GAP=0.1 XHP_DUMP_GRACE=2 XHP_GRACE=5 XHP_MONITOR_GAP=1 "$XHP_TOP/scripts/xen-boot.sh" pv "$tmp/bzImage" "$tmp/initrd" "$tmp/$1.log" 2>/dev/null
	}
	boot silent && rc=0 || rc=$?
	out=$("$XHP_TOP/scripts/verdict.sh" "$tmp/silent.log" "$rc") || true
	[ "$rc" = 124 ] && grep -q "^(XEN) stub got keys $keys$" "$tmp/silent.log" &&
		echo "$out" | grep -q "^FAIL hang: the console was silent for 3 s during the test; Xen's dump follows console line 2;" &&
		r=0 || r=1
	result $r "xen-boot.sh: a test silent for XHP_SILENT s gets Xen's debug keys (Ctrl-A x3, 0 q r e d) and is a hang"
	[ $r = 0 ] || { echo "rc $rc"; echo "$out"; cat "$tmp/silent.log"; } | tail -n 6 | sed 's/^/# /'
	grep -q "^xhp-host: QEMU's monitor did not answer 'info registers -a' in 20 s$" "$tmp/silent.log" && r=0 || r=1
	result $r "xen-boot.sh: a silent hang whose QEMU monitor does not answer says so"
	boot silent-monitor && rc=0 || rc=$?
	[ "$rc" = 124 ] &&
		grep -q "^xhp-host: QEMU's monitor: CPU0 e008:ffff82d040203f10 IF0 HLT0, CPU1 0010:ffffffff810559a6 IF1 HLT1; their registers in silent-monitor.log.monitor$" "$tmp/silent-monitor.log" &&
		grep -q '^CPU#1$' "$tmp/silent-monitor.log.monitor" && r=0 || r=1
	result $r "xen-boot.sh: a silent hang asks QEMU's monitor for each CPU's registers and names their CS:RIP, IF and HLT"
	[ $r = 0 ] || { echo "rc $rc"; cat "$tmp/silent-monitor.log" "$tmp/silent-monitor.log.monitor"; } | tail -n 6 | sed 's/^/# /'
	# Asked again XHP_MONITOR_GAP s later, both answers kept, in order.
	grep -q "^xhp-host: QEMU's monitor 1 s later: CPU0 e008:ffff82d040203f12 IF0 HLT0, CPU1 0010:ffffffff810559a6 IF1 HLT1; their registers in silent-monitor.log.monitor$" "$tmp/silent-monitor.log" &&
		[ "$(grep -c '^CPU#1$' "$tmp/silent-monitor.log.monitor")" = 2 ] &&
		grep -qx "# QEMU's monitor 1 s later:" "$tmp/silent-monitor.log.monitor" &&
		[ "$(grep -o 'RIP=ffff82d040203f1.' "$tmp/silent-monitor.log.monitor" | tr -d '\r' | paste -s -d ' ')" = "RIP=ffff82d040203f10 RIP=ffff82d040203f12" ] && r=0 || r=1
	result $r "xen-boot.sh: a silent hang asks QEMU's monitor again XHP_MONITOR_GAP s later and keeps both answers"
	[ $r = 0 ] || { echo "rc $rc"; cat "$tmp/silent-monitor.log" "$tmp/silent-monitor.log.monitor"; } | tail -n 6 | sed 's/^/# /'
	boot silent-dom0 && rc=0 || rc=$?
	# The keys came while dom0 still printed (30 lines in 15 s), not after.
	at=$(sed -n -E "s/^xhp-host: Xen's debug keys .* sent after console line ([0-9]+): the console was silent.*/\1/p" "$tmp/silent-dom0.log")
	[ "$rc" = 124 ] && grep -q "^(XEN) stub got keys $keys$" "$tmp/silent-dom0.log" && [ "${at:-99}" -lt 20 ] && r=0 || r=1
	result $r "xen-boot.sh: a domU silent while dom0's watcher prints (xhp-dom0:) is a hang too"
	[ $r = 0 ] || { echo "rc $rc"; tail -n 3 "$tmp/silent-dom0.log"; } | sed 's/^/# /'
	# That holds only if every line of the watcher is dom0's: its
	# snapshot (dom0/init's snapshot()), with xl and xenctx printing what
	# they print there (the 6.1 domU's console, 2026-12-05), and xl
	# failing once the domU is gone.  The lines of xl vcpu-list came
	# bare; on the shared serial port two of them cut the domU's lines
	# (and a domU that hangs while they come is not silent).
	mkdir -p "$tmp/xen"
	cat >"$tmp/xen/xl" <<-'EOF'
		#!/bin/sh
		case $1 in
		vcpu-list) [ -e "$STUB_DIR/gone" ] && { echo "xhp is an invalid domain identifier (rc=-6)" >&2; exit 1; }
			echo "Name                                ID  VCPU   CPU State   Time(s) Affinity (Hard / Soft)"
			echo "xhp                                  1     0    1   r--      47.2  all / all"
			echo "xhp                                  1     1    3   ---      25.4  all / all" ;;
		domid) [ -e "$STUB_DIR/gone" ] && { echo "Can't get domid of domain name 'xhp', maybe this domain does not exist." >&2; exit 1; }
			echo 1 ;;
		esac
	EOF
	cat >"$tmp/xen/xenctx" <<-'EOF'
		#!/bin/sh
		echo "vcpu0:"
		echo "rip: ffffffff810559a6 pv_native_safe_halt+0x6"
		echo "cs: 0010 ss: 0000"
		echo "                      [<ffffffff810559a6>] pv_native_safe_halt+0x6 <--"
	EOF
	chmod +x "$tmp/xen/xl" "$tmp/xen/xenctx"
	snap() {
		(
			eval "$(sed -n -e '/^say() {/p' -e '/^snapshot() {/,/^}/p' "$XHP_TOP/scripts/dom0/init")"
			xen=$tmp/xen
			export STUB_DIR=$tmp
			snapshot 120
		) 2>&1
	}
	out=$(snap; touch "$tmp/gone"; snap)
	[ "$(echo "$out" | grep -c .)" -ge 10 ] && echo "$out" | grep -q 'xhp-dom0: .*Name  .*Affinity' &&
		! echo "$out" | grep -v -q '^xhp-dom0: ' && r=0 || r=1
	result $r "dom0/init: every line of the watcher's snapshot is dom0's (xhp-dom0:), xl's list and xl's errors too"
	[ $r = 0 ] || echo "$out" | grep -v '^xhp-dom0: ' | head -n 3 | sed 's/^/# /'
	boot stall && rc=0 || rc=$?
	out=$("$XHP_TOP/scripts/verdict.sh" "$tmp/stall.log" "$rc") || true
	[ "$rc" = 0 ] && grep -q "^(XEN) stub got keys $keys$" "$tmp/stall.log" &&
		grep -q "^xhp-host: Xen's debug keys .* sent after console line 3: rcu: INFO: rcu_preempt self-detected stall$" "$tmp/stall.log" &&
		echo "$out" | grep -q "^FAIL rcu: INFO: rcu_preempt self-detected stall" && r=0 || r=1
	result $r "xen-boot.sh: an RCU stall gets Xen's debug keys, the verdict names the stall"
	[ $r = 0 ] || { echo "rc $rc"; echo "$out"; cat "$tmp/stall.log"; } | tail -n 6 | sed 's/^/# /'
	boot talk && rc=0 || rc=$?
	[ "$rc" = 0 ] && grep -q '^xhp: done rc=0' "$tmp/talk.log" && ! grep -q 'stub got keys\|^xhp-host' "$tmp/talk.log" && r=0 || r=1
	result $r "xen-boot.sh: a test that prints a line a second for longer than XHP_SILENT gets no keys"
	[ $r = 0 ] || { echo "rc $rc"; cat "$tmp/talk.log"; } | tail -n 6 | sed 's/^/# /'
	boot early && rc=0 || rc=$?
	[ "$rc" = 0 ] && grep -q '^Linux version' "$tmp/early.log" && ! grep -q 'stub got keys\|^xhp-host' "$tmp/early.log" && r=0 || r=1
	result $r "xen-boot.sh: silence before a test runs gets no keys"
	[ $r = 0 ] || { echo "rc $rc"; cat "$tmp/early.log"; } | tail -n 6 | sed 's/^/# /'
	boot crash && rc=0 || rc=$?
	grep -q '^xhp-host: QEMU died of SIGSEGV (exit 139)$' "$tmp/crash.log" && r=0 || r=1
	result $r "xen-boot.sh: QEMU that dies of SIGSEGV while Xen dumps (in the grace) is named on the console"
	[ $r = 0 ] || { echo "rc $rc"; cat "$tmp/crash.log"; } | tail -n 6 | sed 's/^/# /'
	rm -rf "$tmp"
}

# soak.sh with a stub xen-test.sh: a boot passes only with its hot-plug
# cycles verified, counted from the log, and a pass in the ledger is not
# run again.
soak_tests() {
	local tmp out r
	tmp=$(mktemp -d)
	cat >"$tmp/xen-test.sh" <<-'EOF'
	#!/bin/bash
	# The stub: $STUB_RESULT, and a log with $STUB_KTAP in it; its Nth
	# call takes $STUB_RESULT_N, $STUB_KTAP_N and $STUB_VERDICT_N if set.
	echo "$4" >>"$STUB_DIR/cycles"
	n=$(wc -l <"$STUB_DIR/cycles")
	r=STUB_RESULT_$n k=STUB_KTAP_$n v=STUB_VERDICT_$n
	log=$STUB_DIR/$1-$2-$3.log
	printf '%s\n' "${!k-$STUB_KTAP}" >"$log"
	printf '%s\n' "${!r:-$STUB_RESULT} the verdict" "${!v-}" >"$log.verdict"
	echo "${!r:-$STUB_RESULT} $1 $2 $4 $3 series boot+test 1s total 1s  $log"
	echo "  the verdict"
	EOF
	chmod +x "$tmp/xen-test.sh"
	soak() {
		STUB_DIR=$tmp XHP_XEN_TEST=$tmp/xen-test.sh XHP_SOAK_IMAGE=${XHP_SOAK_IMAGE:-abc-123} \
			XHP_SOAK_LEDGER=$tmp/ledger "$XHP_TOP/scripts/soak.sh" "$@" 2>&1
	}
	out=$(STUB_RESULT=PASS STUB_KTAP="# hot-plug cycles: 198 verified in order or random order, 204 attempted by the concurrent writers (3 CPUs)" \
		soak 6.1 200 pv@2l) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -qE ' pv +2l +198 +204 +0 +FAIL ' || r=1; }
	result $r "soak.sh: a passing boot that verified 198 of 200 hot-plug cycles is a FAIL row"
	[ $r = 0 ] || echo "$out" | tail -n 3 | sed 's/^/# /'
	out=$(STUB_RESULT=PASS STUB_KTAP="# no count" soak 6.1 200 pv@2l) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -qE ' pv +2l +0 +0 +0 +FAIL ' || r=1; }
	result $r "soak.sh: a passing boot without its count is a FAIL row"
	[ $r = 0 ] || echo "$out" | tail -n 3 | sed 's/^/# /'
	out=$(STUB_RESULT=FAIL STUB_KTAP="$(printf '%s\n' "[ 9.1] xen:events: Dropping pending event for port 6" \
		"# hot-plug cycles: 204 verified in order or random order, 204 attempted by the concurrent writers (3 CPUs)")" \
		soak 6.1 200 pvh@fifo) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -qE ' pvh +fifo +204 +204 +1 +FAIL ' && echo "$out" | grep -q 'the verdict' || r=1; }
	result $r "soak.sh: a red boot is a FAIL row with its drain lines counted, and its verdict shown"
	[ $r = 0 ] || echo "$out" | tail -n 3 | sed 's/^/# /'
	rm -f "$tmp/cycles"
	out=$(STUB_RESULT=PASS STUB_KTAP="# hot-plug cycles: 204 verified in order or random order, 204 attempted by the concurrent writers (3 CPUs)" \
		soak 6.1 200 pv hvm@fifo) && r=0 || r=1
	[ $r = 0 ] && { echo "$out" | grep -cE ' PASS ' | grep -qx 3 && [ "$(tr '\n' ' ' <"$tmp/cycles")" = "34 34 100 " ] || r=1; }
	result $r "soak.sh: 200 hot-plug cycles are 34 test cycles in dom0 (3 CPUs), 100 in the domU (1), on each ABI asked"
	[ $r = 0 ] || { echo "$out"; cat "$tmp/cycles"; } | tail -n 5 | sed 's/^/# /'
	rm -f "$tmp/cycles"
	out=$(STUB_RESULT=PASS STUB_KTAP="# hot-plug cycles: 204 verified in order or random order, 204 attempted by the concurrent writers (3 CPUs)" \
		soak 6.1 200 pv pvh@2l) && r=0 || r=1
	[ $r = 0 ] && { echo "$out" | grep -c 'passed already' | grep -qx 2 && [ "$(tr '\n' ' ' <"$tmp/cycles")" = "34 " ] || r=1; }
	result $r "soak.sh: boots that passed with the same image are not run again; the others are"
	[ $r = 0 ] || { echo "$out"; cat "$tmp/cycles"; } | tail -n 5 | sed 's/^/# /'
	out=$(soak 6.1 2x pv) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -q "HOTPLUGS: a number" && [ "$(grep -vc '^#' "$tmp/ledger")" = 7 ] || r=1; }
	result $r "soak.sh: a bad HOTPLUGS is refused, and the ledger keeps its 7 rows"
	[ $r = 0 ] || echo "$out" | tail -n 3 | sed 's/^/# /'
	# Boots the emulation killed: their cycles so far count, the next boot
	# asks for the rest, and each is in the EMU column.
	local emu="  emulation fault, not run again: d0v2 triple fault at Xen's code segment"
	local p40 p34
	p40=$(printf '# hot-plug cycles verified so far: %s\n' 6 12 18 24 30 36 40)
	p34=$(printf '# hot-plug cycles verified so far: %s\n' 6 12 18 24 30 34)
	rm -f "$tmp/cycles" "$tmp/ledger"
	out=$(STUB_RESULT=FAIL STUB_KTAP_1="$p40" STUB_VERDICT_1="$emu" \
		STUB_KTAP_2="$(printf '%s\n' "$p34" "[ 9.1] xen:events: Dropping pending event for port 6")" STUB_VERDICT_2="$emu" \
		STUB_RESULT_3=PASS STUB_KTAP_3="# hot-plug cycles: 126 verified in order or random order, 126 attempted by the concurrent writers (3 CPUs)" \
		soak 6.1 200 pvh@fifo) && r=0 || r=1
	[ $r = 0 ] && { echo "$out" | grep -qE ' pvh +fifo +200 +126 +1 +PASS +[0-9]+ +2 +0$' &&
		[ "$(tr '\n' ' ' <"$tmp/cycles")" = "34 27 21 " ] && [ -f "$tmp/6.1-pvh-hotplug@fifo.log.soak-emulation-2" ] || r=1; }
	result $r "soak.sh: two boots the emulation killed after 40 and 34 cycles, then 126 in a passing boot: a PASS row of 200, EMU 2"
	[ $r = 0 ] || { echo "$out"; cat "$tmp/cycles"; } | tail -n 5 | sed 's/^/# /'
	rm -f "$tmp/cycles"
	out=$(STUB_RESULT=FAIL STUB_KTAP="$p40" soak 6.1 200 pvh@2l) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -qE ' pvh +2l +40 +0 +0 +FAIL +[0-9]+ +0 +0$' && [ "$(wc -l <"$tmp/cycles")" = 1 ] || r=1; }
	result $r "soak.sh: a red boot that did not die of the emulation ends the soak: a FAIL row with its 40 cycles so far"
	[ $r = 0 ] || { echo "$out"; cat "$tmp/cycles"; } | tail -n 5 | sed 's/^/# /'
	rm -f "$tmp/cycles"
	out=$(XHP_SOAK_EMU_MAX=1 STUB_RESULT=FAIL STUB_KTAP="$p34" STUB_VERDICT_1="$emu" STUB_VERDICT_2="$emu" \
		STUB_RESULT_3=PASS soak 6.1 200 pv@fifo) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -qE ' pv +fifo +68 +0 +0 +FAIL +[0-9]+ +2 +0$' && [ "$(wc -l <"$tmp/cycles")" = 2 ] || r=1; }
	result $r "soak.sh: a second boot killed by the emulation with XHP_SOAK_EMU_MAX=1 is a FAIL row, no third boot"
	[ $r = 0 ] || { echo "$out"; cat "$tmp/cycles"; } | tail -n 5 | sed 's/^/# /'
	# A soak in sittings (XHP_SOAK_PART): a PART row each, the rest asked
	# for next time, and the totals in the row that ends it.
	# sitting RC ROW CYCLES TEXT NAME [VAR=VALUE...]: soak.sh 6.1 200 hvm@2l
	# with VARs exits RC, writes ROW, asks for CYCLES test cycles and says
	# TEXT ("": not looked for).
	local c80 c40
	c80="# hot-plug cycles: 80 verified in order or random order, 80 attempted by the concurrent writers (1 CPUs)"
	c40="# hot-plug cycles: 40 verified in order or random order, 40 attempted by the concurrent writers (1 CPUs)"
	sitting() {
		local rc=$1 row=$2 cyc=$3 text=$4 name=$5 got
		shift 5
		rm -f "$tmp/cycles"
		out=$(export STUB_RESULT=PASS "$@"; soak 6.1 200 hvm@2l) && got=0 || got=1
		r=0
		[ $got = "$rc" ] && echo "$out" | grep -qE " 6.1  hvm   2l  $row\$" &&
			[ "$(cat "$tmp/cycles")" = "$cyc" ] && { [ -z "$text" ] || echo "$out" | grep -qF "$text"; } || r=1
		result $r "soak.sh: $name"
		[ $r = 0 ] || { echo "$out"; cat "$tmp/cycles"; } | tail -n 5 | sed 's/^/# /'
	}
	rm -f "$tmp/ledger"
	sitting 0 ' +80 +80 +0 +PART +[0-9]+ +0 +0' 40 '' \
		"a sitting of XHP_SOAK_PART=80 of 200 asks for 40 test cycles in the domU, passes, and is a PART row" \
		XHP_SOAK_PART=80 STUB_KTAP="$c80"
	sitting 0 ' +80 +80 +0 +PART +[0-9]+ +0 +1' 40 '80 hot-plug cycles verified in 1 earlier sitting' \
		"a second sitting of 80 takes the first as done: another PART row, PARTS 1" \
		XHP_SOAK_PART=80 STUB_KTAP="$c80"
	sitting 0 ' +200 +200 +0 +PASS +[0-9]+ +0 +2' 20 '' \
		"the last sitting verifies the other 40 and ends the soak: a PASS row of the totals, 200 cycles, PARTS 2" \
		STUB_KTAP="$c40"
	sitting 0 ' +80 +80 +0 +PART +[0-9]+ +0 +0' 40 '' \
		"the PART rows before a PASS row are not taken again: a new soak's first sitting, PARTS 0" \
		XHP_SOAK_AGAIN=1 XHP_SOAK_PART=80 STUB_KTAP="$c80"
	sitting 1 ' +40 +40 +0 +FAIL +[0-9]+ +0 +0' 100 '' \
		"a PART row of another image is not taken: 100 test cycles asked, 40 verified, a FAIL row" \
		XHP_SOAK_IMAGE=other-123 STUB_KTAP="$c40"
	sitting 1 ' +120 +120 +0 +FAIL +[0-9]+ +0 +1' 40 '' \
		"a sitting that verifies 40 of its 80 is a FAIL row of the totals (120 with its PART row)" \
		XHP_SOAK_AGAIN=1 XHP_SOAK_PART=80 STUB_KTAP="$c40"
	sitting 0 ' +80 +80 +0 +PART +[0-9]+ +0 +0' 40 '' \
		"after a FAIL row a soak starts afresh: PARTS 0" \
		XHP_SOAK_AGAIN=1 XHP_SOAK_PART=80 STUB_KTAP="$c80"
	local rows
	rm -f "$tmp/cycles"
	rows=$(wc -l <"$tmp/ledger")
	out=$(XHP_SOAK_AGAIN=1 soak 6.1 80 hvm@2l) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -q 'verified 80 hot-plug cycles, HOTPLUGS is 80: ask for more than 80' &&
		[ ! -f "$tmp/cycles" ] && [ "$(wc -l <"$tmp/ledger")" = "$rows" ] || r=1; }
	result $r "soak.sh: HOTPLUGS no more than its PART rows verified is refused, nothing run, no row"
	[ $r = 0 ] || echo "$out" | tail -n 3 | sed 's/^/# /'
	out=$(XHP_SOAK_PART=0 soak 6.1 200 hvm@2l) && r=1 || r=0
	[ $r = 0 ] && { echo "$out" | grep -q "XHP_SOAK_PART: the hot-plug cycles" &&
		[ ! -f "$tmp/cycles" ] && [ "$(wc -l <"$tmp/ledger")" = "$rows" ] || r=1; }
	result $r "soak.sh: a bad XHP_SOAK_PART is refused, nothing run, no row"
	[ $r = 0 ] || echo "$out" | tail -n 3 | sed 's/^/# /'
	rm -rf "$tmp"
}

case ${1:-all} in
verdict) verdict_tests ;;
emulation) emulation_tests ;;
lint) lint_tests ;;
lint-matrix) lint_matrix_tests ;;
deps) deps_tests ;;
guest) guest_tests ;;
check) check_tests ;;
model) model_tests ;;
scenarios) scenarios_tests ;;
kdir) kdir_tests ;;
gaps) gaps_tests ;;
soak) soak_tests ;;
boot) boot_tests ;;
all) verdict_tests; emulation_tests; deps_tests; guest_tests; check_tests; model_tests; scenarios_tests; kdir_tests; gaps_tests; soak_tests; boot_tests; lint_tests ;;
*) die "usage: $0 [verdict|emulation|deps|guest|check|model|scenarios|kdir|gaps|soak|boot|lint|lint-matrix|all]" ;;
esac
tap_end
