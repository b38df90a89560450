#!/usr/bin/env bash
# debug.sh: the series under debug kernels.  For each guest (ARCHES, by
# default those whose G_PROFILES name "debug"): build the test kernel with
# configs/debug.config (KASAN, lockdep, DEBUG_ATOMIC_SLEEP, DEBUG_VM,
# DEBUG_OBJECTS, kmemleak), boot it with every test of the lists, scan
# kmemleak after the tests, and fail on any report, splat or leak.  Rows
# <guest>-debug/...; ends with "N passed, N failed, N skipped".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

results_init "$OUT/results-debug.tsv"
P_SUFFIX=-debug P_KSUFFIX=-debug
P_CONFIGS="kunit.config debug.config" P_KUNIT=vfio_mmap_cookie
P_APPEND=vfiowc.timeout=900
export GUEST_TIMEOUT=${GUEST_TIMEOUT:-2400}
for g in $(guests_of debug); do
	plan "building $g debug kernel (ccache)" guest_kernel "$g"
	plan "building $g selftests and initramfs" guest_userland "$g"
	plan_boot "$g"
done
run_plan
summary
