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
#   scripts/deps.sh --commands      the commands scripts/ calls that this
#                                   machine has, and those of the list

. "$(dirname "$0")/lib.sh"

list=$XHP_TOP/scripts/deps.list


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

# in_list LIST CMD: the package of LIST that brings CMD, if any.
in_list() {
	rows "$1" | awk -v w="$2" '{ for (i = 2; i <= NF; i++) if ($i == w) { print $1; exit } }'
}

# The words above that are commands here, each with its package and
# whether a debootstrap --variant=minbase system has that package (its
# packages of priority "required", and apt): "CMD PACKAGE yes|no".
# One dpkg look-up for all (with usrmerge a file is known under /bin
# or /usr/bin, whichever its package ships).
host_commands() {
	local w p d shell
	# Builtins of bash are not looked for in PATH; Debian's own
	# directories only (a pyenv shim is not what a fresh machine has).
	shell=" $(compgen -b -k | tr '\n' ' ') "
	while read -r w; do
		case $shell in *" $w "*) continue ;; esac
		for d in /usr/sbin /usr/bin /sbin /bin; do
			p=$d/$w
			[ -x "$p" ] && [ -f "$p" ] || continue
			# The names dpkg may know the file by (usrmerge).
			echo "$w $p /usr${p#/usr} ${p#/usr} $(readlink -f "$p")"
			break
		done
	done < <(command_words) >"$tmp.cmds"
	# dpkg's own file lists, read once: "PACKAGE PATH" for each path.
	awk '{ for (i = 2; i <= NF; i++) print $i }' "$tmp.cmds" | sort -u >"$tmp.paths"
	grep -F -x -f "$tmp.paths" /var/lib/dpkg/info/*.list |
		sed -E 's|^/var/lib/dpkg/info/([^:/]+)(:[a-z0-9]+)?\.list:|\1 |' >"$tmp.owners" || true
	# shellcheck disable=SC2046 # one argument a package
	dpkg-query -W -f='${Package} ${Priority}\n' $(awk '{ print $1 }' "$tmp.owners" | sort -u) \
		>"$tmp.prio" 2>/dev/null || true
	awk 'FILENAME == ARGV[1] { prio[$1] = $2; next }
	     FILENAME == ARGV[2] { if (!($2 in owner)) owner[$2] = $1; next }
	     {
		pkg = "-"
		for (i = 2; i <= NF; i++) if ($i in owner) { pkg = owner[$i]; break }
		print $1, pkg, (pkg == "apt" || prio[pkg] == "required") ? "yes" : "no"
	     }' "$tmp.prio" "$tmp.owners" "$tmp.cmds" | sort
}

audit() {
	local l=$1 w pkg base
	declare -A from
	while read -r pkg w; do
		from[$w]=$pkg
	done < <(rows "$l" | awk '{ for (i = 2; i <= NF; i++) print $1, $i }')
	tmp=$(mktemp)
	trap 'rm -f "$tmp" "$tmp".*' EXIT
	while read -r w pkg base; do
		if [ "$pkg" = - ]; then
			result 1 "$w (in $(type -P "$w")) belongs to no Debian package"
		elif [ "$base" = yes ]; then
			continue
		elif [ -n "${from[$w]:-}" ]; then
			result 0 "$w: ${from[$w]} is in the list"
		else
			result 1 "$w: its package $pkg is not in $(basename "$l")"
		fi
	done < <(host_commands)
	# need() names the commands the scripts cannot do without.
	while read -r w; do
		if [ -n "${from[$w]:-}" ]; then
			result 0 "need $w: in the list"
		else
			result 1 "need $w: no package in $(basename "$l") brings it"
		fi
	done < <(grep -ho '^[[:space:]]*need [A-Za-z0-9_.+-]*' "$XHP_TOP"/scripts/*.sh | awk '{ print $2 }' | sort -u)
	[ "$n" -gt 0 ] || result 1 "the audit found no command in scripts/"
	tap_end
}

case ${1:-} in
--package)
	[ $# = 2 ] || die "usage: $0 --package COMMAND"
	in_list "$list" "$2"
	exit 0
	;;
--audit)
	[ -f "${2:-$list}" ] || die "no list ${2:-}"
	audit "${2:-$list}"
	exit
	;;
--commands)
	tmp=$(mktemp)
	trap 'rm -f "$tmp" "$tmp".*' EXIT
	{
		host_commands | awk '{ print $1 }'
		rows "$list" | awk '{ for (i = 2; i <= NF; i++) print $i }'
	} | sort -u
	exit 0
	;;
"") ;;
*) die "usage: $0 [--package COMMAND | --audit [LIST] | --commands]" ;;
esac

mapfile -t pkgs < <(rows "$list" | awk '{ print $1 }')
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
