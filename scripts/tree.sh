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

if [ -e "$tree" ] && [ -z "${FORCE:-}" ] &&
   [ -n "$(git -C "$tree" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	echo "tree: $tree has uncommitted changes; commit and 'make refresh'," \
		"or FORCE=1 to throw them away" >&2
	exit 1
fi
# what the tree is made of: the base and the patches it gets
inputs=$( {
	git -C "$base_git" rev-parse base
	if [ -f "$top/patches/series" ] && [ -z "${NO_SERIES:-}" ]; then
		sed -e '/^#/d' -e '/^$/d' "$top/patches/series" |
			while read -r p; do cat "$top/patches/$p"; done
		cat "$top/patches/0000-cover-letter.patch" 2>/dev/null
	fi
} | sha1sum | cut -d' ' -f1)
stamp=$tree/.git/vfio-wc-inputs
if [ "$(git -C "$tree" rev-parse -q --verify base 2>/dev/null)" = "$(git -C "$base_git" rev-parse base)" ]; then
	if [ "$(cat "$stamp" 2>/dev/null)" = "$inputs $(git -C "$tree" rev-parse HEAD)" ] &&
	   [ -z "$(git -C "$tree" status --porcelain)" ]; then
		# ignored files only (kunit.py parse's __pycache__, say)
		git -C "$tree" clean -q -f -d -X
		echo "tree: $tree unchanged, kept: base + $(git -C "$tree" rev-list --count base..HEAD) patches"
		exit 0
	fi
	rm -f "$stamp"
	git -C "$tree" am --abort >/dev/null 2>&1 || true
	git -C "$tree" checkout -q -f -B vfio-wc base
	git -C "$tree" clean -q -f -d -x
else
	rm -rf "$tree"
	git clone -q --no-checkout "$base_git" "$tree"
	git -C "$tree" checkout -q -b vfio-wc base
fi
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
echo "$inputs $(git -C "$tree" rev-parse HEAD)" >"$stamp"
echo "tree: $tree at base + $n patches"
