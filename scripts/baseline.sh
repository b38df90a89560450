#!/usr/bin/env bash
# baseline.sh: the upstream regression suites of tests/upstream.list (vfio
# selftests, arm64 KVM selftests) on the unpatched 7.3 kernel, built and
# booted like the test guests, so that "green with the series" can be
# compared with "green without it".  ARCHES (default x86_64 arm64).
# Ends with "N passed, N failed, N skipped".
set -uo pipefail
. "$(dirname "$0")/env.sh"

ARCHES=${ARCHES:-x86_64 arm64}
base=$OUT/base/linux
results=$OUT/results-baseline.tsv
: >"$results"
start=$(date +%s)
"$top/scripts/deps.sh" >"$OUT/logs/deps.log"
[ -d "$base/.git" ] || NO_SERIES=1 "$top/scripts/tree.sh" "$base" >"$OUT/logs/tree-base.log"
# Upstream libvfio cannot map a BAR smaller than a page (ivshmem's BAR0):
# the series' first patch, which touches tools/ only, fixes that; the
# kernel stays unpatched.
fix=$(ls "$top"/patches/*-vfio-selftests-Map-BARs-smaller-than-a-page.patch)
if ! git -C "$base" log --format=%s | grep -qxF "$(sed -n 's/^Subject: \[PATCH [0-9/]*\] //p' "$fix")"; then
	git -C "$base" -c user.name=vfio-wc -c user.email=vfio-wc@localhost am -q "$fix"
fi
[ -z "$(git -C "$base" diff --stat base -- . ':!tools')" ] ||
	{ echo "baseline: $base has kernel changes" >&2; exit 1; }
# The upstream programs of selftests.list only
list=$OUT/base/selftests.list
sed 's# arm64/vfio_bar_memattr##' "$top/tests/selftests.list" >"$list"
for arch in $ARCHES; do
	label=$arch-base
	step "$arch: unpatched 7.3 kernel, upstream selftests, initramfs (ccache)"
	if ! kernel=$(LINUX=$base BUILD=$OUT/base/build \
			"$top/scripts/build-kernel.sh" "$arch") ||
	   ! LINUX=$base BUILD=$OUT/base/build SELFTESTS_LIST=$list NO_DEMO=1 \
			"$top/scripts/build-selftests.sh" "$arch" >/dev/null ||
	   ! initrd=$(LINUX=$base BUILD=$OUT/base/build \
			"$top/scripts/initramfs.sh" "$arch"); then
		printf '%s\tbuild\tfail\tsee out/logs\n' "$label/build" >>"$results"
		continue
	fi
	step "$arch: booting it (TCG) with tests/upstream.list"
	log=$OUT/logs/guest-$label.log
	"$top/scripts/run-guest.sh" "$arch" "$kernel" "$initrd" "$log" \
		vfiowc.list=upstream.list
	python3 "$top/tests/parse-guest.py" "$label" "$log" - >>"$results"
done
"$top/scripts/summary.sh" "$results" "$(($(date +%s) - start))"
