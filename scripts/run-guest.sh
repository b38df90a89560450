#!/usr/bin/env bash
# run-guest.sh ARCH KERNEL INITRD LOG [APPEND]: boot a TCG guest with the test
# devices behind a vIOMMU; the console goes to LOG.  Fails if the guest does
# not reach VFIOWC-DONE within GUEST_TIMEOUT seconds.
set -euo pipefail
. "$(dirname "$0")/env.sh"

arch=$1 kernel=$2 initrd=$3 log=$4 append=${5:-}
shm=/dev/shm/vfiowc-$arch-$$
trap 'rm -f "$shm"' EXIT

devices=(
	-object "memory-backend-file,id=shm0,mem-path=$shm,size=${IVSHMEM_SIZE:-64M},share=on"
	-device ivshmem-plain,memdev=shm0
	-drive if=none,id=nvm0,file=null-co://,format=raw
	-device nvme,serial=vfiowc0,drive=nvm0
	-device e1000e,netdev=n0 -netdev hubport,id=n0,hubid=0
)
case $arch in
x86_64)
	qemu=(qemu-system-x86_64 -M q35,kernel-irqchip=split -cpu max
		-device intel-iommu,intremap=on)
	append="console=ttyS0 intel_iommu=on $append"
	;;
i386)
	# a native 32-bit kernel (32-bit vm_pgoff) on the x86_64 guest's machine;
	# /init runs tests/i386.list unless APPEND names another list.  QEMU's
	# 32-bit "max" is family 6 model 6: as an AMD (Athlon) the kernel warns
	# it is not SMP-capable, as an Intel (Pentium II) it disables PAT for an
	# erratum; model 15 (Core 2) has neither problem.  IRQ_REMAP is 64-bit
	# only, so MSIs are not isolated and iommufd and type1 refuse devices
	# unless told otherwise.
	qemu=(qemu-system-i386 -M q35,kernel-irqchip=split
		-cpu max,vendor=GenuineIntel,model=15 -device intel-iommu)
	# default vmalloc space (~120 MiB): a WC request on the 64 MiB ivshmem
	# BAR must fit in it, since no page of a BAR is mapped twice
	append="vfiowc.list=i386.list $append"
	append="iommufd.allow_unsafe_interrupts=1 vfio_iommu_type1.allow_unsafe_interrupts=1 $append"
	append="console=ttyS0 intel_iommu=on $append"
	;;
arm64)
	qemu=(qemu-system-aarch64 -M virt,gic-version=3,virtualization=on,iommu=smmuv3
		-cpu "${GUEST_CPU:-max,pauth-impdef=on}")
	append="console=ttyAMA0 $append"
	;;
esac

timeout "${GUEST_TIMEOUT:-900}" "${qemu[@]}" -accel tcg,thread=multi \
	-smp "${GUEST_CPUS:-2}" -m "${GUEST_MEM:-2G}" \
	-nographic -no-reboot -monitor none -serial stdio \
	"${devices[@]}" \
	-kernel "$kernel" -initrd "$initrd" -append "panic=-1 $append" \
	</dev/null >"$log" 2>&1 || true
grep -q '^VFIOWC-DONE' "$log" || { echo "guest: $arch did not finish (see $log)" >&2; exit 1; }
