#!/usr/bin/env bash
# demo.sh: a DPDK-style client (demo/wc-client.c) maps an ivshmem BAR
# write-combined through VFIO_DEVICE_GET_REGION_MMAP in a guest running the
# series (ARCH, by default the guest that needs no cross compiler, or
# arm64: there a KVM guest also gets the WC cookie mapping as a memslot),
# then the same client on the unpatched 7.3 kernel, where it falls back to
# the default mapping.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
# right after make check: its tree, kernel and selftests
check_tree
arch=$(native_guest demo)
log=$OUT/logs/demo-$arch.log
base_log=$OUT/logs/demo-$arch-base.log
results_init "$OUT/results-demo.tsv"

# demo_boot KERNEL LOG APPEND: boot the guest's initramfs with KERNEL
demo_boot() {
	guest_files "$arch" || return 1
	"$top/scripts/run-guest.sh" "$arch" "$1" "$initrd" "$2" "$3 loglevel=6"
}

plan "host packages" host_deps
[ -d "$LINUX/.git" ] || plan "linux/ = 7.3 + the series" host_tree tree "$LINUX"
plan "out/base/linux = 7.3 alone" base_tree
plan "building the $arch kernel with the series (ccache)" guest_kernel "$arch"
plan "building the client and the initramfs" guest_userland "$arch"
plan "booting it (QEMU TCG) and running the client" \
	demo_boot "$BUILD/$arch/$(guest_load "$arch" && echo "$G_IMAGE")" "$log" vfiowc.run=demo,kvm
plan "building the unpatched 7.3 $arch kernel (ccache)" base_kernel "$arch"
plan "booting it and running the same client" \
	demo_boot "$BASE_BUILD/$arch/$(guest_load "$arch" && echo "$G_IMAGE")" "$base_log" vfiowc.run=demo
if ! run_plan || grep -q $'\tfail\t' "$RESULTS"; then
	summary
	exit 1
fi
[ -z "${DRY_RUN:-}" ] || exit 0

# report LOG: the client's output and, on arm64, the KVM memslot lines
report() {
	tr -d '\r' <"$1" >"$1.txt"
	set -- "$1.txt" "$2"
	echo "Guest kernel: $(grep -a -m1 -o 'Linux version [^ ]*' "$1") ($2)"
	# the client's run in /init's KTAP (tests/init): its output nested
	# with "# ", then its result line
	awk '/^# selftests: demo:wc-client:/ { on = 1; next }
	     on && /^# time / { next }
	     on && /^(not )?ok [0-9]+ demo:wc-client:/ {
		sub(/^.*demo:wc-client:[^ ]*/, ""); sub(/^ *# */, "")
		print "  (" ($0 == "" ? "exit status 0" : $0) ")"; on = 0; next }
	     on { sub(/^# /, ""); print }' "$1"
	if grep -aq '^# selftests: kvm:arm64/vfio_bar_memattr:' "$1"; then
		echo "KVM: the same BAR as a guest memslot; stage-2 type from" \
			"/sys/kernel/debug/kvm/<pid>-<fd>/stage2_page_tables:"
		sed -n 's/^# # \([a-z_]*\): \(0x[0-9a-f]*-0x[0-9a-f]*\) .* \([A-Za-z/-]*\)$/  \1\t\2  \3/p' "$1" |
			expand -t 22
	fi
}
cat <<'TXT'

What runs: demo/wc-client.c, a DPDK-style userspace driver, opens the
ivshmem device through vfio (cdev + iommufd), asks VFIO_DEVICE_GET_REGION_MMAP
for a write-combining (WC) mapping of a 256 KiB descriptor push area and a
non-cached (NC) mapping of the doorbell page after it (both in BAR2), writes
64-byte descriptors through WC, one barrier, the tail through NC, and checks
it all through the mappings and pread().  The memory type is read from the page tables
(x86: PAT bits of the PTE, PWT = WC, PCD = UC-).  On arm64 a KVM guest then
gets the BAR as a memslot, and the stage-2 dump shows what it is given.
TXT
echo
echo "==================== 7.3 + vfio-wc series ($arch) ===================="
report "$log" "with the series"
echo
echo "==================== 7.3 unpatched ($arch) ===================="
report "$base_log" "unpatched"
