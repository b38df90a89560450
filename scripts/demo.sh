#!/usr/bin/env bash
# demo.sh: a DPDK-style client (demo/wc-client.c) maps an ivshmem BAR
# write-combined through VFIO_DEVICE_GET_REGION_MMAP in a guest running the
# series (ARCH=x86_64 by default, or arm64: there a KVM guest also gets the
# WC cookie mapping as a memslot), then the same client on the unpatched
# 7.3 kernel, where it falls back to the default mapping.
set -euo pipefail
. "$(dirname "$0")/env.sh"
arch=${ARCH:-x86_64}
base=$OUT/base/linux

step "[1/6] host packages"
"$top/scripts/deps.sh" >"$OUT/logs/deps.log"
step "[2/6] trees: linux/ (7.3 + series), out/base/linux (7.3 alone)"
[ -d "$LINUX/.git" ] || "$top/scripts/tree.sh" >"$OUT/logs/tree.log"
[ -d "$base/.git" ] || NO_SERIES=1 "$top/scripts/tree.sh" "$base" >"$OUT/logs/tree-base.log"
step "[3/6] building the $arch kernel with the series, the client, the initramfs (ccache)"
build_guest "$arch"
step "[4/6] booting it (QEMU TCG) and running the client"
log=$OUT/logs/demo-$arch.log
"$top/scripts/run-guest.sh" "$arch" "$kernel" "$initrd" "$log" "vfiowc.run=demo,kvm loglevel=6"
step "[5/6] building the unpatched 7.3 $arch kernel (ccache)"
base_kernel=$(LINUX=$base BUILD=$OUT/base/build "$top/scripts/build-kernel.sh" "$arch")
step "[6/6] booting it and running the same client"
base_log=$OUT/logs/demo-$arch-base.log
"$top/scripts/run-guest.sh" "$arch" "$base_kernel" "$initrd" "$base_log" "vfiowc.run=demo loglevel=6"

# report LOG: the client's output and, on arm64, the KVM memslot lines
report() {
	tr -d '\r' <"$1" >"$1.txt"
	set -- "$1.txt" "$2"
	echo "Guest kernel: $(grep -a -m1 -o 'Linux version [^ ]*' "$1") ($2)"
	awk '/^VFIOWC-RUN demo\/wc-client/ { on = 1; next }
	     /^VFIOWC-RC demo\/wc-client/ { print "  (exit status " $4 ")"; on = 0 }
	     on' "$1"
	if grep -aq '^VFIOWC-RUN kvm/arm64/vfio_bar_memattr' "$1"; then
		echo "KVM: the same BAR as a guest memslot; stage-2 type from" \
			"/sys/kernel/debug/kvm/<pid>-<fd>/stage2_page_tables:"
		sed -n 's/^# \([a-z_]*\): \(0x[0-9a-f]*-0x[0-9a-f]*\) .* \([A-Za-z/-]*\)$/  \1\t\2  \3/p' "$1" |
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
