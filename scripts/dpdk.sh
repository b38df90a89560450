#!/usr/bin/env bash
# dpdk.sh: DPDK, patched to map BARs write-combined through
# VFIO_DEVICE_GET_REGION_MMAP (dpdk/patches on Debian's DPDK source), in
# the guest that needs no cross compiler (x86_64): its pci_wc_autotest
# and testpmd (tests/dpdk.list) on a kernel with the series, then on the
# unpatched 7.3 kernel, where the EAL falls back to uncached mappings.
# Ends with "N passed, N failed, N skipped".
set -uo pipefail
. "$(dirname "$0")/lib.sh"
# right after make check: its tree
check_tree
arch=$(native_guest dpdk)
base=$OUT/base/linux
results_init "$OUT/results-dpdk.tsv"
# the kernels have what the EAL needs (configs/dpdk.config) and no more;
# their builds, the DPDK programs and the initramfs under $OUT/dpdk
export BUILD=$OUT/dpdk/guest
mkdir -p "$BUILD"
P_SUFFIX=-dpdk P_KSUFFIX=-dpdk P_CONFIGS=dpdk.config P_KUNIT=-
P_LISTS=dpdk.list P_BUILD_LISTS=dpdk.list

dpdk=$top/dpdk/tree
dpdk_tree() {
	"$top/scripts/dpdk-tree.sh" "$dpdk" >"$OUT/logs/dpdk-tree.log" 2>&1 &&
		{ tail -1 "$OUT/logs/dpdk-tree.log" | sed 's/^/      /'; return 0; }
	cat "$OUT/logs/dpdk-tree.log"
	record "$arch$P_SUFFIX/build" "dpdk tree" fail "scripts/dpdk-tree.sh failed"
	return 1
}
dpdk_build() {
	if "$top/scripts/dpdk-build.sh" "$arch" >/dev/null; then
		record "$arch$P_SUFFIX/build" dpdk pass
	else
		record "$arch$P_SUFFIX/build" dpdk fail "out/logs/dpdk-build.log"
		return 1
	fi
}
base_kernel() { LINUX=$base BUILD=$BASE_BUILD P_SUFFIX=-dpdk-base guest_kernel "$arch"; }
# dpdk_boot KERNEL LABEL: boot the initramfs with KERNEL, rows LABEL/...
dpdk_boot() {
	local log=$OUT/logs/guest-$2.log t0
	guest_files "$arch" || { record "$2/build" guest fail "no kernel or initramfs"; return 0; }
	t0=$(date +%s)
	"$top/scripts/run-guest.sh" "$arch" "$1" "$initrd" "$log" \
		"vfiowc.list=$P_LISTS loglevel=6" || true
	echo "      guest ran $(($(date +%s) - t0)) s, console in ${log#"$top"/}"
	guest_parse "$arch" "$2" "$log"
}
# expect LABEL WHAT PATTERN: a row, pass if the console of LABEL has PATTERN
expect() {
	if grep -aq -- "$3" "$OUT/logs/guest-$1.log"; then
		record "$1/dpdk" "$2" pass
	else
		record "$1/dpdk" "$2" fail "no '$3' in out/logs/guest-$1.log"
	fi
}
patched() {
	dpdk_boot "$BUILD/$arch-dpdk/$(guest_load "$arch" && echo "$G_IMAGE")" "$arch-dpdk"
	expect "$arch-dpdk" "EAL maps BAR2 write-combined" 'BAR2 mapped write-combined'
	expect "$arch-dpdk" "BAR2 PTE is WC" 'BAR2 at .*: PTE memory type WC (expected WC)'
}
unpatched() {
	dpdk_boot "$BASE_BUILD/$arch-dpdk/$(guest_load "$arch" && echo "$G_IMAGE")" "$arch-dpdk-base"
	expect "$arch-dpdk-base" "EAL falls back with one line" \
		'BAR2 not write-combined: no mmap attributes in the region info'
	expect "$arch-dpdk-base" "BAR2 PTE is UC-" 'BAR2 at .*: PTE memory type UC- (expected UC-)'
}

plan "host packages" host_deps
# a dpdk/tree of the developer's is used as it is
[ -d "$dpdk/.git" ] || plan "dpdk/tree = Debian's DPDK + dpdk/patches" dpdk_tree
[ -d "$LINUX/.git" ] || plan "linux/ = 7.3 + the series" host_tree tree "$LINUX"
[ -d "$base/.git" ] || plan "out/base/linux = 7.3 alone" host_tree tree-base "$base" NO_SERIES=1
plan "building DPDK: dpdk-test, dpdk-testpmd (static, ccache)" dpdk_build
plan "building the $arch kernel with the series (ccache)" guest_kernel "$arch"
plan "the DPDK tests' initramfs" guest_userland "$arch"
plan "booting it (TCG): pci_wc_autotest, testpmd" patched
plan "building the unpatched 7.3 $arch kernel (ccache)" base_kernel
plan "booting it: the same programs" unpatched
run_plan
summary
