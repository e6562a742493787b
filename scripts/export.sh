#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Write the series of BASE from its worktree branch into patches/BASE/:
# git format-patch with a cover letter and a base-commit: trailer (the
# reproducible commit of bases.sh), and the quilt series file.  The cover
# letter's subject and text come from patches/cover-letter.txt (first line:
# subject; a line "Revision: N" gives the series' revision, the [PATCH vN]
# of format-patch; @BASE@, @VERSION@, @DOCDIR@ and @RANGEDIFF@ are filled
# in: @RANGEDIFF@ with git range-diff against the previous revision vN
# as patches/vN.commit holds it, applied to the same base; @PREV@ with
# "vN" and @PREVCOMMIT@ with that commit; @EVIDENCE@ with
# patches/evidence.txt, the measured results).
#
# Why not b4 (Debian 12 ships 0.12): `b4 prep --compare-to v1` runs the
# same git range-diff, but only against a sent/ tag that `b4 send` or
# `b4 prep --manual-reroll` writes, and the latter fetches the v1 thread
# from lore.kernel.org (tried: no network here, it fails).  export.sh
# runs git range-diff itself, as b4's compare() does.
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
# A tree of series:N or stable (apply.sh) holds only some of the
# series: exporting it would drop the others from patches/BASE.  Each
# patch that patches/BASE/series lists must be there, by subject.
have=$(git -C "$wt" log --format=%s "debian..$rev")
if [ -f "$out/series" ]; then
	while read -r f; do
		s=$(git mailinfo /dev/null /dev/null <"$out/$f" | sed -n 's/^Subject: //p')
		grep -qxF -- "$s" <<<"$have" ||
			die "$wt lacks '$s' (${out#"$XHP_TOP"/}/$f): a series:N or stable tree? Run 'scripts/apply.sh $base series' first; to drop or reword that patch, take it out of ${out#"$XHP_TOP"/}/series first"
	done < <(rows "$out/series")
fi
rev=$(git -C "$wt" rev-parse "$rev")
reroll=$(sed -n 's/^Revision: *//p' "$tmpl" | head -n 1)
[[ ${reroll:-1} =~ ^[0-9]+$ ]] || die "$tmpl: 'Revision: $reroll' is not a number"
rm -f "$out"/*.patch
mkdir -p "$out"
git -C "$wt" format-patch -q --abbrev=12 --cover-letter --base=debian --no-signature --zero-commit \
	${reroll:+--reroll-count=$reroll} -o "$out" "debian..$rev"

# The range-diff against the previous revision, as b4 puts it in a cover
# letter: its patches (patches/vN.commit names the commit of this
# repository that holds them) applied to the same base in a scratch
# worktree.
rangediff=
prev=$((${reroll:-1} - 1))
prevfile=$XHP_TOP/patches/v$prev.commit
if [ "$prev" -ge 1 ] && [ -f "$prevfile" ]; then
	pwt=$(mktemp -d)
	git -C "$wt" worktree add -q --detach "$pwt/tree" debian
	if "$XHP_TOP/scripts/apply.sh" --rev-into "$pwt/tree" "$base" "$prev" >/dev/null; then
		rangediff=$(git -C "$wt" range-diff --no-color debian.."$(git -C "$pwt/tree" rev-parse HEAD)" "debian..$rev")
	else
		die "cannot apply v$prev ($(rows "$prevfile")) to $base for the range-diff"
	fi
	git -C "$wt" worktree remove --force "$pwt/tree"
	rm -rf "$pwt"
fi

# Documentation/x86/ moved to Documentation/arch/x86/ in 6.5.
docdir=arch/x86
[ "$base" = 6.1 ] && docdir=x86
subject=$(head -n 1 "$tmpl" | sed -e "s/@BASE@/$base/g" -e "s/@VERSION@/$ver/g")
prevcommit=$(rows "$prevfile" 2>/dev/null | cut -c1-12)
body=$(tail -n +2 "$tmpl" | grep -v '^Revision:' | sed -e "s/@BASE@/$base/g" -e "s/@VERSION@/$ver/g" \
	-e "s|@DOCDIR@|$docdir|g" -e "s/@PREV@/v$prev/g" -e "s/@PREVCOMMIT@/${prevcommit:-unknown}/g")
cover=$(ls "$out"/*0000-cover-letter.patch)
python3 - "$cover" "$subject" "$body" "$rangediff" <<'PY'
import sys
path, subject, body, rangediff = sys.argv[1:]
body = body.replace("@RANGEDIFF@", rangediff.strip("\n"))
try:
    evidence = open(path.rsplit("/", 2)[0] + "/evidence.txt").read()
except OSError:
    evidence = ""
body = body.replace("@EVIDENCE@", evidence.strip("\n"))
s = open(path).read()
s = s.replace("*** SUBJECT HERE ***", subject).replace("*** BLURB HERE ***", body.strip("\n"))
open(path, "w").write(s)
PY
{
	echo "# Xen vCPU hot-plug series${reroll:+ v$reroll} for Debian linux-source-$base $ver."
	echo "# Apply with git am in this order (or quilt push -a)."
	(cd "$out" && ls ./*[0-9][0-9][0-9][0-9]-*.patch | sed 's|^\./||' | grep -v -- '0000-cover-letter')
} >"$out/series"
note "$base: $(grep -c '\.patch$' "$out/series") patches and a cover letter in ${out#"$XHP_TOP"/}"
