#!/usr/bin/env bash
# kunit32.sh RESULTS: run the series' KUnit suites on a 32-bit kernel (i386,
# TCG), where vm_pgoff is 32 bits wide, with their .kunitconfig files.
# kunit.py tries '-accel kvm' first
# and /dev/kvm here cannot boot guests, so it runs with /dev/kvm hidden.
set -uo pipefail
. "$(dirname "$0")/env.sh"

results=$1
# the series' own .kunitconfig files, each as a --kunitconfig
kunitconfigs=()
for f in ${KUNITCONFIGS:-drivers/vfio/.kunitconfig}; do
	[ -f "$LINUX/$f" ] && kunitconfigs+=(--kunitconfig="$f")
done
[ ${#kunitconfigs[@]} -gt 0 ] || kunitconfigs=(--kunitconfig="$top/configs/kunit.config")
build=$BUILD/kunit-i386
log=$OUT/logs/kunit-i386.log
json=$OUT/kunit-i386.json
rm -f "$json"

hide_kvm='[ -e /dev/kvm ] && mount --bind /dev/null /dev/kvm; exec "$@"'
(cd "$LINUX" && timeout 1200 unshare -m sh -c "$hide_kvm" sh \
	python3 tools/testing/kunit/kunit.py run --arch=i386 \
	"${kunitconfigs[@]}" --build_dir="$build" --jobs="$JOBS" \
	--make_options="CC=ccache gcc" --make_options="HOSTCC=ccache gcc" \
	--timeout=600 --json="$json") >"$log" 2>&1
rc=$?
if [ -s "$json" ]; then
	python3 "$top/tests/parse-guest.py" i386 - "$json" >>"$results"
fi
if [ "$rc" != 0 ] && ! grep -q $'\tfail\t' <(python3 "$top/tests/parse-guest.py" i386 - "$json" 2>/dev/null); then
	printf 'i386/kunit\tkunit.py run\tfail\trc=%s, see out/logs/kunit-i386.log\n' "$rc" >>"$results"
fi
grep -E '^\[..:..:..\] (Testing complete|Elapsed)' "$log" | sed 's/^/      /'
exit 0
