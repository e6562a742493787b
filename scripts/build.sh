#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Step 3: build what the worktree of BASE holds (see apply.sh).
#
#   scripts/build.sh BASE
#   scripts/build.sh --tree WORKTREE NAME     (verify.sh: a user's tree)
#
# The config is allnoconfig plus arch/x86/configs/xen_hotplug_test.config,
# merged by the kernel's own scripts/kconfig/merge_config.sh; any option
# of the fragment that did not land is an error.  With KCONFIG=FILE (a
# user's .config, --tree only) the fragment goes on top of FILE instead.
# Objects go to an O= dir in the cache, compiled through ccache.  The
# result is kept by the id of the source tree and the configuration, so
# an unchanged tree is never rebuilt:
#
#   $XHP_CACHE/images/<base or NAME>/<id>/{bzImage,vmlinux,config,modules/}
#
# Prints that directory on stdout.

. "$(dirname "$0")/lib.sh"

need make
need gcc
need ccache
need bc
need flex
need bison

frag=$XHP_TOP/arch/x86/configs/xen_hotplug_test.config
kconfig=
if [ "${1:-}" = --tree ]; then
	wt=${2:?usage: $0 --tree WORKTREE NAME}
	label=${3:?usage: $0 --tree WORKTREE NAME}
	kconfig=${KCONFIG:-}
	[ -z "$kconfig" ] || [ -f "$kconfig" ] || die "KCONFIG=$kconfig: no such file"
	[ -z "$kconfig" ] || kconfig=$(realpath "$kconfig")
	[ -d "$wt" ] || die "no worktree $wt"
	base_ref=
else
	base=${1:?usage: $0 BASE}
	check_base "$base"
	label=$base
	wt=$XHP_CACHE/work/$base
	[ -d "$wt" ] || die "no worktree for $base; run 'make apply BASE=$base'"
	base_ref=debian
fi
out=$XHP_CACHE/build/$label
# verify.sh on a tree without CONFIG_CPU_HOTPLUG_STATE_CONTROL: the
# fragment without it (the step-down rows are skipped there).
if [ -z "$base_ref" ] && [ -n "${XHP_NO_STATE_CONTROL:-}" ]; then
	mkdir -p "$out"
	grep -v '^CONFIG_CPU_HOTPLUG_STATE_CONTROL=' "$frag" >"$out/fragment.config"
	frag=$out/fragment.config
fi
[ -z "$(git -C "$wt" status --porcelain --untracked-files=no)" ] ||
	die "$wt has uncommitted changes; run 'make apply' to reset it"

# The fragment counts by its options, not its comments; a user's config
# by its content.
fraghash=$({ grep -v '^[[:space:]]*#' "$frag" | sed '/^[[:space:]]*$/d'; [ -z "$kconfig" ] || cat "$kconfig"; } |
	sha1sum | cut -c1-8)
id=$(git -C "$wt" rev-parse 'HEAD^{tree}' | cut -c1-12)-$fraghash
img=$XHP_CACHE/images/$label/$id
if [ -f "$img/bzImage" ]; then
	note "$label: kernel $id already built"
	echo "$img"
	exit 0
fi

mkdir -p "$out" "$CCACHE_DIR"

# Reconfigure only when the fragment's options changed: a rewritten
# .config costs a full rebuild.
if [ "$(cat "$out/.fraghash" 2>/dev/null)" != "$fraghash" ]; then
	# -n: allnoconfig under the fragment; else the user's config.
	merge=(-n "$frag")
	[ -z "$kconfig" ] || merge=("$kconfig" "$frag")
	note "$label: configuring (${kconfig:-allnoconfig} + $(basename "$frag"))"
	(cd "$wt" && CC="ccache gcc" scripts/kconfig/merge_config.sh -O "$out" "${merge[@]}") >"$out/merge_config.log" 2>&1 ||
		die "merge_config.sh failed for $label; see $out/merge_config.log"
	missing=$(missing_options "$frag" "$out/.config" | sed 's/=.*//')
	[ -z "$missing" ] || die "$label: options of $(basename "$frag") not in the final .config: $(echo $missing)"
	echo "$fraghash" >"$out/.fraghash"
fi

note "$label: building $(git -C "$wt" log -1 --format=%s | cut -c1-60)"
progress "$out/build.log" "$label: building" kmake_in "$wt" "$out" bzImage modules || {
	grep -E 'error|Error' "$out/build.log" | head -20 >&2
	die "$label: kernel build failed; first error: $(grep -m1 -E 'error:|Error [0-9]' "$out/build.log" | cut -c1-160); full log in $out/build.log"
}

rm -rf "$img.tmp"
mkdir -p "$img.tmp"
cp "$out/arch/x86/boot/bzImage" "$out/vmlinux" "$out/System.map" "$img.tmp/"
cp "$out/.config" "$img.tmp/config"
kmake_in "$wt" "$out" -s INSTALL_MOD_PATH="$img.tmp/modules" INSTALL_MOD_STRIP=1 modules_install >/dev/null
if [ -n "$base_ref" ]; then
	git -C "$wt" log --format='%h %s' -1 "$base_ref"
	git -C "$wt" log --format='%h %s' "$base_ref..HEAD"
else
	git -C "$wt" log --format='%h %s' -20 HEAD
fi >"$img.tmp/commits"
rm -rf "$img"
mv "$img.tmp" "$img"
note "$label: kernel $id built"
echo "$img"
