#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Step 4c (HVM domU runs only): a dom0 root with the xl toolstack, made
# once with debootstrap from Debian bookworm and kept in the cache as an
# uncompressed cpio archive.
#
#   scripts/dom0root.sh            prints the path of the archive
#
# It holds xen-utils-4.17 (xl, xenstored, xenconsoled; the same Xen
# version as the hypervisor), xenstore-utils, and qemu-system-xen, the
# device model of HVM guests.  xen-boot.sh appends to it, per run, a small
# archive with the test's /init, the domU kernel and the domU initramfs.

. "$(dirname "$0")/lib.sh"

out=$XHP_CACHE/dom0root/root.cpio
pkgs=xen-utils-4.17,xenstore-utils,kmod,procps,qemu-system-xen
mirror=${XHP_MIRROR:-http://deb.debian.org/debian}

# Rebuilt when this script changes.
stamp=$(sha256sum "$0" | cut -c1-12)
if [ -f "$out" ] && [ "$(cat "$out.stamp" 2>/dev/null)" = "$stamp" ]; then
	echo "$out"
	exit 0
fi

need debootstrap
need cpio
[ "$(id -u)" = 0 ] || die "debootstrap needs root; run scripts/dom0root.sh as root"

dir=$XHP_CACHE/dom0root/tree
rm -rf "$dir" "$out" "$out.stamp"
mkdir -p "$dir"
note "debootstrap bookworm with $pkgs (about a minute)"
progress "$XHP_CACHE/dom0root/debootstrap.log" debootstrap \
	debootstrap --variant=minbase --include="$pkgs" bookworm "$dir" "$mirror" ||
	die "debootstrap failed; see $XHP_CACHE/dom0root/debootstrap.log"

# bookworm's tools can be older than the hypervisor from
# bookworm-security: bring them to the hypervisor's version, from the
# host's apt sources (the same archive the hypervisor came from).
hv=$(dpkg-query -W -f='${Version}' xen-hypervisor-4.17-amd64 2>/dev/null || true)
tools=$(chroot "$dir" dpkg-query -W -f='${Version}' xen-utils-4.17)
if [ -n "$hv" ] && [ "$hv" != "$tools" ]; then
	xenpkgs=$(chroot "$dir" dpkg-query -W -f='${Package} ${source:Package}\n' | awk '$2 == "xen" { print $1 }')
	mkdir -p "$dir/tmp/xen-debs"
	# shellcheck disable=SC2046 # one argument a package
	(cd "$dir/tmp/xen-debs" && apt-get download $(for p in $xenpkgs; do echo "$p=$hv"; done)) \
		>>"$XHP_CACHE/dom0root/debootstrap.log" 2>&1 &&
		chroot "$dir" sh -c 'dpkg -i /tmp/xen-debs/*.deb' >>"$XHP_CACHE/dom0root/debootstrap.log" 2>&1 ||
		die "cannot bring the dom0 root's Xen tools to $hv; see $XHP_CACHE/dom0root/debootstrap.log"
	rm -rf "$dir/tmp/xen-debs"
	tools=$(chroot "$dir" dpkg-query -W -f='${Version}' xen-utils-4.17)
fi

# Nothing a test reads: keep the archive small.
rm -rf "$dir"/usr/share/{doc,man,info,locale} "$dir"/var/cache/apt/archives/*.deb \
	"$dir"/var/lib/apt/lists/*
mkdir -p "$dir"/run/lock "$dir"/var/log/xen "$dir"/var/run/xen "$dir"/xhp
(cd "$dir" && find . | cpio -o -H newc --quiet -R 0:0) >"$out.tmp"
mv "$out.tmp" "$out"
echo "$stamp" >"$out.stamp"
note "dom0 root: $(du -h "$out" | cut -f1) ($tools)"
echo "$out"
