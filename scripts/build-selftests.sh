#!/usr/bin/env bash
# build-selftests.sh GUEST [LIST...]: install the uAPI headers and build,
# statically, the programs GUEST runs from the test LISTs (default
# tests/*.list) into $BUILD/selftests/GUEST: the kselftests with their
# own Makefiles, the "demo" suite from demo/<program>.c, the "dpdk" suite's
# scripts from tests/dpdk/ (make dpdk adds the DPDK programs they run).
set -euo pipefail
. "$(dirname "$0")/env.sh"

guest_load "$1"
shift
[ $# -gt 0 ] || set -- "$top"/tests/*.list
sysroot=$("$top/scripts/sysroot.sh" "$G_NAME")
hdr=$BUILD/headers-$G_NAME
dst=$BUILD/selftests/$G_NAME
log=$OUT/logs/selftests-$G_NAME.log
libdir=$sysroot/usr/lib/$G_TRIPLET
[ -n "$G_DEB_ARCH" ] || libdir=/usr/lib/$G_TRIPLET

: >"$log"
mkdir -p "$hdr" "$dst"
kmake "$G_NAME" "$hdr" headers_install INSTALL_HDR_PATH="$hdr/usr" >>"$log" 2>&1

python3 "$top/scripts/testlist.py" targets "$G_NAME $G_TAGS" "$@" >"$dst.targets"
while read -r suite progs; do
	mkdir -p "$dst/$suite"
	if [ "$suite" = demo ]; then
		# the demo's userspace programs, built like the selftests
		for p in $progs; do
			"${G_CROSS}gcc" -O2 -Wall -static -D_FILE_OFFSET_BITS=64 \
				-isystem "$hdr/usr/include" -isystem "$sysroot/usr/include" \
				-L"$libdir" -o "$dst/demo/$p" "$top/demo/$p.c" >>"$log" 2>&1 ||
				{ tail -30 "$log" >&2; exit 1; }
		done
		continue
	fi
	if [ "$suite" = dpdk ]; then
		# scripts around the DPDK programs that make dpdk builds and
		# stages in dpdk/bin (without them they fail)
		for p in $progs; do
			install -m 755 "$top/tests/dpdk/$p" "$dst/dpdk/$p"
		done
		continue
	fi
	targets=()
	for p in $progs; do targets+=("$dst/$suite/$p"); done
	make -C "$LINUX/tools/testing/selftests/$suite" -j"$JOBS" \
		ARCH="$G_SELFTEST_ARCH" CROSS_COMPILE="$G_CROSS" CC="ccache ${G_CROSS}gcc" \
		OUTPUT="$dst/$suite" \
		KHDR_INCLUDES="-isystem $hdr/usr/include" \
		EXTRA_CFLAGS="-isystem $sysroot/usr/include" \
		LDFLAGS="-static -L$libdir" "${targets[@]}" >>"$log" 2>&1 ||
		{ tail -30 "$log" >&2; exit 1; }
done <"$dst.targets"
echo "$dst"
