# Sourced by the scripts: paths, ccache and reproducible-build settings.
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${VFIO_WC_CACHE:-$HOME/.cache/vfio-wc}
OUT=${VFIO_WC_OUT:-$top/out}
LINUX_GIVEN=${LINUX:+1}
export LINUX=${LINUX:-$top/linux}
# Build trees belong to one source tree: linux/ builds in out/build,
# make check's fresh tree in out/check/build (kbuild and the selftests'
# make compare mtimes, not source paths).  A kernel builds in
# $BUILD/<name>, three levels below its tree's folder, in every tree:
# linux/ in out/build/<name>, out/linux in out/check/build/<name>, the
# unpatched out/base/linux in out/base/out/build/<name> ($BASE_BUILD),
# the gates' out/gates/linux in out/gates/out/build/<name>.  ccache
# (CCACHE_BASEDIR) hashes the source paths relative to the build
# directory: "../../../linux/..." from each of them, so the trees share
# the objects their files and configuration have in common.
export BUILD=${BUILD:-$OUT/build}
BASE_BUILD=$OUT/base/out/build
mkdir -p "$OUT/logs" "$BUILD"

export CCACHE_DIR=$CACHE/ccache
export CCACHE_BASEDIR=$top
export CCACHE_NOHASHDIR=1
export CCACHE_COMPILERCHECK=content
export CCACHE_SLOPPINESS=time_macros,include_file_mtime,include_file_ctime
# depend mode: on a miss ccache takes the includes from the compiler's
# -MD output instead of running the preprocessor first (kbuild passes
# -Wp,-MMD): kernel/ and mm/ of the x86_64 test kernel (223 objects) built
# cold in 114 s instead of 169 s.  Hits need the direct mode's same
# relative paths (see BUILD above), which the trees now have.
export CCACHE_DEPEND=1
export KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 2026"
export KBUILD_BUILD_USER=vfio-wc KBUILD_BUILD_HOST=localhost
mkdir -p "$CCACHE_DIR"
# deps.sh installs ccache: the first run sources this before it exists
if command -v ccache >/dev/null; then
	ccache -M 8G >/dev/null
fi

JOBS=${JOBS:-$(nproc)}

# guest_load NAME: the G_* variables of guests/NAME.sh, over defaults.
# G_BUILD is the guest whose kernel and initramfs NAME boots: its own
# name, or G_BASE for a variant (which has no build of its own).
guest_load() {
	local f=$top/guests/$1.sh
	[ -f "$f" ] || { echo "no guest $1 (no guests/$1.sh)" >&2; return 1; }
	G_NAME=$1 G_BASE= G_ARCH= G_SRCARCH= G_CROSS= G_IMAGE= G_CONFIGS=
	G_CHECK_CONFIGS= G_KUNIT= G_DEB_ARCH= G_TRIPLET= G_SELFTEST_ARCH=
	G_QEMU=() G_CPU=max G_MEM=2G G_APPEND= G_TAGS= G_RUN= G_PROFILES= G_GATES= G_WHAT=
	G_PACKAGES=
	. "$f"
	G_BUILD=${G_BASE:-$G_NAME}
}

# kmake GUEST BUILDDIR ARGS...: make in $LINUX for GUEST's kernel into BUILDDIR
kmake() (
	guest_load "$1" || exit 1
	make -s -C "$LINUX" O="$2" ARCH="$G_ARCH" CROSS_COMPILE="$G_CROSS" \
		CC="ccache ${G_CROSS}gcc" HOSTCC="ccache gcc" -j"$JOBS" "${@:3}"
)

step() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
