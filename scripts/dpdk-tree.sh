#!/usr/bin/env bash
# dpdk-tree.sh [TREE]: TREE (default dpdk/tree) = Debian's DPDK source
# package (pinned below, fetched through a private deb-src list from the
# mirror of the system's apt configuration, unpacked with its Debian
# patches) as one deterministic commit tagged 'base', with
# dpdk/patches/series applied on top (git am) on branch 'vfio-wc'.
# FORCE=1 throws away uncommitted changes in TREE; NO_SERIES=1 stops at
# the base.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${VFIO_WC_CACHE:-$HOME/.cache/vfio-wc}/dpdk
VER=22.11.11-0+deb12u1
SUITE=bookworm
declare -A SHA256=(
	[dpdk_22.11.11-0+deb12u1.dsc]=d0e035100046f54397cb7ab1e53af19f7d85eefa248112213637a536b35cf65d
	[dpdk_22.11.11.orig.tar.xz]=27a3bb1f57e02eb68c7c0a6f8bbf9fb74ec198c5aab74ed602da5b71c492a476
	[dpdk_22.11.11-0+deb12u1.debian.tar.xz]=e56866e585bd83c3095c178d10669f4ff12360a09f69e7bd6bd32d079f4f1451
)
tree=${1:-$top/dpdk/tree}
base_git=$CACHE/base.git
patches=$top/dpdk/patches

. "$top/scripts/apt-private.sh"

# verified: are the three source files in the cache, with their SHA256?
verified() {
	local f
	for f in "${!SHA256[@]}"; do
		echo "${SHA256[$f]}  $CACHE/$f" | sha256sum -c --status 2>/dev/null || return 1
	done
}

mkdir -p "$CACHE"
if ! verified; then
	echo "dpdk: downloading the source package dpdk=$VER ($SUITE)"
	src="deb-src $(debian_mirror) $SUITE main"
	apt_private dpdk "$src" update >"$CACHE/apt-update.log" 2>&1 ||
		{ cat "$CACHE/apt-update.log" >&2; exit 1; }
	(cd "$CACHE" && apt_private dpdk "$src" source --download-only "dpdk=$VER") >/dev/null
	verified || { echo "dpdk: SHA256 mismatch in $CACHE" >&2; exit 1; }
fi

dpdk_ident() {
	GIT_AUTHOR_NAME="Debian dpdk source" GIT_AUTHOR_EMAIL=base@localhost \
	GIT_COMMITTER_NAME="Debian dpdk source" GIT_COMMITTER_EMAIL=base@localhost \
	GIT_AUTHOR_DATE="2026-01-01T00:00:00+0000" \
	GIT_COMMITTER_DATE="2026-01-01T00:00:00+0000" "$@"
}

if ! git -C "$base_git" rev-parse -q --verify refs/tags/base >/dev/null 2>&1; then
	echo "dpdk: importing dpdk $VER into $base_git (once)"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	# --no-check: the .dsc's uploader key is not installed; the files'
	# integrity is the pinned SHA256 above
	dpkg-source --no-check -x "$CACHE/dpdk_$VER.dsc" "$tmp/src" >/dev/null
	rm -rf "$tmp/src/.pc"
	git -C "$tmp/src" init -q -b master
	git -C "$tmp/src" add -A -f .
	dpdk_ident git -C "$tmp/src" -c core.autocrlf=false commit -q \
		-m "DPDK 22.11.11 (Debian dpdk $VER, debian/patches applied)"
	dpdk_ident git -C "$tmp/src" tag base
	rm -rf "$base_git"
	git clone -q --bare "$tmp/src" "$base_git"
fi
echo "dpdk: base $(git -C "$base_git" rev-parse base)"

exec "$top/scripts/apply-series.sh" "$base_git" "$patches" "$tree" "make dpdk-refresh"
