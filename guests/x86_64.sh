# guests/x86_64.sh: the x86_64 test guest.  Sourced by guest_load
# (scripts/env.sh), which sets the defaults first; every per-guest fact
# of the harness is in these files (README: "How to add a guest").

# Kernel: ARCH=, arch/<dir>, CROSS_COMPILE, the image in the build tree,
# and the fragments merged after configs/common.config and
# configs/$G_ARCH.config
G_ARCH=x86_64
G_SRCARCH=x86
G_CROSS=
G_IMAGE=arch/x86/boot/bzImage
G_CONFIGS="kunit.config kunit-x86_64.config"
# make check's kernel only (not make bench's): the CI-affordable debug subset
G_CHECK_CONFIGS="check-debug.config"
# KUnit suites the kernel built from G_CONFIGS must report at boot
G_KUNIT="vfio_mmap_cookie x86_pat_memtype_strict"

# Userland: the host's busybox and libraries (no Debian arch to fetch),
# the selftests' ARCH= and the multiarch triplet of libuuid
G_DEB_ARCH=
G_TRIPLET=x86_64-linux-gnu
G_SELFTEST_ARCH=x86_64

# QEMU, its CPU and memory, and the kernel command line; G_PACKAGES: the
# host packages it needs besides scripts/deps.sh's own (QEMU, cross
# compiler)
G_PACKAGES="qemu-system-x86"
# shellcheck disable=SC2054 # QEMU options hold commas
G_QEMU=(qemu-system-x86_64 -M q35,kernel-irqchip=split -device intel-iommu,intremap=on)
G_CPU=max
# one 1 GiB huge page for the upstream DMA tests' hugetlb_1gb cases (15
# of them skip without it); with 3G q35 has no free aligned GiB at boot
G_MEM=4G
G_APPEND="console=ttyS0 intel_iommu=on hugepagesz=1G hugepages=1"

# Tests: the tags its lines in tests/*.list may name (besides its name),
# the profiles that boot it by default, and whether the build gates build
# every patch in its kernel configuration
G_TAGS="x86"
G_PROFILES="check debug baseline demo bench dpdk"
G_GATES=1
