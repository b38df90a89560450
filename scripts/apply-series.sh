#!/usr/bin/env bash
# apply-series.sh BASE_GIT PATCHES TREE REFRESH: TREE = the commit tagged
# 'base' in the repository BASE_GIT, with PATCHES/series applied as
# commits (git am) on branch vfio-wc and the cover letter as the branch's
# description; for scripts/tree.sh (the kernel) and dpdk-tree.sh.  A TREE
# already made of the same base and patches is kept as it is (its files'
# times too); one with uncommitted changes is refused unless FORCE=1
# (REFRESH: the command that writes TREE's commits back).  NO_SERIES=1:
# the base alone.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
base_git=$1 patches=$2 tree=$3 refresh=$4

if [ -e "$tree" ] && [ -z "${FORCE:-}" ] &&
   [ -n "$(git -C "$tree" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	echo "tree: $tree has uncommitted changes; commit and '$refresh'," \
		"or FORCE=1 to throw them away" >&2
	exit 1
fi
# what the tree is made of: the base and the patches it gets
inputs=$( {
	git -C "$base_git" rev-parse base
	if [ -f "$patches/series" ] && [ -z "${NO_SERIES:-}" ]; then
		sed -e '/^#/d' -e '/^$/d' "$patches/series" |
			while read -r p; do cat "$patches/$p"; done
		cat "$patches/0000-cover-letter.patch" 2>/dev/null
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
if [ -f "$patches/series" ] && [ -z "${NO_SERIES:-}" ]; then
	while read -r p; do
		case "$p" in ''|'#'*) continue ;; esac
		git -C "$tree" am -q --committer-date-is-author-date "$patches/$p"
		n=$((n + 1))
	done <"$patches/series"
fi

# The cover letter text lives on as the branch description (make refresh).
cover=$patches/0000-cover-letter.patch
if [ -f "$cover" ]; then
	python3 "$top/scripts/cover.py" "$cover" >"$tree/.git/cover-description"
	git -C "$tree" config branch.vfio-wc.description "$(cat "$tree/.git/cover-description")"
fi
echo "$inputs $(git -C "$tree" rev-parse HEAD)" >"$stamp"
echo "tree: $tree at base + $n patches"
