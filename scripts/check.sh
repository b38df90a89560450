#!/usr/bin/env bash
# check.sh: everything CI runs.  Applies patches/ to a fresh base tree in
# out/linux, runs the patch gates, builds and boots the x86_64, arm64 and
# i386 test guests (KUnit at boot, kselftests from /init), and ends with
# "N passed, N failed, N skipped".  ARCHES picks the guests.
set -uo pipefail
export LINUX=${LINUX:-$(cd "$(dirname "$0")/.." && pwd)/out/linux}
export BUILD=${BUILD:-$(dirname "$LINUX")/check/build}
. "$(dirname "$0")/env.sh"

ARCHES=${ARCHES:-x86_64 arm64 i386}
# the 64-bit guests come first and are the ones the build gates cover; the
# i386 guest (32-bit vm_pgoff: cookie offsets must fit) runs last
arches64=$(tr ' ' '\n' <<<"$ARCHES" | grep -vx i386 | xargs)
results=$OUT/results.tsv
: >"$results"
nsteps=$((4 + 3 * $(wc -w <<<"$ARCHES")))
[ -n "$arches64" ] && nsteps=$((nsteps + 1))
[[ " $ARCHES " == *" arm64 "* ]] && nsteps=$((nsteps + 1))
[[ " $ARCHES " == *" x86_64 "* ]] && nsteps=$((nsteps + 1))
n=0
next() { n=$((n + 1)); step "[$n/$nsteps] $*"; }
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" >>"$results"; }

start=$(date +%s)
next "host packages"
"$top/scripts/deps.sh" >"$OUT/logs/deps.log" 2>&1 ||
	{ cat "$OUT/logs/deps.log"; echo "0 passed, 1 failed"; exit 1; }

next "host-side unit tests (tests/host: the console parser)"
python3 "$top/tests/host/run.py" "$results" ||
	record host/tests run fail "tests/host/run.py exited with an error"

next "base tree + series -> $LINUX"
if ! FORCE=1 "$top/scripts/tree.sh" "$LINUX" >"$OUT/logs/tree.log" 2>&1; then
	cat "$OUT/logs/tree.log"
	record series apply fail
else
	record series apply pass
	sed 's/^/      /' "$OUT/logs/tree.log" | tail -2

	next "patch gates: checkpatch --strict, kernel-doc"
	"$top/scripts/gates.sh" static "$results"

	for arch in $arches64; do
		"$top/scripts/arch-run.sh" "$arch" "$results" "$n" "$nsteps"
		n=$((n + 3))
	done

	if [[ " $ARCHES " == *" arm64 "* ]]; then
		next "arm64 guest without FEAT_S2FWB (neoverse-n1): KVM tests"
		GUEST_CPU=neoverse-n1 "$top/scripts/variant-run.sh" "$results" \
			arm64-nofwb arm64 vfiowc.run=kvm
	fi
	if [[ " $ARCHES " == *" x86_64 "* ]]; then
		next "x86_64 guest booted with nopat: strict memtype KUnit"
		"$top/scripts/variant-run.sh" "$results" x86_64-nopat x86_64 \
			"nopat vfiowc.run=none kunit.filter_glob=x86_pat_memtype_strict"
	fi

	if [ -n "$arches64" ]; then
		next "patch gates: every patch builds, sparse + W=1, uapi header test"
		ARCHES=$arches64 "$top/scripts/gates.sh" build "$results"
	fi

	if [[ " $ARCHES " == *" i386 "* ]]; then
		"$top/scripts/arch-run.sh" i386 "$results" "$n" "$nsteps"
		n=$((n + 3))
	fi
fi

"$top/scripts/summary.sh" "$results" "$(($(date +%s) - start))"
