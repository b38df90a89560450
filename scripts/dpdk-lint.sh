#!/usr/bin/env bash
# dpdk-lint.sh: DPDK's own checks on dpdk/tree's commits (base..HEAD),
# offline: devtools/checkpatches.sh (the kernel's checkpatch.pl with
# DPDK's options, codespell's dictionary) and devtools/check-git-log.sh
# (headlines, line lengths, words' case).
set -euo pipefail
. "$(dirname "$0")/env.sh"
check_linux=${LINUX:-}
[ -f "$check_linux/scripts/checkpatch.pl" ] || check_linux=$OUT/linux
tree=${DPDK_TREE:-$top/dpdk/tree}
export DPDK_CHECKPATCH_PATH=$check_linux/scripts/checkpatch.pl
export DPDK_CHECKPATCH_CODESPELL=/usr/lib/python3/dist-packages/codespell_lib/data/dictionary.txt
cd "$tree"
n=$(git rev-list --count base..HEAD)
rc=0
devtools/checkpatches.sh -n"$n" || rc=1
# Two findings are known and left: no Signed-off-by (no human has
# certified the DCO yet, see the cover letter) and the author being
# unknown to DPDK's .mailmap; anything else fails
log=$(devtools/check-git-log.sh -n"$n" 2>&1) || true
rest=$(awk '/^Missing .Signed-off-by:. tag:|^Contributor name\/email mismatch with .mailmap:/ { skip = 1; next }
	/^[^\t]/ { skip = 0 }
	!skip && NF && !/^Invalid patch\(es\) found - checked/' <<<"$log")
if [ -n "$rest" ]; then
	echo "$log"
	rc=1
fi
[ "$rc" = 0 ] && echo "dpdk-lint: $n commits clean (known: no Signed-off-by, author not in .mailmap)"
exit $rc
