#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Lint the series on each base, with the kernel's own tools:
#
#   1. scripts/checkpatch.pl --strict on every patch: no ERROR, no WARNING;
#      a CHECK needs a one-line justification under the patch's "---".
#   2. git am of the whole series (apply.sh).
#   3. Every file the series names (MAINTAINERS F:, a toctree) is in it;
#      the repository's copy of the contract page is the series' file.
#   4. Bisectability: the tree builds after each patch.
#   5. sparse (C=2) and W=1 on arch/x86/xen/ and drivers/xen/events/:
#      nothing the stock base does not report already (line numbers
#      ignored).
#   6. The configuration matrix: after each patch, vmlinux builds and
#      links in allnoconfig + lint-configs/xen-min.config + each variant
#      of lint-configs/ (XEN_PV=n, SMP=n, PARAVIRT_SPINLOCKS=n), each in
#      its own O= directory, incrementally, through ccache.  HOTPLUG_CPU=n
#      is SMP=n on x86; the base's Kconfig is checked to still say so.
#   7. Debian's own configurations of the base (package linux-config-6.x,
#      flavours amd64 and cloud-amd64): 5. again in each, the stock base
#      against the series.  With 6.
#
#   XHP_LINT_VARIANTS="pv-off ..."  only these variants (default: all;
#                                   set and empty: none)
#   XHP_LINT_DISTRO="amd64 ..."     only these Debian flavours (default:
#                                   amd64 cloud-amd64; set and empty: none)
#   XHP_LINT_LAST=1                 build only the last patch (fixtures)
#
#   scripts/lint.sh [BASE...]           default: all bases
#   scripts/lint.sh --series DIR BASE   lint another series (test cases)
#   scripts/lint.sh --no-matrix [...]   without 6. (make check, for now:
#                                       ~10 min per variant and base cold)
#
# Prints TAP, one line per check and base; exits non-zero on a failure.

. "$(dirname "$0")/lib.sh"

need perl
need sparse

matrix=1
if [ "${1:-}" = --no-matrix ]; then
	matrix=
	shift
fi
sdir_override=
if [ "${1:-}" = --series ]; then
	sdir_override=$(cd "${2:?usage: $0 --series DIR BASE}" && pwd)
	shift 2
fi
[ $# -gt 0 ] || set -- $XHP_BASES

# checkpatch FILE BASE: no errors or warnings; each CHECK justified.
checkpatch() {
	local f=$1 base=$2 out checks notes
	# Run inside the base: checkpatch consults git in its current tree.
	# The Debian bases carry no upstream history, so the ids of Fixes:
	# tags cannot be looked up there (UNKNOWN_COMMIT_ID); their form is
	# still checked (GIT_COMMIT_ID).
	# PATH: Debian's python3 first, which has ply for scripts/spdxcheck.py
	# (a python3 of pyenv or a venv earlier in PATH may lack it).
	out=$(cd "$XHP_CACHE/bases/$base" && PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict \
		--ignore UNKNOWN_COMMIT_ID "$f" 2>&1) && true
	if echo "$out" | grep -qE '^(ERROR|WARNING):'; then
		echo "$out" | grep -E -A3 '^(ERROR|WARNING):' | sed 's/^/# /'
		return 1
	fi
	checks=$(echo "$out" | grep -c '^CHECK:' || true)
	# Justifications: lines between "---" and the diffstat, "CHECK: ...".
	notes=$(sed -n '/^---$/,/^ [^ ].*|/p' "$f" | grep -c '^CHECK: ' || true)
	if [ "$checks" -gt "$notes" ]; then
		echo "$out" | grep -A3 '^CHECK:' | sed 's/^/# /'
		echo "# $checks CHECK(s), $notes justified under ---"
		return 1
	fi
}

# w1_warnings: the warnings and errors of a Kbuild log on stdin, with
# file:line:col turned into file, sorted.
w1_warnings() {
	grep -E '(warning|error):' | sed -E 's/^([^:]+):[0-9]+:[0-9]+:/\1:/' | sort
}

# sparse_w1 BASE REV: the warnings of C=2 W=1 on the Xen directories
# (progress notes on stderr while it runs).
sparse_w1() {
	local log=$XHP_CACHE/build/$1-w1-$2.log
	# (A failed build shows as its error: lines, as before.)
	progress "$log" "$1: C=2 W=1 at $2" kmake "$1" C=2 W=1 arch/x86/xen/ drivers/xen/events/ || true
	w1_warnings <"$log"
}

# dangling TREE: the F: lines added to MAINTAINERS since the base, and the
# toctree entries added to index.rst files, that name no file or
# directory at HEAD (F: patterns with a wildcard are not looked up).
dangling() {
	local wt=$1 f idx n bad=
	while read -r f; do
		case $f in *"*"* | *"?"*) continue ;; esac
		git -C "$wt" cat-file -e "HEAD:${f%/}" 2>/dev/null || bad+="MAINTAINERS: F: $f is in no commit"$'\n'
	done < <(git -C "$wt" diff debian HEAD -- MAINTAINERS | sed -n 's/^+F:[[:space:]]*//p')
	for idx in $(git -C "$wt" diff --name-only debian HEAD -- '*index.rst'); do
		while read -r n; do
			git -C "$wt" cat-file -e "HEAD:$(dirname "$idx")/$n.rst" 2>/dev/null ||
				bad+="$idx: toctree entry $n: no $(dirname "$idx")/$n.rst in any commit"$'\n'
		done < <(git -C "$wt" diff debian HEAD -- "$idx" | sed -n -E 's/^\+ +([A-Za-z0-9_/-]+)$/\1/p')
	done
	[ -z "$bad" ] || { printf '%s' "$bad"; return 1; }
}

