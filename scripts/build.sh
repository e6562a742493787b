#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Step 3: build what the worktree of BASE holds (see apply.sh).
#
#   scripts/build.sh BASE
#
# The config is allnoconfig plus arch/x86/configs/xen_hotplug_test.config,
# merged by the kernel's own scripts/kconfig/merge_config.sh; any option
# of the fragment that did not land is an error.  Objects go to an O= dir
# in the cache, compiled through ccache.  The result is kept by the id of
# the source tree and the fragment, so an unchanged tree is never rebuilt:
#
#   $XHP_CACHE/images/<base>/<id>/{bzImage,vmlinux,config,modules/}
#
# Prints that directory on stdout.

. "$(dirname "$0")/lib.sh"

base=${1:?usage: $0 BASE}
check_base "$base"
need make
need gcc
need ccache
need bc
need flex
need bison

wt=$XHP_CACHE/work/$base
out=$XHP_CACHE/build/$base
frag=$XHP_TOP/arch/x86/configs/xen_hotplug_test.config
[ -d "$wt" ] || die "no worktree for $base; run 'make apply BASE=$base'"
[ -z "$(git -C "$wt" status --porcelain --untracked-files=no)" ] ||
	die "$wt has uncommitted changes; run 'make apply BASE=$base' to reset it"

# The fragment counts by its options, not its comments.
fraghash=$(grep -v '^[[:space:]]*#' "$frag" | sed '/^[[:space:]]*$/d' | sha1sum | cut -c1-8)
id=$(git -C "$wt" rev-parse 'HEAD^{tree}' | cut -c1-12)-$fraghash
img=$XHP_CACHE/images/$base/$id
if [ -f "$img/bzImage" ]; then
	note "$base: kernel $id already built"
	echo "$img"
	exit 0
fi

mkdir -p "$out" "$CCACHE_DIR"

# Reconfigure only when the fragment's options changed: a rewritten
# .config costs a full rebuild.
if [ "$(cat "$out/.fraghash" 2>/dev/null)" != "$fraghash" ]; then
	note "$base: configuring (allnoconfig + $(basename "$frag"))"
	(cd "$wt" && CC="ccache gcc" scripts/kconfig/merge_config.sh -n -O "$out" "$frag") >"$out/merge_config.log" 2>&1 ||
		die "merge_config.sh failed for $base; see $out/merge_config.log"
	missing=$(missing_options "$frag" "$out/.config" | sed 's/=.*//')
	[ -z "$missing" ] || die "$base: options of $(basename "$frag") not in the final .config: $(echo $missing)"
	echo "$fraghash" >"$out/.fraghash"
fi

note "$base: building $(git -C "$wt" log -1 --format=%s | cut -c1-60)"
progress "$out/build.log" "$base: building" kmake "$base" bzImage modules || {
	grep -E 'error|Error' "$out/build.log" | head -20 >&2
	die "$base: kernel build failed; full log in $out/build.log"
}

rm -rf "$img.tmp"
mkdir -p "$img.tmp"
cp "$out/arch/x86/boot/bzImage" "$out/vmlinux" "$out/System.map" "$img.tmp/"
cp "$out/.config" "$img.tmp/config"
kmake "$base" -s INSTALL_MOD_PATH="$img.tmp/modules" INSTALL_MOD_STRIP=1 modules_install >/dev/null
{
	git -C "$wt" log --format='%h %s' -1 debian
	git -C "$wt" log --format='%h %s' debian..HEAD
} >"$img.tmp/commits"
rm -rf "$img"
mv "$img.tmp" "$img"
note "$base: kernel $id built"
echo "$img"
