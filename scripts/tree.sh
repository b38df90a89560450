#!/usr/bin/env bash
# Create linux/: the pristine 7.3 base as one deterministic commit (tag
# 'base') with patches/series applied on top as commits (git am);
# NO_SERIES=1 stops at the base (the demo's unpatched kernel).
# The base repository is built once and cached; linux/ is cloned from it.
# A tree that is already a clone of this base is reused, not removed:
# when it is clean and its series (patches/, the cover letter) has not
# changed since it was made, it is kept as it is, file times included (a
# warm make check then rebuilds nothing); otherwise it is reset to the
# base (git touches only the files its series changed) and cleaned, and
# the series applied again: kbuild rebuilds only what the series touches.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${VFIO_WC_CACHE:-$HOME/.cache/vfio-wc}
base_git=$CACHE/base.git
tree=${1:-$top/linux}

base_ident() {
	GIT_AUTHOR_NAME="Debian linux-source-7.3" GIT_AUTHOR_EMAIL=base@localhost \
	GIT_COMMITTER_NAME="Debian linux-source-7.3" GIT_COMMITTER_EMAIL=base@localhost \
	GIT_AUTHOR_DATE="2026-01-01T00:00:00+0000" \
	GIT_COMMITTER_DATE="2026-01-01T00:00:00+0000" "$@"
}

"$top/scripts/fetch-base.sh"

if ! git -C "$base_git" rev-parse -q --verify refs/tags/base >/dev/null 2>&1; then
	echo "tree: importing the base tarball into $base_git (once)"
	rm -rf "$base_git" "$base_git.tmp"
	mkdir -p "$base_git.tmp"
	tar -C "$base_git.tmp" --strip-components=1 -xf "$CACHE/linux-source-7.3.tar.xz"
	git -C "$base_git.tmp" init -q -b master
	git -C "$base_git.tmp" add -A -f .
	base_ident git -C "$base_git.tmp" -c core.autocrlf=false commit -q \
		-m "Linux 7.3.4 (Debian linux-source-7.3 7.3.4-1~bpo13+1)"
	base_ident git -C "$base_git.tmp" tag base
	git clone -q --bare "$base_git.tmp" "$base_git"
	rm -rf "$base_git.tmp"
fi
echo "tree: base $(git -C "$base_git" rev-parse base)"

exec "$top/scripts/apply-series.sh" "$base_git" "$top/patches" "$tree" "make refresh"
