#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The install path, proved on a machine where nothing was installed by
# hand: a debootstrap minbase root of bookworm with this machine's apt
# sources, in the cache.  scripts/deps.sh runs in it, as on a fresh
# Debian 12 machine; then every command that the scripts call (and that
# this machine has), and every command of scripts/deps.list, must be
# found there, and a second deps.sh must have nothing left to do.
#
#   scripts/fresh-root.sh          TAP; the last line is "N passed, N failed"
#
# The downloaded packages stay in $XHP_CACHE/fresh/debs for the next
# run; the root itself (about 3 GB) is removed at the end.

. "$(dirname "$0")/lib.sh"

need debootstrap
[ "$(id -u)" = 0 ] || die "debootstrap and chroot need root; run $0 as root"

dir=$XHP_CACHE/fresh
root=$dir/root
debs=$dir/debs
mirror=${XHP_MIRROR:-http://deb.debian.org/debian}
log=$dir/fresh-root.log

# Unmount, and remove the root only once nothing is mounted in it (a
# bind mount of /dev under an rm -rf would empty the host's /dev).
cleanup() {
	local m
	for m in var/cache/apt/archives dev proc sys; do
		if mountpoint -q "$root/$m"; then
			umount "$root/$m" || umount -l "$root/$m" || true
		fi
	done
	for m in var/cache/apt/archives dev proc sys; do
		mountpoint -q "$root/$m" && { echo "error: $root/$m still mounted; not removing $root" >&2; return 1; }
	done
	rm -rf --one-file-system "$root"
}
trap cleanup EXIT

mkdir -p "$debs"
cleanup
note "debootstrap --variant=minbase bookworm (about a minute)"
debootstrap --variant=minbase --cache-dir="$debs" bookworm "$root" "$mirror" >"$log" 2>&1 ||
	die "debootstrap failed; see $log"

# Debian 12's own suites, as on a fresh machine (not this machine's
# sources, which may name other repositories and their keys); no
# services started in the root; the packages kept for the next run.
cat >"$root/etc/apt/sources.list.d/debian.sources" <<EOT
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${XHP_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOT
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind "$debs" "$root/var/cache/apt/archives"
mkdir -p "$root/xhp"
cp -a "$XHP_TOP/scripts" "$XHP_TOP/Makefile" "$root/xhp/"

in_root() {
	chroot "$root" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root XHP_CACHE=/tmp/xhp "$@"
}

note "scripts/deps.sh in the fresh root (a few minutes)"
in_root /xhp/scripts/deps.sh >>"$log" 2>&1 && r=0 || r=1
result $r "scripts/deps.sh installs its list on a minbase bookworm"
[ $r = 0 ] || tail -n 20 "$log" | sed 's/^/# /'
[ $r = 0 ] || tail -n 20 "$root/tmp/xhp/apt-install.log" 2>/dev/null | sed 's/^/# /'

cmds=$("$XHP_TOP/scripts/deps.sh" --commands)
[ -n "$cmds" ] || result 1 "deps.sh --commands found no command in scripts/"
for c in $cmds; do
	in_root sh -c "command -v '$c'" >/dev/null && r=0 || r=1
	result $r "the fresh root has $c"
done

out=$(in_root /xhp/scripts/deps.sh 2>&1) && [ -z "$out" ] && r=0 || r=1
result $r "a second deps.sh has nothing left to install"
[ $r = 0 ] || echo "$out" | sed 's/^/# /'
tap_end
