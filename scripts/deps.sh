#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Step 0: install what the pipeline uses, from Debian's archive.  The
# packages are those of scripts/deps.list; a no-op when all are there.
#
#   scripts/deps.sh                 install what is missing (as root)
#   scripts/deps.sh --package CMD   the package that brings CMD
#   scripts/deps.sh --audit [LIST]  every command that scripts/ calls
#                                   comes from LIST or from a minbase
#                                   system (TAP)

. "$(dirname "$0")/lib.sh"

list=$XHP_TOP/scripts/deps.list

# The entries of a list: "PACKAGE [COMMAND...]", comments dropped.
entries() {
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$1"
}

# What a debootstrap --variant=minbase system holds: the packages of
# priority "required", and apt.
in_minbase() {
	[ "$1" = apt ] && return 0
	[ "$(dpkg-query -W -f='${Priority}' "$1" 2>/dev/null)" = required ]
}

# The words of the host-side scripts that stand where a command does:
# first on a line, or after | ; & ( ` $( { ! and the shell keywords.
# scripts/guest and scripts/dom0 run inside the guests, with busybox
# and the dom0 root; they are not the host's business.
command_words() {
	local f
	for f in "$XHP_TOP"/scripts/*.sh "$XHP_TOP"/Makefile "$XHP_TOP"/.ci/run; do
		sed -e 's/^[[:space:]]*#.*//' -e 's/[[:space:]]#.*//' "$f"
	done | grep -oE '(^|[|;&(`{!]|\$\(|\b(then|do|else|exec|timeout( -[a-z]+ [0-9a-z]+)* [0-9]+[a-z]?))[[:space:]]*[A-Za-z][A-Za-z0-9_.+-]*' |
		grep -oE '[A-Za-z][A-Za-z0-9_.+-]*$' | sort -u
}

audit() {
	local l=$1 w path pkg
	while read -r w; do
		path=$(type -P "$w" 2>/dev/null) || continue
		pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -n 1 | cut -d: -f1) ||
			pkg=
		[ -n "$pkg" ] || pkg=$(dpkg -S "$path" 2>/dev/null | head -n 1 | cut -d: -f1) || true
		if [ -z "$pkg" ]; then
			result 1 "$w ($path) belongs to no Debian package"
		elif in_minbase "$pkg"; then
			continue
		elif entries "$l" | awk -v w="$w" '{ for (i = 2; i <= NF; i++) if ($i == w) f = 1 } END { exit !f }'; then
			result 0 "$w: $(entries "$l" | awk -v w="$w" '{ for (i = 2; i <= NF; i++) if ($i == w) print $1 }') is in the list"
		else
			result 1 "$w: its package $pkg is not in $(basename "$l")"
		fi
	done < <(command_words)
	# need() names the commands the scripts cannot do without.
	while read -r w; do
		entries "$l" | awk -v w="$w" '{ for (i = 2; i <= NF; i++) if ($i == w) f = 1 } END { exit !f }' &&
			result 0 "need $w: in the list" ||
			result 1 "need $w: no package in $(basename "$l") brings it"
	done < <(grep -ho '^[[:space:]]*need [A-Za-z0-9_.+-]*' "$XHP_TOP"/scripts/*.sh | awk '{ print $2 }' | sort -u)
	[ "$n" -gt 0 ] || result 1 "the audit found no command in scripts/"
	tap_end
}

case ${1:-} in
--package)
	[ $# = 2 ] || die "usage: $0 --package COMMAND"
	entries "$list" | awk -v w="$2" '{ for (i = 2; i <= NF; i++) if ($i == w) { print $1; exit } }'
	exit 0
	;;
--audit)
	audit "${2:-$list}"
	exit
	;;
"") ;;
*) die "usage: $0 [--package COMMAND | --audit [LIST]]" ;;
esac

mapfile -t pkgs < <(entries "$list" | awk '{ print $1 }')
[ ${#pkgs[@]} -gt 0 ] || die "$list names no package"
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} = 0 ] && exit 0

[ "$(id -u)" = 0 ] || die "missing packages: ${missing[*]}; install them as root: apt-get install ${missing[*]}"
note "apt-get install ${missing[*]}"
mkdir -p "$XHP_CACHE"
DEBIAN_FRONTEND=noninteractive apt-get update >"$XHP_CACHE/apt-update.log" 2>&1 ||
	die "apt-get update failed (no access to the Debian archive?); see $XHP_CACHE/apt-update.log"
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" \
	>"$XHP_CACHE/apt-install.log" 2>&1 ||
	die "apt-get install failed; see $XHP_CACHE/apt-install.log"
