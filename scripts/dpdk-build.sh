#!/usr/bin/env bash
# dpdk-build.sh GUEST: build dpdk/tree statically for GUEST's userland
# (the guest that needs no cross compiler: x86_64) with only what the
# tests use: the PCI bus, the e1000 PMD, dpdk-test and dpdk-testpmd, into
# $OUT/dpdk/build; stage the two programs, stripped, in
# $BUILD/selftests/GUEST/dpdk/bin, where tests/dpdk/* find them in the
# guest.
set -euo pipefail
. "$(dirname "$0")/env.sh"

guest_load "$1"
tree=${DPDK_TREE:-$top/dpdk/tree}
build=$OUT/dpdk/build
log=$OUT/logs/dpdk-build.log
dst=$BUILD/selftests/$G_NAME/dpdk/bin
# Debian's python3 (meson's), not another one earlier in PATH: DPDK's
# build scripts import elftools (python3-pyelftools)
export PATH=/usr/bin:$PATH CC="ccache gcc"

: >"$log"
if [ ! -f "$build/build.ninja" ]; then
	# generic: no -march=native (TCG's CPU has less than the host's);
	# every optional library off (DPDK's minimal configuration), the
	# mandatory ones on
	meson setup "$build" "$tree" -Ddefault_library=static \
		-Dprefer_static=true -Dc_link_args=-static -Dplatform=generic \
		-Dbuildtype=release -Ddeveloper_mode=disabled \
		-Ddisable_libs='*' -Denable_drivers=bus/pci,bus/vdev,mempool/ring,net/e1000 \
		-Denable_apps=test-pmd -Dtests=true -Dexamples= \
		-Denable_docs=false -Denable_kmods=false -Dmax_lcores=16 >>"$log" 2>&1 ||
		{ tail -30 "$log" >&2; exit 1; }
fi
ninja -C "$build" app/test/dpdk-test app/dpdk-testpmd >>"$log" 2>&1 ||
	{ tail -30 "$log" >&2; exit 1; }
mkdir -p "$dst"
strip -o "$dst/dpdk-test" "$build/app/test/dpdk-test"
strip -o "$dst/dpdk-testpmd" "$build/app/dpdk-testpmd"
ls -l "$dst" >>"$log"
echo "$dst"
