#!/usr/bin/env bash
# arch-run.sh ARCH RESULTS [STEP NSTEPS]: build the ARCH test kernel, the
# selftests and the initramfs from $LINUX, boot the guest, and append its
# result rows (console, KUnit, kselftests) to RESULTS.
set -uo pipefail
. "$(dirname "$0")/env.sh"

arch=$1 results=$2 n=${3:-0} nsteps=${4:-3}
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" >>"$results"; }
next() { n=$((n + 1)); step "[$n/$nsteps] $*"; }

next "building $arch kernel (ccache)"
t0=$(date +%s)
kernel=$(test_kernel "$arch")
if [ -z "$kernel" ]; then
	record "$arch/build" kernel fail "out/logs/build-$arch.log"
	exit 0
fi
record "$arch/build" kernel pass
echo "      built in $(($(date +%s) - t0)) s"

next "building $arch selftests and initramfs"
if ! "$top/scripts/build-selftests.sh" "$arch" >/dev/null ||
   ! initrd=$("$top/scripts/initramfs.sh" "$arch"); then
	record "$arch/build" selftests fail "out/logs/selftests-$arch.log"
	exit 0
fi
record "$arch/build" selftests pass

next "booting $arch guest (TCG): KUnit at boot, kselftests from /init"
log=$OUT/logs/guest-$arch.log
t0=$(date +%s)
"$top/scripts/run-guest.sh" "$arch" "$kernel" "$initrd" "$log"
echo "      guest ran $(($(date +%s) - t0)) s, console in ${log#"$top"/}"
rm -f "$OUT/kunit-$arch.json"
python3 "$LINUX/tools/testing/kunit/kunit.py" parse \
	--json="$OUT/kunit-$arch.json" "$log" >"$OUT/logs/kunit-$arch.log" 2>&1
python3 "$top/tests/parse-guest.py" "$arch" "$log" "$OUT/kunit-$arch.json" >>"$results"
