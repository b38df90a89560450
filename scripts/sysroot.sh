#!/usr/bin/env bash
# sysroot.sh GUEST: print a directory holding GUEST's userland: bin/busybox
# (static) and usr/{include,lib} for linking the selftests statically
# (libuuid).  A guest without G_DEB_ARCH uses the host's packages; the
# others' are fetched from bookworm with 'apt-get download' and unpacked,
# never installed.
set -euo pipefail
. "$(dirname "$0")/env.sh"
. "$(dirname "$0")/apt-private.sh"

guest_load "$1"
d=$CACHE/sysroot-$G_BUILD
if [ -z "$G_DEB_ARCH" ]; then
	mkdir -p "$d/bin"
	cp -u /bin/busybox "$d/bin/busybox"
elif [ ! -x "$d/bin/busybox" ] || [ ! -f "$d/usr/lib/$G_TRIPLET/libuuid.a" ]; then
	src="deb [arch=$G_DEB_ARCH] $(debian_mirror) bookworm main"
	log=$OUT/logs/apt-$G_BUILD.log
	apt_private "bookworm-$G_DEB_ARCH" "$src" update >"$log" 2>&1
	rm -rf "$d" "$d.debs" && mkdir -p "$d.debs"
	(cd "$d.debs" && apt_private "bookworm-$G_DEB_ARCH" "$src" download \
		busybox-static:$G_DEB_ARCH uuid-dev:$G_DEB_ARCH libuuid1:$G_DEB_ARCH) >>"$log" 2>&1
	for deb in "$d.debs"/*.deb; do dpkg-deb -x "$deb" "$d"; done
	rm -rf "$d.debs"
fi
echo "$d"
