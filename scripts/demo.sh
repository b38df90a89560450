#!/usr/bin/env bash
# demo.sh: boot the test guest (ARCH=x86_64 by default, or arm64) from linux/
# and show the PCI devices bound to vfio-pci.  A placeholder until the
# write-combining client lands (issue: make demo).
set -euo pipefail
. "$(dirname "$0")/env.sh"
arch=${ARCH:-x86_64}

step "[1/4] host packages"
"$top/scripts/deps.sh" >"$OUT/logs/deps.log"
step "[2/4] linux/ (base + series)"
[ -d "$LINUX/.git" ] || "$top/scripts/tree.sh" >"$OUT/logs/tree.log"
step "[3/4] building $arch kernel and initramfs (ccache)"
kernel=$("$top/scripts/build-kernel.sh" "$arch" "$arch" "$top/configs/kunit.config")
"$top/scripts/build-selftests.sh" "$arch" >/dev/null
initrd=$("$top/scripts/initramfs.sh" "$arch")
step "[4/4] booting the $arch guest (TCG)"
log=$OUT/logs/demo-$arch.log
"$top/scripts/run-guest.sh" "$arch" "$kernel" "$initrd" "$log" "vfiowc.run=none"
echo
echo "Guest kernel: $(grep -m1 -o 'Linux version [^ ]*' "$log")"
echo "PCI devices bound to vfio-pci in the guest:"
sed -n 's/^VFIOWC-DEV /  /p; s/^  BAR/      BAR/p' "$log"
echo "vfio device nodes: $(grep -m1 '^/dev/vfio' "$log" || true)"
