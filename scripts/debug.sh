#!/usr/bin/env bash
# debug.sh: the series under debug kernels.  For each of ARCHES (default
# x86_64 arm64): build the test kernel with configs/debug.config (KASAN,
# lockdep, DEBUG_ATOMIC_SLEEP, DEBUG_VM, DEBUG_OBJECTS, kmemleak), boot
# it with every test of tests/run.list, scan kmemleak after the tests, and
# fail on any report, splat or leak.  Ends with "N passed, N failed".
set -uo pipefail
. "$(dirname "$0")/env.sh"

ARCHES=${ARCHES:-x86_64 arm64}
results=$OUT/results-debug.tsv
: >"$results"
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" >>"$results"; }
start=$(date +%s)
for arch in $ARCHES; do
	label=$arch-debug
	step "$arch: building the debug kernel (ccache)"
	t0=$(date +%s)
	kernel=$("$top/scripts/build-kernel.sh" "$arch" "$label" \
		"$top/configs/kunit.config" "$top/configs/debug.config")
	if [ -z "$kernel" ]; then
		record "$label/build" kernel fail "out/logs/build-$label.log"
		continue
	fi
	record "$label/build" kernel pass
	echo "      built in $(($(date +%s) - t0)) s"
	if ! "$top/scripts/build-selftests.sh" "$arch" >/dev/null ||
	   ! initrd=$("$top/scripts/initramfs.sh" "$arch"); then
		record "$label/build" selftests fail
		continue
	fi
	step "$arch: booting it (TCG) with every test"
	log=$OUT/logs/guest-$label.log
	t0=$(date +%s)
	GUEST_TIMEOUT=${GUEST_TIMEOUT:-2400} "$top/scripts/run-guest.sh" \
		"$arch" "$kernel" "$initrd" "$log" vfiowc.timeout=900
	echo "      guest ran $(($(date +%s) - t0)) s, console in ${log#"$top"/}"
	rm -f "$OUT/kunit-$label.json"
	python3 "$LINUX/tools/testing/kunit/kunit.py" parse \
		--json="$OUT/kunit-$label.json" "$log" >"$OUT/logs/kunit-$label.log" 2>&1
	python3 "$top/tests/parse-guest.py" "$label" "$log" "$OUT/kunit-$label.json" >>"$results"
done
"$top/scripts/summary.sh" "$results" "$(($(date +%s) - start))"
