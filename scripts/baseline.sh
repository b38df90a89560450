#!/usr/bin/env bash
# baseline.sh: the upstream regression suites of tests/upstream.list (vfio
# selftests, arm64 KVM selftests) on the unpatched 7.3 kernel, built and
# booted like the test guests (ARCHES, by default those whose G_PROFILES
# name "baseline"), so that "green with the series" can be compared with
# "green without it".  Rows <guest>-base/...; ends with "N passed, N
# failed, N skipped".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

base=$BASE_TREE
results_init "$OUT/results-baseline.tsv"
# Upstream libvfio cannot map a BAR smaller than a page (ivshmem's BAR0):
# the series' first patch, which touches tools/ only, fixes that; the
# kernel stays unpatched.
baseline_tree() {
	base_tree || return 1
	local fix
	fix=$(ls "$top"/patches/*-vfio-selftests-Map-BARs-smaller-than-a-page.patch)
	if ! git -C "$base" log --format=%s | grep -qxF "$(sed -n 's/^Subject: \[PATCH [0-9/]*\] //p' "$fix")"; then
		git -C "$base" -c user.name=vfio-wc -c user.email=vfio-wc@localhost am -q "$fix"
	fi
	[ -z "$(git -C "$base" diff --stat base -- . ':!tools')" ] ||
		{ echo "baseline: $base has kernel changes" >&2; record baseline tree fail "kernel changes"; return 1; }
}

# The unpatched kernels (base_kernel's configuration: no KUnit suites of
# the series), the programs of upstream.list only, built from and into
# the base tree
export LINUX=$base BUILD=$BASE_BUILD
mkdir -p "$BUILD"
P_SUFFIX=-base P_CONFIGS=$BASE_CONFIGS P_KUNIT=- P_LISTS=upstream.list P_BUILD_LISTS=upstream.list
plan "host packages" host_deps
plan "unpatched 7.3 tree (+ the libvfio fix) -> $base" baseline_tree
for g in $(guests_of baseline); do
	plan "$g: unpatched 7.3 kernel (ccache)" guest_kernel "$g"
	plan "$g: upstream selftests, initramfs" guest_userland "$g"
	plan "$g: booting it (TCG) with tests/upstream.list" guest_boot "$g"
done
run_plan
summary
