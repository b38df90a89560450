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

# make demo's guest, if it is one of these: its unpatched kernel is built
# here once, and booted with the demo's client (new userspace on 7.3, a
# row of its own); make demo after make check then builds nothing
demo=$(ARCHES= native_guest demo)
[[ " $(guests_of check | tr '\n' ' ') " == *" $demo "* ]] || demo=
# With guests to boot first, the kernels booted last (the guests after the
# gates, make demo's unpatched one) build in the background meanwhile
bg=
[ -z "$gated" ] || bg=bg

plan "host packages" host_deps
plan "host-side unit tests (tests/host)" host_tests
plan "base tree + series -> $LINUX" series
plan "patch gates: checkpatch --strict, kernel-doc" "$top/scripts/gates-static.sh" "$RESULTS"
if [ -n "$bg" ]; then
	for g in $later; do
		plan "building the $g kernel in the background (nice 19, ccache)" bg_kernel "$g"
	done
	[ -z "$demo" ] ||
		plan "building the unpatched 7.3 tree and $demo kernel in the background (nice 19)" \
			bg_start base-kernel base_tree_kernel "$demo"
fi
for g in $gated; do plan_guest check "$g"; done
[ -z "$gated" ] ||
	plan "patch gates: every patch builds, sparse + W=1, uapi header test" \
		timed "build gates" env ARCHES="${gates# }" "$top/scripts/gates-build.sh" "$RESULTS"
for g in $later; do plan_guest check "$g" $bg; done
if [ -n "$demo" ]; then
	if [ -n "$bg" ]; then
		plan "waiting for the unpatched 7.3 $demo kernel (background)" bg_wait base-kernel
	else
		plan "unpatched 7.3 tree -> ${BASE_TREE#"$top"/}" base_tree
		plan "building the unpatched 7.3 $demo kernel (ccache)" base_kernel "$demo"
	fi
	plan "booting $demo-base guest (TCG): the 7.3 kernel, the demo's client falls back" base_demo "$demo"
fi
run_plan
summary
