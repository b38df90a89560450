# guests/arm64.sh: the arm64 test guest, booted at EL2 so that its kernel
# runs KVM itself (VHE); the KVM selftests run there.  Variables: see
# guests/x86_64.sh.
G_ARCH=arm64
G_SRCARCH=arm64
G_CROSS=aarch64-linux-gnu-
G_IMAGE=arch/arm64/boot/Image
G_CONFIGS="kunit.config"
G_CHECK_CONFIGS=
G_KUNIT="vfio_mmap_cookie"

# busybox and libuuid from Debian's arm64 packages (scripts/sysroot.sh)
G_DEB_ARCH=arm64
G_TRIPLET=aarch64-linux-gnu
G_SELFTEST_ARCH=arm64

G_PACKAGES="qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross"
# shellcheck disable=SC2054 # QEMU options hold commas
G_QEMU=(qemu-system-aarch64 -M virt,gic-version=3,virtualization=on,iommu=smmuv3)
G_CPU=max,pauth-impdef=on
# one 1 GiB huge page for the upstream DMA tests' hugetlb_1gb cases (15
# of them skip without it), and the memory to hold it
G_MEM=3G
G_APPEND="console=ttyAMA0 hugepagesz=1G hugepages=1"

G_TAGS=
G_PROFILES="check debug baseline demo bench"
G_GATES=1
