#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Step 2: apply the series with git am.
#
#   scripts/apply.sh BASE [VARIANT]
#       Reset the cache worktree of BASE to the pristine base and apply
#       the series.  VARIANT is one of:
#         series        the series (default)
#         stock         the pristine base, nothing applied
#         series:N      the first N patches of the series (an
#                       intermediate tree, for bisection)
#         stable        the patches of the series tagged
#                       "Cc: stable@vger.kernel.org", in order: what a
#                       stable tree would take
#         mutant:NAME   the series, then patches/mutants/NAME.patch
#         v1            the series as it was at v1 (the commit of this
#                       repository named in patches/v1.commit)
#       The series and its mutants get the harness's own patches on top
#       (patches/test/BASE/series: error injection for the fault test);
#       they are for test builds only, and are not part of the series.
#       The base repository itself is never changed.
#
#   scripts/apply.sh --kdir DIR [SERIES_DIR]
#       Apply the series to the user's own kernel git tree DIR, on a new
#       branch checked out in a new worktree.  DIR's working tree and
#       current branch are left alone; a dirty DIR is refused.
#
#   scripts/apply.sh --verify-tree DIR WORKTREE series|stock [SERIES_DIR]
#       (verify.sh) The same checks, then a detached worktree of DIR for a
#       test build: the series and the harness's patches, or nothing.
#
# A patch that does not apply: its file name and the failing file and
# hunk are printed, git am is aborted, and the exit status is non-zero.

. "$(dirname "$0")/lib.sh"

need git

# Identity for the commits git am writes: the project's configured one.
GIT_COMMITTER_NAME=$(git -C "$XHP_TOP" config user.name || echo "xen-hotplug")
GIT_COMMITTER_EMAIL=$(git -C "$XHP_TOP" config user.email || echo "xen-hotplug@localhost")
export GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL

# am_series TREE FILE...: git am each file; on failure name it and abort.
am_series() {
	local tree=$1 f out
	shift
	for f in "$@"; do
		[ -f "$f" ] || die "series lists $(basename "$f"), which does not exist in $(dirname "$f")"
		if ! out=$(git -C "$tree" am --quiet "$f" 2>&1); then
			git -C "$tree" am --abort >/dev/null 2>&1 || true
			echo "error: ${f#"$XHP_TOP"/} does not apply to $tree" >&2
			# git am names the file and the line of the failing hunk.
			echo "$out" | grep -E '^(error|fatal|Patch failed)' | sed 's/^/  /' >&2
			exit 1
		fi
	done
}

# kernel_version TREE: VERSION.PATCHLEVEL of the Makefile at TREE's HEAD.
kernel_version() {
	git -C "$1" show HEAD:Makefile 2>/dev/null |
		awk -F' = ' '/^VERSION =/ { v = $2 } /^PATCHLEVEL =/ { p = $2 } END { if (v != "") print v "." p }'
}

# nearest_base VERSION: the base of ours closest to VERSION (X.Y).
nearest_base() {
	local b best="" d bestd=""
	for b in $XHP_BASES; do
		d=$(awk -v a="$1" -v b="$b" 'BEGIN { split(a, x, "."); split(b, y, ".")
			d = (x[1] - y[1]) * 1000 + x[2] - y[2]; print d < 0 ? -d : d }')
		if [ -z "$bestd" ] || [ "$d" -lt "$bestd" ]; then
			best=$b bestd=$d
		fi
	done
	echo "$best"
}

# kdir_check DIR [SERIES_DIR]: refuse a DIR the series cannot go on,
# changing nothing; sets sdir (absolute) and sbase.
kdir_check() {
	local kdir=$1 ver
	sdir=${2:-}
	[ -d "$kdir" ] || die "$kdir: no such directory"
	# Debian's linux-source-6.x tarballs carry Debian's packaging
	# .gitignore, "/*": "git add -A" of an unpacked tarball commits
	# nothing, and every patch then fails.
	local ignored="a .gitignore ignores them, as Debian's linux-source tarball's '/*' does: commit them with 'git add -f . && git commit' (nothing was changed)"
	if ! git -C "$kdir" rev-parse --verify -q HEAD >/dev/null 2>&1; then
		git -C "$kdir" check-ignore -q Makefile 2>/dev/null &&
			die "$kdir: a git tree without a commit, and its Makefile is ignored: $ignored"
		die "$kdir is not a git tree with a commit; make one with 'git init && git add -f . && git commit' first (nothing was changed)"
	fi
	if ! git -C "$kdir" cat-file -e HEAD:Makefile 2>/dev/null; then
		[ -f "$kdir/Makefile" ] ||
			die "$kdir has no top-level Makefile: not a kernel tree (nothing was changed)"
		die "$kdir: HEAD does not hold the kernel's files (Makefile is not committed); $ignored"
	fi
	[ -z "$(git -C "$kdir" status --porcelain --untracked-files=no)" ] ||
		die "$kdir has uncommitted changes; commit or stash them first (nothing was changed)"
	if [ -z "$sdir" ]; then
		ver=$(kernel_version "$kdir")
		[ -n "$ver" ] || die "$kdir: no VERSION in the Makefile at HEAD (nothing was changed)"
		case " $XHP_BASES " in
		*" $ver "*) ;;
		*) die "$kdir is Linux $ver; the series exists for $XHP_BASES; the nearest, to try: SERIES=patches/$(nearest_base "$ver") (nothing was changed)" ;;
		esac
		sdir=$(series_dir "$ver")
	fi
	[ -f "$sdir/series" ] || die "$sdir has no series file (nothing was changed)"
	sdir=$(cd "$sdir" && pwd)
	# The base whose harness patches and allow rules fit: the series'
	# own, or for a series of the user's, the nearest to the tree.
	sbase=$(basename "$sdir")
	case " $XHP_BASES " in
	*" $sbase "*) ;;
	*) sbase=$(nearest_base "$(kernel_version "$kdir")") ;;
	esac
}

