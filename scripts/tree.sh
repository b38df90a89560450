#!/usr/bin/env bash
# Create linux/: the pristine 7.3 base as one deterministic commit (tag
# 'base') with patches/series applied on top as commits (git am);
# NO_SERIES=1 stops at the base (the demo's unpatched kernel).
# The base repository is built once and cached; linux/ is cloned from it.
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

if [ -e "$tree" ] && [ -z "${FORCE:-}" ] &&
   [ -n "$(git -C "$tree" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	echo "tree: $tree has uncommitted changes; commit and 'make refresh'," \
		"or FORCE=1 to throw them away" >&2
	exit 1
fi
rm -rf "$tree"

git clone -q --no-checkout "$base_git" "$tree"
git -C "$tree" checkout -q -b vfio-wc base
git -C "$tree" config user.name vfio-wc
git -C "$tree" config user.email vfio-wc@localhost

n=0
if [ -f "$top/patches/series" ] && [ -z "${NO_SERIES:-}" ]; then
	while read -r p; do
		case "$p" in ''|'#'*) continue ;; esac
		git -C "$tree" am -q --committer-date-is-author-date "$top/patches/$p"
		n=$((n + 1))
	done <"$top/patches/series"
fi

# The cover letter text lives on as the branch description (make refresh).
cover=$top/patches/0000-cover-letter.patch
if [ -f "$cover" ]; then
	python3 "$top/scripts/cover.py" "$cover" >"$tree/.git/cover-description"
	git -C "$tree" config branch.vfio-wc.description "$(cat "$tree/.git/cover-description")"
fi
echo "tree: $tree at base + $n patches"
