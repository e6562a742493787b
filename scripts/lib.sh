# SPDX-License-Identifier: GPL-2.0
# Shared settings for the scripts in this folder.  Sourced, never run.
#
# Everything large lives in the cache, outside git:
#   $XHP_CACHE/bases/<base>/        pristine Debian source, one git commit
#   $XHP_CACHE/work/<base>/         git worktree of the base, series applied
#   $XHP_CACHE/build/<base>/        O= build directory
#   $XHP_CACHE/images/<base>/<id>/  bzImage of one tree, kept for reuse
#   $XHP_CACHE/logs/                console logs and verdicts

set -eu

XHP_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
XHP_CACHE=${XHP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xen-hotplug}
export CCACHE_DIR=${CCACHE_DIR:-$XHP_CACHE/ccache}

# Supported bases: name -> Debian source package.
XHP_BASES="6.1 6.12"
XHP_DEFAULT_BASE=6.12

die() {
	echo "error: $*" >&2
	exit 1
}

note() {
	printf '[%5ss] %s\n' "$SECONDS" "$*" >&2
}

# check_base NAME: refuse anything but a supported base.
check_base() {
	case " $XHP_BASES " in
	*" $1 "*) ;;
	*) die "unknown BASE '$1'; supported: $XHP_BASES (e.g. make apply BASE=$XHP_DEFAULT_BASE)" ;;
	esac
}

base_pkg() {
	echo "linux-source-$1"
}

# need TOOL: a missing tool names the package that brings it, from
# scripts/deps.list, the one list that scripts/deps.sh installs.
need() {
	local pkg
	command -v "$1" >/dev/null 2>&1 && return 0
	pkg=$("$XHP_TOP/scripts/deps.sh" --package "$1")
	[ -n "$pkg" ] || die "'$1' not found, and scripts/deps.list names no package for it (a bug here)"
	die "'$1' not found; install it with: apt-get install $pkg (or run scripts/deps.sh as root)"
}

# The patch directory for a base: patches/<base>/ if the bases need
# different hunks, else patches/.
series_dir() {
	if [ -f "$XHP_TOP/patches/$1/series" ]; then
		echo "$XHP_TOP/patches/$1"
	else
		echo "$XHP_TOP/patches"
	fi
}

# kmake_in TREE OUT ARGS...: Kbuild in TREE, objects in OUT, compiled
# through ccache.
kmake_in() {
	local tree=$1 out=$2
	shift 2
	make -C "$tree" O="$out" -j"$(nproc)" CC="ccache gcc" "$@"
}

# kmake BASE ARGS...: kmake_in the worktree of BASE and its O= directory
# in the cache.
kmake() {
	local base=$1
	shift
	kmake_in "$XHP_CACHE/work/$base" "$XHP_CACHE/build/$base" "$@"
}

# progress LOG LABEL CMD...: run CMD with its output in LOG, and say on
# stderr that it started and every 25 s how far it got, so that no step
# is silent for 30 s (gaps.sh judges that): for a Kbuild log the objects
# compiled and the last of them, for any other the last line.  Returns
# CMD's status.
progress() {
	local log=$1 label=$2 pid t0=$SECONDS rc=0 n
	shift 2
	# A line at the start too: steps that take 20 s each, one after the
	# other, would otherwise add up to a silence (lint's two C=2 W=1
	# runs: 41 s).
	note "$label: started"
	"$@" >"$log" 2>&1 &
	pid=$!
	while ! wait_for_pid "$pid" 25; do
		n=$(grep -c -E '^  (CC|AS|LD|AR)' "$log" || true)
		if [ "$n" -gt 0 ]; then
			note "$label: $n objects, $((SECONDS - t0)) s; $(grep -E '^  [A-Z]+' "$log" | tail -n 1 | sed 's/^ *//')"
		else
			note "$label: $((SECONDS - t0)) s; $(tail -n 1 "$log" | cut -c1-80)"
		fi
	done
	wait "$pid" || rc=$?
	return $rc
}

# guest_cc SRC OUT: a C helper of the in-guest tests (scripts/guest/*.c),
# built static (neither the test initramfs nor dom0's root has a libc
# for it); dies naming it on failure.
guest_cc() {
	gcc -static -O2 -Wall -Wextra -Werror -o "$2" "$1" ||
		die "cannot build $(basename "$1") (static glibc: apt-get install libc6-dev)"
}

# The line xen-boot.sh appends to the console when QEMU itself died of a
# crash signal (timeout(1) exits 128+N when its command is killed by
# signal N; 137 is its own SIGKILL): emulation-fault.sh's evidence.
# Prints nothing for any other exit status.
qemu_crash_line() {
	case $1 in
	132 | 134 | 135 | 136 | 139) echo "xhp-host: QEMU died of SIG$(kill -l $(($1 - 128))) (exit $1)" ;;
	esac
}

# wait_for_pid PID SECONDS: true once PID has ended, false after SECONDS.
wait_for_pid() {
	local i
	for ((i = 0; i < $2; i++)); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 1
	done
	! kill -0 "$1" 2>/dev/null
}

# rows FILE: the lines of a table or list, comments and blank lines dropped.
rows() {
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$1"
}

# missing_options FRAG DOTCONFIG: the settings of a config fragment
# ("CONFIG_X=v" and "# CONFIG_X is not set") that DOTCONFIG lacks.
missing_options() {
	grep -E '^(CONFIG_[A-Z0-9_]+=|# CONFIG_[A-Z0-9_]+ is not set)' "$1" |
		while IFS= read -r line; do
			grep -qxF "$line" "$2" || echo "$line"
		done
}

# series_subjects DIR: the subject of each patch of DIR/series, without
# its [PATCH ...] prefix, one a line.
series_subjects() {
	local f
	for f in $(series_files "$1"); do
		sed -n '/^Subject: /{s/^Subject: \[PATCH[^]]*\] //;N;s/\n / /;s/\n.*//;p;q}' "$f"
	done
}

# series_files DIR: the patches listed in DIR/series, in order, as paths.
series_files() {
	rows "$1/series" |
		awk -v d="$1" '{ print d "/" $1 }'
}

# TAP lines of a script that counts its own checks: result STATUS TEXT
# prints "ok N - TEXT" (STATUS 0) or "not ok N - TEXT"; tap_end prints
# the plan and "N passed, N failed", and fails if any check did.
n=0 failed=0
result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

tap_end() {
	echo "1..$n"
	echo "$((n - failed)) passed, $failed failed"
	[ "$failed" = 0 ]
}
