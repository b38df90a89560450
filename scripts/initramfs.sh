#!/usr/bin/env bash
# initramfs.sh ARCH: pack busybox, tests/init, tests/run.list and the built
# selftests into out/initramfs-ARCH.cpio.gz.
set -euo pipefail
. "$(dirname "$0")/env.sh"

arch=$1
sysroot=$("$top/scripts/sysroot.sh" "$arch")
stage=$BUILD/initramfs-$arch
img=$BUILD/initramfs-$arch.cpio.gz

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
# every tests/*.list (run.list, bench.list, i386.list: the i386 guest's
# own, chosen with vfiowc.list=...): the lines for this arch
# ("<suite>@<arch>" or "<suite>")
for l in $(cd "$top/tests" && ls *.list); do
	awk -v arch="$arch" '/^[^#]/ && NF { n = split($1, s, "@"); if (n > 1 && s[2] != arch) next; $1 = s[1] } { print }' \
		"$top/tests/$l" >"$stage/tests/$l"
done
rsync -a --exclude="*.o" --exclude="*.d" --exclude=libvfio "$BUILD/selftests/$arch/" "$stage/tests/"
(cd "$stage" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --reproducible 2>/dev/null) | gzip -1 >"$img"
echo "$img"
