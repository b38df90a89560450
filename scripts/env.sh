# Sourced by the scripts: paths, ccache and reproducible-build settings.
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${VFIO_WC_CACHE:-$HOME/.cache/vfio-wc}
OUT=${VFIO_WC_OUT:-$top/out}
LINUX=${LINUX:-$top/linux}
# Build trees belong to one source tree: linux/ builds in out/build,
# make check's fresh tree in out/check/build (kbuild and the selftests'
# make compare mtimes, not source paths).
BUILD=${BUILD:-$OUT/build}
mkdir -p "$OUT/logs" "$BUILD"

export CCACHE_DIR=$CACHE/ccache
export CCACHE_BASEDIR=$top
export CCACHE_NOHASHDIR=1
export CCACHE_COMPILERCHECK=content
export CCACHE_SLOPPINESS=time_macros,include_file_mtime,include_file_ctime
export KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 2026"
export KBUILD_BUILD_USER=vfio-wc KBUILD_BUILD_HOST=localhost
mkdir -p "$CCACHE_DIR"
# deps.sh installs ccache: the first run sources this before it exists
if command -v ccache >/dev/null; then
	ccache -M 8G >/dev/null
fi

JOBS=${JOBS:-$(nproc)}

# cross_compile ARCH: the CROSS_COMPILE prefix for ARCH on this host
cross_compile() {
	case "$1" in
	arm64) echo aarch64-linux-gnu- ;;
	i386) echo i686-linux-gnu- ;;
	*) echo "" ;;
	esac
}

# kmake ARCH BUILDDIR ARGS...: make in linux/ for ARCH into BUILDDIR
kmake() {
	local arch=$1 build=$2
	shift 2
	local cc
	cc="$(cross_compile "$arch")gcc"
	make -s -C "$LINUX" O="$build" ARCH="$arch" \
		CROSS_COMPILE="$(cross_compile "$arch")" CC="ccache $cc" \
		HOSTCC="ccache gcc" -j"$JOBS" "$@"
}

step() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# test_kernel ARCH: build the ARCH test kernel from $LINUX, print its image.
# The arches in CHECK_DEBUG_ARCHES (default x86_64) get the CI-affordable
# debug options of configs/check-debug.config (lockdep, kmemleak, ...).
test_kernel() {
	local frags=("$top/configs/kunit.config")
	[ -f "$top/configs/kunit-$1.config" ] && frags+=("$top/configs/kunit-$1.config")
	[[ " ${CHECK_DEBUG_ARCHES-x86_64} " == *" $1 "* ]] &&
		frags+=("$top/configs/check-debug.config")
	"$top/scripts/build-kernel.sh" "$1" "$1" "${frags[@]}"
}

# build_guest ARCH: build the ARCH test kernel from $LINUX, the selftests and
# demo programs, and the initramfs; sets $kernel and $initrd
build_guest() {
	kernel=$(test_kernel "$1")
	"$top/scripts/build-selftests.sh" "$1" >/dev/null
	initrd=$("$top/scripts/initramfs.sh" "$1")
}