# distro_config BASE FLAVOUR: Debian's configuration of BASE in the
# flavour's O= directory (made again only when the package's file
# changed); its Xen, SMP and spinlock options must all land.
distro_config() {
	local base=$1 fl=$2 out=$XHP_CACHE/lint/$1-debian-$2 src h missing
	src=/usr/src/linux-config-$base/config.amd64_none_$fl.xz
	[ -f "$src" ] || { echo "no $src (package linux-config-$base; scripts/deps.sh)"; return 1; }
	h=$(sha1sum <"$src" | cut -c1-8)
	mkdir -p "$out"
	[ "$(cat "$out/.confhash" 2>/dev/null)" != "$h" ] || return 0
	xz -dc "$src" >"$out/.config"
	make -C "$XHP_CACHE/work/$base" O="$out" CC="ccache gcc" olddefconfig >"$out/config.log" 2>&1 ||
		{ echo "olddefconfig failed; see $out/config.log"; return 1; }
	missing=$(missing_options <(xz -dc "$src" |
		grep -E '^(# )?CONFIG_(XEN|SMP|HOTPLUG_CPU|PARAVIRT_SPINLOCKS)[A-Z0-9_]*[= ]') "$out/.config")
	[ -z "$missing" ] || { echo "$fl: not in the final .config:" $missing; return 1; }
	echo "$h" >"$out/.confhash"
}

# distro_w1 BASE FLAVOUR HEAD: sparse and W=1 in Debian's configuration,
# the stock base against HEAD; each run must have checked the files.
distro_w1() {
	local base=$1 fl=$2 head=$3 out=$XHP_CACHE/lint/$1-debian-$2 wt=$XHP_CACHE/work/$1 rev n new
	distro_config "$base" "$fl" || return 1
	for rev in debian "$head"; do
		git -C "$wt" checkout -q --detach "$rev"
		progress "$out/w1-$rev.log" "$base: Debian $fl, C=2 W=1 at ${rev:0:12}" \
			make -C "$wt" O="$out" -j"$(nproc)" CC="ccache gcc" C=2 W=1 \
			arch/x86/xen/ drivers/xen/events/ ||
			{ grep -E 'error' "$out/w1-$rev.log" | head -n 5; echo "the build failed; see $out/w1-$rev.log"; return 1; }
		n=$(grep -c -E '^  CHECK ' "$out/w1-$rev.log" || true)
		[ "$n" -gt 0 ] || { echo "sparse checked no file at $rev (make did nothing?); see $out/w1-$rev.log"; return 1; }
		w1_warnings <"$out/w1-$rev.log" >"$out/w1-$rev.txt"
	done
	git -C "$wt" checkout -q "$head"
	new=$(comm -13 "$out/w1-debian.txt" "$out/w1-$head.txt")
	echo "$(wc -l <"$out/w1-debian.txt") warnings in the stock base, $n files checked"
	[ -z "$new" ] || { echo "$new" | sed 's/^/new: /'; return 1; }
}