# carried DIR: how many of the series' subjects DIR's recent history
# already holds ("N of M").
carried() {
	local subj have=0 total=0
	while read -r subj; do
		total=$((total + 1))
		git -C "$1" log --format=%s -n 2000 HEAD | grep -qxF -- "$subj" && have=$((have + 1))
	done < <(series_subjects "$sdir")
	echo "$have of $total"
}

apply_kdir() {
	local kdir=$1 branch wt other
	kdir_check "$kdir" "${2:-}"
	branch=xen-hotplug/$(date +%Y%m%d-%H%M%S)
	wt=$XHP_CACHE/kdir/$(basename "$kdir")-${branch#xen-hotplug/}
	mkdir -p "$XHP_CACHE/kdir"
	git -C "$kdir" worktree add -q -b "$branch" "$wt" HEAD
	# shellcheck disable=SC2046
	if ! (am_series "$wt" $(series_files "$sdir")); then
		git -C "$kdir" worktree remove --force "$wt"
		git -C "$kdir" branch -q -D "$branch"
		other=$(for b in $XHP_BASES; do [ "$XHP_TOP/patches/$b" = "$sdir" ] || echo "$b"; done | tr '\n' ' ')
		die "${sdir#"$XHP_TOP"/} does not apply to $kdir (nothing was changed); the other series: ${other% }, e.g. make apply KDIR=$kdir SERIES=patches/$(echo "$other" | cut -d' ' -f1)"
	fi
	echo "applied $(series_files "$sdir" | wc -l) patches to branch $branch of $kdir"
	echo "worktree: $wt"
}

# verify_tree DIR WT VARIANT [SERIES_DIR] (verify.sh): a detached
# worktree WT of DIR's HEAD for a test build: the series (unless DIR
# carries it already) and the harness's patches, or nothing (stock).
# No branch is made; DIR's checkout is left alone.  Prints the base
# whose series fits.
verify_tree() {
	local kdir=$1 wt=$2 variant=$3 c
	kdir_check "$kdir" "${4:-}"
	c=$(carried "$kdir")
	case $variant in
	series | stock) ;;
	*) die "VARIANT for a tree of yours: series or stock; got '$variant'" ;;
	esac
	case $c in
	0\ of\ *) ;;
	*)
		[ "${c%% *}" = "${c##* }" ] ||
			die "$kdir carries $c patches of ${sdir#"$XHP_TOP"/} (by subject); all or none, please (nothing was changed)"
		[ "$variant" = series ] ||
			die "$kdir already carries the series ($c subjects); stock needs a tree without it (nothing was changed)"
		note "$kdir already carries the series ($c subjects): not applied again"
		;;
	esac
	git -C "$kdir" worktree add -q --detach "$wt" HEAD
	if [ "$variant" = series ]; then
		# shellcheck disable=SC2046
		if ! (am_series "$wt" $( [ "${c%% *}" != 0 ] || series_files "$sdir") \
			$(test_files "$XHP_TOP/patches/test/$sbase")); then
			git -C "$kdir" worktree remove --force "$wt"
			die "the series does not apply to $kdir (nothing was changed)"
		fi
	fi
	echo "$sbase"
}

