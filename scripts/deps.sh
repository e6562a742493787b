#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Step 0: install what the pipeline uses, from Debian's archive.
# A no-op when everything is there already.

. "$(dirname "$0")/lib.sh"

pkgs=(
	# kernel build, lint
	build-essential bc bison flex libelf-dev libssl-dev cpio kmod
	ccache sparse git xz-utils perl python3 file libc6-dev
	# checkpatch.pl runs scripts/spdxcheck.py, which needs ply and GitPython
	python3-ply python3-git
	# the bases
	linux-source-6.1 linux-source-6.12
	# Xen under QEMU, guest initramfs
	xen-hypervisor-4.17-amd64 qemu-system-x86 busybox-static
	# the model
	spin
)

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
