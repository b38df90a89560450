# guests/i386.sh: a native 32-bit kernel, where vm_pgoff is 32 bits wide
# (cookie offsets must fit), on the x86_64 guest's machine.  Variables:
# see guests/x86_64.sh.
G_ARCH=i386
G_SRCARCH=x86
G_CROSS=i686-linux-gnu-
G_IMAGE=arch/x86/boot/bzImage
G_CONFIGS="kunit.config kunit-i386.config"
G_CHECK_CONFIGS=
G_KUNIT="vfio_mmap_cookie x86_pat_memtype_strict"

# busybox and libuuid from Debian's i386 packages; the selftests'
# Makefiles know x86, not i386 (CROSS_COMPILE gives the 32-bit compiler)
G_DEB_ARCH=i386
G_TRIPLET=i386-linux-gnu
G_SELFTEST_ARCH=x86

# the i686 cross compiler (gcc-multilib conflicts with
# gcc-aarch64-linux-gnu on Debian 12 and would remove it)
G_PACKAGES="qemu-system-x86 gcc-i686-linux-gnu libc6-dev-i386-cross"
# shellcheck disable=SC2054 # QEMU options hold commas
G_QEMU=(qemu-system-i386 -M q35,kernel-irqchip=split -device intel-iommu)
# QEMU's 32-bit "max" is family 6 model 6: as an AMD (Athlon) the kernel
# warns it is not SMP-capable, as an Intel (Pentium II) it disables PAT
# for an erratum; model 15 (Core 2) has neither problem.
G_CPU=max,vendor=GenuineIntel,model=15
# IRQ_REMAP is 64-bit only, so MSIs are not isolated and iommufd and type1
# refuse devices unless told otherwise.  Default vmalloc space (~120 MiB):
# a WC request on the 64 MiB ivshmem BAR must fit in it, since no page of
# a BAR is mapped twice.
G_APPEND="console=ttyS0 intel_iommu=on iommufd.allow_unsafe_interrupts=1 vfio_iommu_type1.allow_unsafe_interrupts=1"

# Its tests: the lines of tests/*.list tagged for it or not excluded
# (@!i386: what the 64-bit guests cover; README, Robustness)
G_TAGS="x86 32bit"
G_PROFILES="check"
# the build gates cover the 64-bit kernels; this guest runs after them
G_GATES=