lintcfg=$XHP_TOP/scripts/lint-configs
variants= distro=
if [ -n "$matrix" ]; then
	variants=${XHP_LINT_VARIANTS-$(cd "$lintcfg" && ls ./*.config | sed -e 's|^\./||' -e 's/\.config$//' | grep -vx xen-min)}
	distro=${XHP_LINT_DISTRO-amd64 cloud-amd64}
fi
for v in $variants; do
	[ -f "$lintcfg/$v.config" ] || die "no configuration variant $lintcfg/$v.config"
done

# matrix_build BASE VARIANT: vmlinux of the worktree's HEAD in the
# variant's O= directory.  Configured again only when a fragment changed;
# every option the variant sets must land, or the variant tests nothing.
matrix_build() {
	local base=$1 v=$2 out=$XHP_CACHE/lint/$1-$2 h missing
	h=$(cat "$lintcfg/xen-min.config" "$lintcfg/$v.config" | sha1sum | cut -c1-8)
	mkdir -p "$out"
	if [ "$(cat "$out/.fraghash" 2>/dev/null)" != "$h" ]; then
		(cd "$XHP_CACHE/work/$base" && CC="ccache gcc" scripts/kconfig/merge_config.sh -n -O "$out" \
			"$lintcfg/xen-min.config" "$lintcfg/$v.config") >"$out/merge_config.log" 2>&1 ||
			{ echo "merge_config.sh failed; see $out/merge_config.log"; return 1; }
		missing=$(missing_options "$lintcfg/$v.config" "$out/.config")
		grep -qx 'CONFIG_XEN=y' "$out/.config" || missing="$missing CONFIG_XEN=y"
		[ -z "$missing" ] || { echo "$v: not in the final .config: $missing"; return 1; }
		echo "$h" >"$out/.fraghash"
	fi
	progress "$out/build.log" "$base: $v vmlinux" \
		make -C "$XHP_CACHE/work/$base" O="$out" -j"$(nproc)" CC="ccache gcc" vmlinux ||
		{ grep -E 'error|undefined reference' "$out/build.log" | head -n 10; return 1; }
}

buildnotes=$(mktemp)
trap 'rm -f "$buildnotes"' EXIT
for base in "$@"; do
	check_base "$base"
	sdir=${sdir_override:-$(series_dir "$base")}
	wt=$XHP_CACHE/work/$base

	for f in $(series_files "$sdir"); do
		out=$(checkpatch "$f" "$base") && r=0 || r=1
		result $r "$base checkpatch --strict $(basename "$f")"
		[ -z "$out" ] || echo "$out"
	done

	# Bisectability and the sparse/W=1 delta need the series applied.
	if [ -n "$sdir_override" ]; then
		am() {
			"$XHP_TOP/scripts/apply.sh" "$base" stock >/dev/null &&
				for f in $(series_files "$sdir"); do
					git -C "$wt" am -q "$f" || { git -C "$wt" am --abort; return 1; }
				done
		}
	else
		am() { "$XHP_TOP/scripts/apply.sh" "$base" series 2>&1 >/dev/null; }
	fi
	out=$(am 2>&1) && r=0 || r=1
	result $r "$base git am of the series"
	[ $r = 0 ] || { echo "$out" | sed 's/^/# /'; continue; }

	# What the series names must be in it: each F: line it adds to
	# MAINTAINERS and each toctree entry it adds to an index.rst names a
	# file committed at HEAD (a new file that the tree's .gitignore hid
	# from git add is in no patch; v2's page was lost so).
	out=$(dangling "$wt") && r=0 || r=1
	result $r "$base every file the series names in MAINTAINERS and a toctree is in the series"
	[ $r = 0 ] || echo "$out" | sed 's/^/# /'

	# The repository keeps a copy of the contract page the series adds
	# (Documentation/x86/ on 6.1): it must be in the series, the same.
	if [ -z "$sdir_override" ]; then
		f=Documentation/arch/x86/xen-vcpu-hotplug.rst t=$f
		[ -d "$wt/Documentation/arch/x86" ] || t=Documentation/x86/${f##*/}
		git -C "$wt" show "HEAD:$t" 2>/dev/null | cmp -s "$XHP_TOP/$f" - && r=0 || r=1
		result $r "$base $t: the series adds it, the same as the repository's copy"
		[ $r = 0 ] || { git -C "$wt" show "HEAD:$t" 2>&1 | diff - "$XHP_TOP/$f" | head -n 10 | sed 's/^/# /'; }
	fi

	# HOTPLUG_CPU=n is covered by SMP=n only while x86 ties the two.
	if [ -n "$matrix" ]; then
		hp=$(sed -n '/^config HOTPLUG_CPU$/,/^$/p' "$wt/arch/x86/Kconfig")
		echo "$hp" | grep -q 'def_bool y' && echo "$hp" | grep -q 'depends on SMP$' && r=0 || r=1
		result $r "$base HOTPLUG_CPU=n is SMP=n in arch/x86/Kconfig (covered by smp-off)"
		[ $r = 0 ] || echo "$hp" | sed 's/^/# /'
	fi

	# Build after each patch (the last one is the series itself), in the
	# test config and in each variant of the matrix.
	head=$(git -C "$wt" rev-parse HEAD)
	commits=$(git -C "$wt" rev-list --reverse debian..HEAD)
	[ -z "${XHP_LINT_LAST:-}" ] || commits=$head
	for c in $commits; do
		git -C "$wt" checkout -q "$c"
		subject=$(git -C "$wt" log -1 --format=%s "$c")
		# build.sh's notes go on to stderr as they come (a cold build is
		# minutes long), and into a file for the failure's tail.
		"$XHP_TOP/scripts/build.sh" "$base" 2>&1 >/dev/null | tee "$buildnotes" >&2
		[ "${PIPESTATUS[0]}" = 0 ] && r=0 || r=1
		result $r "$base builds after $subject"
		[ $r = 0 ] || tail -n 15 "$buildnotes" | sed 's/^/# /'
		for v in $variants; do
			out=$(matrix_build "$base" "$v") && r=0 || r=1
			result $r "$base builds and links with $v after $subject"
			[ $r = 0 ] || echo "$out" | tail -n 10 | sed 's/^/# /'
		done
	done

	stock=$(mktemp) series=$(mktemp)
	git -C "$wt" checkout -q --detach debian
	sparse_w1 "$base" stock >"$stock"
	git -C "$wt" checkout -q "$head"
	sparse_w1 "$base" series >"$series"
	new=$(comm -13 "$stock" "$series")
	[ -z "$new" ] && r=0 || r=1
	result $r "$base sparse C=2 and W=1: nothing new ($(wc -l <"$stock") warnings in the stock base)"
	[ -z "$new" ] || echo "$new" | sed 's/^/# new: /'
	rm -f "$stock" "$series"

	for fl in $distro; do
		out=$(distro_w1 "$base" "$fl" "$head") && r=0 || r=1
		result $r "$base Debian $fl config, sparse C=2 and W=1: nothing new ($(echo "$out" | head -n 1))"
		[ $r = 0 ] || echo "$out" | sed 's/^/# /'
	done
	git -C "$wt" checkout -q -B "xen-hotplug/$base" "$head"
done

tap_end
