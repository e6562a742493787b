#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Write the series of BASE from its worktree branch into patches/BASE/:
# git format-patch with a cover letter and a base-commit: trailer (the
# reproducible commit of bases.sh), and the quilt series file.  The cover
# letter's subject and text come from patches/cover-letter.txt (first line:
# subject; @BASE@, @VERSION@ and @DOCDIR@ are filled in).
#
#   scripts/export.sh BASE [REV]     default REV: the worktree's HEAD

. "$(dirname "$0")/lib.sh"

base=${1:?usage: $0 BASE [REV]}
check_base "$base"
wt=$XHP_CACHE/work/$base
rev=${2:-HEAD}
out=$XHP_TOP/patches/$base
tmpl=$XHP_TOP/patches/cover-letter.txt
[ -f "$tmpl" ] || die "no $tmpl"
ver=$(cat "$XHP_CACHE/bases/$base.version")

# The worktree is shared with the test runs: a mutant or a bench edit on
# top is not part of the series.
[ -n "$(git -C "$wt" rev-list "debian..$rev")" ] ||
	die "$wt holds no series (stock?); run 'scripts/apply.sh $base series' first"
if git -C "$wt" log --format=%s "debian..$rev" | grep -qE '^(mutant|bench):'; then
	die "$wt carries a mutant or bench commit; run 'scripts/apply.sh $base series' first"
fi
rm -f "$out"/*.patch
mkdir -p "$out"
git -C "$wt" format-patch -q --abbrev=12 --cover-letter --base=debian --no-signature --zero-commit \
	-o "$out" "debian..$rev"

# Documentation/x86/ moved to Documentation/arch/x86/ in 6.5.
docdir=arch/x86
[ "$base" = 6.1 ] && docdir=x86
subject=$(head -n 1 "$tmpl" | sed -e "s/@BASE@/$base/g" -e "s/@VERSION@/$ver/g")
body=$(tail -n +2 "$tmpl" | sed -e "s/@BASE@/$base/g" -e "s/@VERSION@/$ver/g" -e "s|@DOCDIR@|$docdir|g")
cover=$out/0000-cover-letter.patch
python3 - "$cover" "$subject" "$body" <<'PY'
import sys
path, subject, body = sys.argv[1:]
s = open(path).read()
s = s.replace("*** SUBJECT HERE ***", subject).replace("*** BLURB HERE ***", body.strip("\n"))
open(path, "w").write(s)
PY
{
	echo "# Xen vCPU hot-plug series for Debian linux-source-$base $ver."
	echo "# Apply with git am in this order (or quilt push -a)."
	(cd "$out" && ls [0-9][0-9][0-9][0-9]-*.patch | grep -v '^0000-cover-letter')
} >"$out/series"
note "$base: $(grep -c '\.patch$' "$out/series") patches and a cover letter in ${out#"$XHP_TOP"/}"
