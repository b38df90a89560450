#!/usr/bin/env bash
# check.sh: everything CI runs.  Applies patches/ to a fresh base tree in
# out/linux, runs the patch gates, builds and boots the test guests of
# guests/ (ARCHES picks them; by default those whose G_PROFILES name
# "check", each followed by its variants), and ends with "N passed, N
# failed, N skipped".
set -uo pipefail
export LINUX=${LINUX:-$(cd "$(dirname "$0")/.." && pwd)/out/linux}
export BUILD=${BUILD:-$(dirname "$LINUX")/check/build}
. "$(dirname "$0")/lib.sh"

results_init "$OUT/results.tsv"

series() {
	if host_tree tree "$LINUX" FORCE=1; then
		record series apply pass
	else
		record series apply fail
		return 1
	fi
}

# The guests the build gates cover come first: the gates build each patch
# in their test kernels' configurations; the others (i386) after the gates.
gated= later= gates=
for g in $(guests_of check); do
	if guest_is "$g" G_GATES; then
		gated="$gated $g"
		# the kernels the gates build in: a variant's is its base's
		b=$(guest_load "$g" && echo "$G_BUILD")
		[[ " $gates " == *" $b "* ]] || gates="$gates $b"
	else
		later="$later $g"
	fi
done

plan "host packages" host_deps
plan "host-side unit tests (tests/host)" host_tests
plan "base tree + series -> $LINUX" series
plan "patch gates: checkpatch --strict, kernel-doc" "$top/scripts/gates-static.sh" "$RESULTS"
for g in $gated; do plan_guest check "$g"; done
[ -z "$gated" ] ||
	plan "patch gates: every patch builds, sparse + W=1, uapi header test" \
		timed "build gates" env ARCHES="${gates# }" "$top/scripts/gates-build.sh" "$RESULTS"
for g in $later; do plan_guest check "$g"; done
# the unpatched kernel make demo boots second, built here once (when
# make demo's guest is one of these): the demo's client on 7.3 is a row
# of its own, and make demo after make check builds nothing
g=$(ARCHES= native_guest demo)
if [[ " $(echo $(guests_of check)) " == *" $g "* ]]; then
	plan "unpatched 7.3 tree -> ${BASE_TREE#"$top"/}" base_tree
	plan "building the unpatched 7.3 $g kernel (ccache)" base_kernel "$g"
	plan "booting $g-base guest (TCG): the 7.3 kernel, the demo's client falls back" base_demo "$g"
fi
run_plan
summary
