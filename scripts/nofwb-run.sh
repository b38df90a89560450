#!/usr/bin/env bash
# nofwb-run.sh RESULTS: boot the arm64 test kernel and initramfs that
# arch-run.sh built on a CPU without FEAT_S2FWB (QEMU neoverse-n1: ARMv8.2,
# VHE) and run only the KVM tests, so that the stage-2 memory types are
# checked in the non-FWB MemAttr encoding too (QEMU's "max" CPU has FWB).
set -uo pipefail
. "$(dirname "$0")/env.sh"

results=$1 label=arm64-nofwb
kernel=$BUILD/arm64/arch/arm64/boot/Image
initrd=$BUILD/initramfs-arm64.cpio.gz
log=$OUT/logs/guest-$label.log
if [ ! -f "$kernel" ] || [ ! -f "$initrd" ]; then
	printf '%s\tguest\tfail\tno arm64 kernel or initramfs\n' "$label/build" >>"$results"
	exit 0
fi
t0=$(date +%s)
GUEST_CPU=neoverse-n1 "$top/scripts/run-guest.sh" arm64 "$kernel" "$initrd" \
	"$log" vfiowc.run=kvm
echo "      guest ran $(($(date +%s) - t0)) s, console in ${log#"$top"/}"
rm -f "$OUT/kunit-$label.json"
python3 "$LINUX/tools/testing/kunit/kunit.py" parse \
	--json="$OUT/kunit-$label.json" "$log" >"$OUT/logs/kunit-$label.log" 2>&1
python3 "$top/tests/parse-guest.py" "$label" "$log" "$OUT/kunit-$label.json" >>"$results"