apply_base() {
	local base=$1 variant=${2:-series} repo wt sdir count

	check_base "$base"
	sdir=$(series_dir "$base")
	# A bad VARIANT is refused before anything is touched.
	case $variant in
	stock | series | mutant:?* | v1) ;;
	stable)
		[ -n "$(stable_files "$sdir")" ] ||
			die "no patch of the series of $base ($sdir) is tagged Cc: stable@vger.kernel.org"
		;;
	series:*)
		count=$(series_files "$sdir" | wc -l)
		[[ ${variant#series:} =~ ^[1-9][0-9]*$ ]] && [ "${variant#series:}" -le "$count" ] ||
			die "series:N: N is a number of patches, 1 to $count (the series of $base); got '${variant#series:}'"
		;;
	*)
		die "unknown variant '$variant'; use series, series:N, stable, stock, v1 or mutant:NAME"
		;;
	esac
	repo=$XHP_CACHE/bases/$base
	wt=$XHP_CACHE/work/$base
	[ -d "$repo/.git" ] || die "base $base is not unpacked yet; run 'make bases'"

	if [ ! -d "$wt" ]; then
		mkdir -p "$XHP_CACHE/work"
		git -C "$repo" worktree prune
		git -C "$repo" worktree add -q --detach "$wt" debian
	fi
	git -C "$wt" am --abort >/dev/null 2>&1 || true
	git -C "$wt" checkout -q -f -B "xen-hotplug/$base" debian

	tdir=$XHP_TOP/patches/test/$base
	# The checkout and the git am took 28 s together in a cold make: a
	# line between them (gaps.sh).
	note "$base/$variant: $wt checked out at the base; applying"
	case $variant in
	stock)
		;;
	series)
		# shellcheck disable=SC2046
		am_series "$wt" $(series_files "$sdir") $(test_files "$tdir")
		;;
	series:*)
		# shellcheck disable=SC2046
		am_series "$wt" $(series_files "$sdir" | head -n "${variant#series:}") $(test_files "$tdir")
		;;
	stable)
		# shellcheck disable=SC2046
		am_series "$wt" $(stable_files "$sdir") $(test_files "$tdir")
		;;
	mutant:*)
		# shellcheck disable=SC2046
		am_series "$wt" $(series_files "$sdir") $(test_files "$tdir")
		am_series "$wt" "$(mutant_file "$base" "${variant#mutant:}")"
		;;
	v1)
		apply_v1 "$base" "$wt"
		;;
	esac
	note "$base/$variant: $(git -C "$wt" log --oneline debian..HEAD | wc -l) patches on $(cat "$repo.version") in $wt"
}

# stable_files DIR: the patches of DIR/series tagged for stable.
stable_files() {
	local f
	for f in $(series_files "$1"); do
		grep -q '^Cc: stable@vger.kernel.org' "$f" && echo "$f"
	done
	return 0
}

# test_files DIR: the harness's patches in DIR/series, if DIR has one.
test_files() {
	[ ! -f "$1/series" ] || series_files "$1"
}

# apply_rev BASE TREE N: the series of BASE as revision N was, in the
# commit of this repository that patches/vN.commit names.
apply_rev() {
	local rev tmp file=$XHP_TOP/patches/v$3.commit
	[ -f "$file" ] || die "no $file: which commit holds v$3 is not known"
	rev=$(rows "$file")
	tmp=$(mktemp -d)
	git -C "$XHP_TOP" archive "$rev" "patches/$1" | tar -x -C "$tmp" ||
		die "cannot read patches/$1 at $rev (v$3); a clone with its history is needed"
	# shellcheck disable=SC2046
	(am_series "$2" $(series_files "$tmp/patches/$1")) || { rm -rf "$tmp"; exit 1; }
	rm -rf "$tmp"
}

# apply_v1 BASE TREE: v1 (which carried its own error-injection patch).
apply_v1() {
	apply_rev "$1" "$2" 1
}

# A mutant may exist per base (patches/mutants/<base>/NAME.patch) or for
# both.  XHP_MUTANTS names another directory of them (make bench uses it
# for a one-line edit on top of the series).
mutant_file() {
	local dir=${XHP_MUTANTS:-$XHP_TOP/patches/mutants}
	if [ -f "$dir/$1/$2.patch" ]; then
		echo "$dir/$1/$2.patch"
	else
		echo "$dir/$2.patch"
	fi
}

case ${1:-} in
--rev-into)
	# (export.sh) revision N of BASE on the tree DIR, for the range-diff.
	[[ ${4:-} =~ ^[1-9][0-9]*$ ]] || die "usage: $0 --rev-into DIR BASE N"
	apply_rev "${3:?usage: $0 --rev-into DIR BASE N}" "$2" "$4"
	;;
--kdir)
	[ -n "${2:-}" ] || die "usage: $0 --kdir DIR [SERIES_DIR]"
	apply_kdir "$2" "${3:-}"
	;;
--verify-tree)
	[ -n "${4:-}" ] || die "usage: $0 --verify-tree DIR WORKTREE series|stock [SERIES_DIR]"
	verify_tree "$2" "$3" "$4" "${5:-}"
	;;
"")
	die "usage: $0 BASE [series|series:N|stable|stock|v1|mutant:NAME] | --kdir DIR"
	;;
*)
	apply_base "$@"
	;;
esac
