#!/usr/bin/env bash
# Download Debian's linux-source-7.3 (trixie-backports) into the cache and
# unpack the pristine tarball.  The system's apt configuration is not touched:
# apt reads a private sources list and keeps its lists under the cache.
set -euo pipefail

CACHE=${VFIO_WC_CACHE:-$HOME/.cache/vfio-wc}
PKG=linux-source-7.3
VER=7.3.4-1~bpo13+1
DEB_SHA256=703e369ddd4cce971452f5a593ee55df3a5c10c83caf0fa0df039633ed181ee3
TAR_SHA256=76df1affb19f24926949369be1d74b60071c963c598ce8780bddd4bbf0fc3bc4

. "$(dirname "$0")/apt-private.sh"
SRC="deb [arch=amd64] $(debian_mirror) trixie-backports main"
mkdir -p "$CACHE/debs"

tarball=$CACHE/linux-source-7.3.tar.xz
if [ -f "$tarball" ] && echo "$TAR_SHA256  $tarball" | sha256sum -c --status; then
	echo "base: cached $tarball"
	exit 0
fi

deb=$CACHE/debs/${PKG}_${VER//:/%3a}_all.deb
if ! { [ -f "$deb" ] && echo "$DEB_SHA256  $deb" | sha256sum -c --status; }; then
	echo "base: downloading $PKG=$VER"
	apt_private base "$SRC" update >"$CACHE/apt-update.log" 2>&1 ||
		{ cat "$CACHE/apt-update.log" >&2; exit 1; }
	rm -f "$CACHE"/debs/${PKG}_*.deb
	if ! (cd "$CACHE/debs" && apt_private base "$SRC" download "$PKG=$VER"); then
		echo "base: WARNING: $PKG=$VER is gone from the archive;" \
			"falling back to the newest $PKG: base-commit will differ" >&2
		(cd "$CACHE/debs" && apt_private base "$SRC" download "$PKG")
		deb=$(ls "$CACHE"/debs/${PKG}_*.deb | tail -1)
		DEB_SHA256= TAR_SHA256=
	fi
fi
if [ -n "$DEB_SHA256" ]; then
	echo "$DEB_SHA256  $deb" | sha256sum -c --quiet
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp"
src=$(ls "$tmp"/usr/src/linux-source-7.3.tar.*)
if [ -n "$TAR_SHA256" ]; then
	echo "$TAR_SHA256  $src" | sha256sum -c --quiet
fi
mv "$src" "$tarball"
echo "base: $tarball ($(du -h "$tarball" | cut -f1))"
