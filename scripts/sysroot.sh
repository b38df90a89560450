#!/usr/bin/env bash
# sysroot.sh ARCH: print a directory holding the guest userland for ARCH:
# bin/busybox (static) and usr/{include,lib} for linking the selftests
# statically (libuuid).  amd64 uses the host's packages; arm64 and i386
# packages are fetched from bookworm with 'apt-get download' and unpacked,
# never installed.
set -euo pipefail
. "$(dirname "$0")/env.sh"
. "$(dirname "$0")/apt-private.sh"

arch=$1
case $arch in
x86_64)
	d=$CACHE/sysroot-x86_64
	mkdir -p "$d/bin"
	cp -u /bin/busybox "$d/bin/busybox"
	;;
arm64 | i386)
	# Debian's name for the architecture and its multiarch directory
	case $arch in
	arm64) darch=arm64 triplet=aarch64-linux-gnu ;;
	i386) darch=i386 triplet=i386-linux-gnu ;;
	esac
	d=$CACHE/sysroot-$arch
	if [ ! -x "$d/bin/busybox" ] || [ ! -f "$d/usr/lib/$triplet/libuuid.a" ]; then
		src="deb [arch=$darch] $(debian_mirror) bookworm main"
		log=$OUT/logs/apt-$arch.log
		apt_private "bookworm-$darch" "$src" update >"$log" 2>&1
		rm -rf "$d" "$d.debs" && mkdir -p "$d.debs"
		(cd "$d.debs" && apt_private "bookworm-$darch" "$src" download \
			busybox-static:$darch uuid-dev:$darch libuuid1:$darch) >>"$log" 2>&1
		for deb in "$d.debs"/*.deb; do dpkg-deb -x "$deb" "$d"; done
		rm -rf "$d.debs"
	fi
	;;
*) echo "sysroot: unknown arch $arch" >&2; exit 1 ;;
esac
echo "$d"
