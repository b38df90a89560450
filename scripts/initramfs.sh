#!/usr/bin/env bash
# initramfs.sh GUEST: pack busybox, tests/init, the test lists filtered for
# GUEST and the programs build-selftests.sh built into
# $BUILD/initramfs-GUEST.cpio.gz.
set -euo pipefail
. "$(dirname "$0")/env.sh"

guest_load "$1"
sysroot=$("$top/scripts/sysroot.sh" "$G_NAME")
stage=$BUILD/initramfs-$G_NAME
img=$BUILD/initramfs-$G_NAME.cpio.gz

rm -rf "$stage"
mkdir -p "$stage"/{bin,sbin,dev,proc,sys,tmp,tests}
cp "$sysroot/bin/busybox" "$stage/bin/busybox"
for a in sh ash cat ls echo sed grep tr cut basename dirname readlink mkdir \
	mount umount sleep timeout poweroff reboot dmesg head tail wc test \
	find xargs sync hexdump od dd printf env id uname kill ps seq awk sort \
	uniq date true false rm cp mv ln chmod stat taskset nproc; do
	ln -s busybox "$stage/bin/$a"
done
cp "$top/tests/init" "$stage/init"
chmod +x "$stage/init"
# /init prints its KTAP with kselftest's own helpers, from the kernel tree
mkdir -p "$stage/tests/kselftest"
cp "$LINUX/tools/testing/selftests/kselftest/ktap_helpers.sh" "$stage/tests/kselftest/"
# every tests/*.list, the lines for this guest without their tags: /init
# reads them as they are (vfiowc.list= names them)
for l in "$top"/tests/*.list; do
	python3 "$top/scripts/testlist.py" filter "$G_NAME $G_TAGS" "$l" >"$stage/tests/${l##*/}"
done
rsync -a --exclude="*.o" --exclude="*.d" --exclude=libvfio "$BUILD/selftests/$G_NAME/" "$stage/tests/"
(cd "$stage" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --reproducible 2>/dev/null) | gzip -1 >"$img"
echo "$img"
