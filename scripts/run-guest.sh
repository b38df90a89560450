#!/usr/bin/env bash
# run-guest.sh GUEST KERNEL INITRD LOG [APPEND]: boot GUEST's QEMU machine
# (TCG) with the test devices behind its vIOMMU, KERNEL and INITRD, its
# command line (guests/GUEST.sh) and APPEND; the console goes to LOG.
# Fails if the guest does not reach VFIOWC-DONE within GUEST_TIMEOUT s.
# GUEST_APPEND: more kernel arguments; GUEST_CPU, GUEST_CPUS, GUEST_MEM:
# the CPU model and the memory (default the guest file's), the CPUs.
# GUEST_QEMU_ARGS: more QEMU options (say "-d cpu_reset -D FILE" to see
# the CPU state of a silent reset).
set -euo pipefail
. "$(dirname "$0")/env.sh"

guest_load "$1"
kernel=$2 initrd=$3 log=$4 append=${5:-}
shm=/dev/shm/vfiowc-$G_NAME-$$
trap 'rm -f "$shm"' EXIT

# The test devices, by the class names of tests/*.list (and tests/init);
# GUEST_DEVICES picks some (a missing one must fail the run)
declare -A device=(
	[ivshmem]="-object memory-backend-file,id=shm0,mem-path=$shm,size=${IVSHMEM_SIZE:-64M},share=on
		-device ivshmem-plain,memdev=shm0"
	[nvme]="-drive if=none,id=nvm0,file=null-co://,format=raw -device nvme,serial=vfiowc0,drive=nvm0"
	[e1000e]="-device e1000e,netdev=n0 -netdev hubport,id=n0,hubid=0"
)
devices=()
for d in ${GUEST_DEVICES:-ivshmem nvme e1000e}; do
	read -r -d '' -a words <<<"${device[$d]:?no device class $d}" || true
	devices+=("${words[@]}")
done
[ -z "$G_RUN" ] || append="vfiowc.run=$G_RUN $append"

timeout "${GUEST_TIMEOUT:-900}" "${G_QEMU[@]}" -cpu "${GUEST_CPU:-$G_CPU}" \
	-accel tcg,thread=multi -smp "${GUEST_CPUS:-2}" -m "${GUEST_MEM:-$G_MEM}" \
	-nographic -no-reboot -monitor none -serial stdio \
	"${devices[@]}" ${GUEST_QEMU_ARGS:-} \
	-kernel "$kernel" -initrd "$initrd" -append "panic=-1 $G_APPEND $append ${GUEST_APPEND:-}" \
	</dev/null >"$log" 2>&1 || echo "qemu: exit status $?" >>"$log"
grep -q '^VFIOWC-DONE' "$log" || { echo "guest: $G_NAME did not finish (see $log)" >&2; exit 1; }
