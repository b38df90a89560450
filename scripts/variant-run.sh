#!/usr/bin/env bash
# variant-run.sh RESULTS LABEL ARCH APPEND: boot the ARCH test kernel and
# initramfs that arch-run.sh built once more, with kernel arguments APPEND
# (and the CPU in GUEST_CPU, if set), and record its rows as LABEL.  The
# variants check what one boot cannot: the arm64 stage-2 memory types on a
# CPU without FEAT_S2FWB, the x86 strict memtype reservation without PAT.
set -uo pipefail
. "$(dirname "$0")/env.sh"

results=$1 label=$2 arch=$3 append=$4
case $arch in
arm64) kernel=$BUILD/$arch/arch/arm64/boot/Image ;;
*) kernel=$BUILD/$arch/arch/x86/boot/bzImage ;;
esac
initrd=$BUILD/initramfs-$arch.cpio.gz
log=$OUT/logs/guest-$label.log
if [ ! -f "$kernel" ] || [ ! -f "$initrd" ]; then
	printf '%s\tguest\tfail\tno %s kernel or initramfs\n' "$label/build" "$arch" >>"$results"
	exit 0
fi
t0=$(date +%s)
"$top/scripts/run-guest.sh" "$arch" "$kernel" "$initrd" "$log" "$append"
echo "      guest ran $(($(date +%s) - t0)) s, console in ${log#"$top"/}"
rm -f "$OUT/kunit-$label.json"
python3 "$LINUX/tools/testing/kunit/kunit.py" parse \
	--json="$OUT/kunit-$label.json" "$log" >"$OUT/logs/kunit-$label.log" 2>&1
python3 "$top/tests/parse-guest.py" "$label" "$log" "$OUT/kunit-$label.json" >>"$results"
