#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Step 4a: the test initramfs: busybox-static, scripts/guest/ as /init and
# /tests/, kselftest's KTAP helpers and CPU hot-plug test from a base tree,
# and the torture modules of the kernel under test.
#
#   scripts/initramfs.sh IMAGE_DIR OUTPUT.cpio.gz

. "$(dirname "$0")/lib.sh"

img=${1:?usage: $0 IMAGE_DIR OUTPUT.cpio.gz}
out=${2:?usage: $0 IMAGE_DIR OUTPUT.cpio.gz}
need cpio
need gcc
[ -x /bin/busybox ] && /bin/busybox --list | grep -qx taskset ||
	die "static busybox not found; install it with: apt-get install busybox-static"
file -L /bin/busybox 2>/dev/null | grep -q 'statically linked' ||
	die "/bin/busybox is not static; install it with: apt-get install busybox-static"

# ktap_helpers.sh first appeared in 6.9: take it from the newest base.
ksft=
for b in $XHP_BASES; do
	f=$XHP_CACHE/bases/$b/tools/testing/selftests/kselftest/ktap_helpers.sh
	[ -f "$f" ] && ksft=$XHP_CACHE/bases/$b/tools/testing/selftests
done
[ -n "$ksft" ] || die "no base with kselftest/ktap_helpers.sh; run 'make bases'"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,tests,lib/modules}
cp /bin/busybox "$root/bin/busybox"
cp "$XHP_TOP/scripts/guest/init" "$root/init"
cp "$XHP_TOP"/scripts/guest/*.sh "$root/tests/"
cp "$ksft/kselftest/ktap_helpers.sh" "$root/tests/"
cp "$ksft/cpu-hotplug/cpu-on-off-test.sh" "$root/tests/"
find "$img/modules" -name '*torture*.ko' -exec cp {} "$root/lib/modules/" \;
# C helpers of the tests, static: the initramfs has no libc.
for c in "$XHP_TOP"/scripts/guest/*.c; do
	guest_cc "$c" "$root/tests/$(basename "$c" .c)"
done

(cd "$root" && find . | cpio -o -H newc --quiet -R 0:0) | gzip -1 >"$out"
