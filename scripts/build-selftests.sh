#!/usr/bin/env bash
# build-selftests.sh ARCH: install the uAPI headers and build the kselftests
# the guests run (tests/selftests.list), statically, into out/selftests/ARCH.
set -euo pipefail
. "$(dirname "$0")/env.sh"

arch=$1
sysroot=$("$top/scripts/sysroot.sh" "$arch")
hdr=$BUILD/headers-$arch
dst=$BUILD/selftests/$arch
log=$OUT/logs/selftests-$arch.log
cross=$(cross_compile "$arch")
# the selftests' ARCH: their Makefiles know x86, not i386 (CROSS_COMPILE
# gives the 32-bit compiler)
starch=$arch
case $arch in
arm64) libdir=$sysroot/usr/lib/aarch64-linux-gnu ;;
i386) libdir=$sysroot/usr/lib/i386-linux-gnu starch=x86 ;;
*) libdir=/usr/lib/x86_64-linux-gnu ;;
esac

: >"$log"
mkdir -p "$hdr" "$dst"
kmake "$arch" "$hdr" headers_install INSTALL_HDR_PATH="$hdr/usr" >>"$log" 2>&1

# tests/selftests.list: "<dir under tools/testing/selftests>[@arch] [programs]"
while read -r dir progs; do
	case "$dir" in ''|'#'*) continue ;; esac
	case "$dir" in *@*) [ "${dir#*@}" = "$arch" ] || continue; dir=${dir%@*} ;; esac
	targets=
	for p in $progs; do targets="$targets $dst/$dir/$p"; done
	mkdir -p "$dst/$dir"
	make -C "$LINUX/tools/testing/selftests/$dir" -j"$JOBS" \
		ARCH="$starch" CROSS_COMPILE="$cross" OUTPUT="$dst/$dir" \
		KHDR_INCLUDES="-isystem $hdr/usr/include" \
		EXTRA_CFLAGS="-isystem $sysroot/usr/include" \
		LDFLAGS="-static -L$libdir" $targets >>"$log" 2>&1 ||
		{ tail -30 "$log" >&2; exit 1; }
done <"${SELFTESTS_LIST:-$top/tests/selftests.list}"
# The demo's userspace driver (demo/*.c), built like the selftests; not
# against an unpatched tree (NO_DEMO=1): they need the series' uAPI
[ -n "${NO_DEMO:-}" ] && { echo "$dst"; exit 0; }
mkdir -p "$dst/demo"
for c in "$top"/demo/*.c; do
	"${cross}gcc" -O2 -Wall -static -D_FILE_OFFSET_BITS=64 -isystem "$hdr/usr/include" \
		-isystem "$sysroot/usr/include" -L"$libdir" \
		-o "$dst/demo/$(basename "$c" .c)" "$c" >>"$log" 2>&1 ||
		{ tail -30 "$log" >&2; exit 1; }
done
echo "$dst"
