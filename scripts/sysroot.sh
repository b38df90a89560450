#!/usr/bin/env bash
# sysroot.sh ARCH: print a directory holding the guest userland for ARCH:
# bin/busybox (static) and usr/{include,lib} for linking the selftests
# statically (libuuid).  amd64 uses the host's packages; arm64 packages are
# fetched from bookworm with 'apt-get download' and unpacked, never installed.
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
arm64)
	d=$CACHE/sysroot-arm64
	if [ ! -x "$d/bin/busybox" ] || [ ! -f "$d/usr/lib/aarch64-linux-gnu/libuuid.a" ]; then
		src="deb [arch=arm64] http://deb.debian.org/debian bookworm main"
		apt_private bookworm-arm64 "$src" update >"$OUT/logs/apt-arm64.log" 2>&1
		rm -rf "$d" "$d.debs" && mkdir -p "$d.debs"
		(cd "$d.debs" && apt_private bookworm-arm64 "$src" download \
			busybox-static:arm64 uuid-dev:arm64 libuuid1:arm64) \
			>>"$OUT/logs/apt-arm64.log" 2>&1
		for deb in "$d.debs"/*.deb; do dpkg-deb -x "$deb" "$d"; done
		rm -rf "$d.debs"
	fi
	;;
*) echo "sysroot: unknown arch $arch" >&2; exit 1 ;;
esac
echo "$d"
