#!/usr/bin/env bash
# refresh.sh [TREE DIR]: regenerate patches/ from linux/ (base..HEAD)
# with git format-patch --cover-letter --base, and write patches/series;
# or DIR from TREE (make dpdk-refresh: dpdk/patches from dpdk/tree).
# The cover letter's subject and text are the tree's branch description
# ('git branch --edit-description'); make tree restores it from
# patches/0000-cover-letter.patch.
set -euo pipefail
. "$(dirname "$0")/env.sh"

tree=${1:-$LINUX}
dir=${2:-$top/patches}
git_l() { git -C "$tree" "$@"; }
[ -z "$(git_l status --porcelain --untracked-files=no)" ] ||
	{ echo "refresh: $tree has uncommitted changes" >&2; exit 1; }
branch=$(git_l symbolic-ref --short HEAD)
n=$(git_l rev-list --count base..HEAD)

rm -rf "$dir"
mkdir -p "$dir"
if [ "$n" = 0 ]; then
	echo "# apply order (empty series)" >"$dir/series"
	echo "refresh: empty series"
	exit 0
fi
git_l -c core.abbrev=12 format-patch -q --cover-letter \
	--cover-from-description=subject --base=base --no-signature \
	--thread=shallow --zero-commit -o "$dir" base..HEAD
# Stable output: the cover letter carries the date of the newest commit,
# not the clock, and threading headers (which embed the clock) are left
# to git send-email.
date=$(git_l log -1 --format=%aD HEAD)
sed -i "s/^Date: .*/Date: $date/" "$dir/0000-cover-letter.patch"
sed -i '1,8{/^Message-Id: /d; /^In-Reply-To: /d; /^References: /d}' \
	"$dir"/[0-9]*.patch
(cd "$dir" && ls [0-9]*.patch | grep -v '^0000-') >"$dir/series"
echo "refresh: $n patches in ${dir#"$top"/}/ (branch $branch)"
