#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Step 1: the distro bases.
#
# For each base, install Debian's linux-source-<base> package with apt,
# unpack its tarball into the cache and make it a git repository with a
# single commit named after the exact package version.  The commit has a
# fixed author and date, so the same package version gives the same commit
# id on every machine: that id is the series' base-commit.
#
# Usage: scripts/bases.sh [BASE...]     (default: all supported bases)

. "$(dirname "$0")/lib.sh"

# commit_base DIR MESSAGE: the unpacked tree as one commit, the same id
# on every machine (fixed author, committer and dates).
commit_base() {
	GIT_AUTHOR_NAME="Debian kernel team" GIT_AUTHOR_EMAIL="debian-kernel@lists.debian.org" \
	GIT_COMMITTER_NAME="Debian kernel team" GIT_COMMITTER_EMAIL="debian-kernel@lists.debian.org" \
	GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z" \
		git -C "$1" commit -q -m "$2"
}

need git
need xz

installed_version() {
	dpkg-query -W -f='${Status} ${Version}\n' "$1" 2>/dev/null |
		awk '$3 == "installed" { print $4 }'
}

install_pkg() {
	local pkg=$1

	[ "$(id -u)" = 0 ] || die "$pkg is not installed and installing it needs root: run 'apt-get install $pkg' as root"
	note "apt-get install $pkg"
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$pkg" >"$XHP_CACHE/apt-$pkg.log" 2>&1; then
		apt-get update >/dev/null 2>&1 || true
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$pkg" >"$XHP_CACHE/apt-$pkg.log" 2>&1 ||
			die "apt-get could not install $pkg (see $XHP_CACHE/apt-$pkg.log); check the apt sources and run 'apt-get update'"
	fi
}

one_base() {
	local base=$1 pkg ver dir tarball tmp

	pkg=$(base_pkg "$base")
	dir=$XHP_CACHE/bases/$base
	ver=$(installed_version "$pkg")
	if [ -z "$ver" ]; then
		install_pkg "$pkg"
		ver=$(installed_version "$pkg")
	fi
	[ -n "$ver" ] || die "$pkg: no installed version after apt-get install"

	if [ -d "$dir/.git" ] && [ "$(cat "$dir.version" 2>/dev/null)" = "$ver" ]; then
		note "base $base: $pkg $ver (cached at $dir)"
		return
	fi

	tarball=/usr/src/$pkg.tar.xz
	[ -f "$tarball" ] || die "$tarball missing although $pkg $ver is installed; reinstall it: apt-get install --reinstall $pkg"

	note "base $base: unpacking $pkg $ver"
	tmp=$XHP_CACHE/bases/.unpack-$base
	rm -rf "$tmp"
	mkdir -p "$tmp"
	progress "$tmp.log" "base $base: unpacking" tar -xf "$tarball" -C "$tmp" ||
		die "base $base: tar failed; see $tmp.log"
	[ -d "$tmp/$pkg" ] || die "$tarball does not contain $pkg/"

	git -C "$tmp/$pkg" init -q -b debian
	git -C "$tmp/$pkg" config gc.auto 0
	# Debian's top-level .gitignore ignores every path (it serves their
	# packaging repository), so add the pristine tree with -f.
	note "base $base: unpacked, adding the tree to git"
	progress "$tmp.log" "base $base: git add" git -C "$tmp/$pkg" add -A -f . ||
		die "base $base: git add failed; see $tmp.log"
	note "base $base: committing the tree"
	progress "$tmp.log" "base $base: git commit" commit_base "$tmp/$pkg" "Debian $pkg $ver" ||
		die "base $base: git commit failed; see $tmp.log"
	# DEP-14 tag name: git refuses "~" and ":".
	git -C "$tmp/$pkg" tag "debian/$(echo "$ver" | tr "~:" "_%")"

	# Replace an old base only once the new one is complete.
	rm -rf "$dir"
	mv "$tmp/$pkg" "$dir"
	rmdir "$tmp"
	rm -f "$tmp.log"
	echo "$ver" >"$dir.version"
	note "base $base: $pkg $ver at $dir ($(git -C "$dir" rev-parse --short HEAD))"
}

mkdir -p "$XHP_CACHE/bases"
[ $# -gt 0 ] || set -- $XHP_BASES
for b in "$@"; do
	check_base "$b"
	one_base "$b"
done
