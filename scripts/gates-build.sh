#!/usr/bin/env bash
# gates-build.sh RESULTS: the build gates, one result row each: every patch
# builds on its own (the directories it touches, in each kernel
# configuration of the guests with G_GATES), sparse (C=2) and W=1 give no
# new warnings in the touched .c files, and the uAPI header test built.
#
# They build in a tree and build directories of their own, kept between
# runs: $OUT/gates/linux, a clone that fetches $LINUX's commits and checks
# them out in turn (only the files a commit changes get new times, so the
# builds are incremental), and $OUT/gates/out/build/<guest> (at the depth
# of the test kernels' build directories: scripts/env.sh), configured from
# the test kernel's .config at each commit.  $LINUX and the test kernels'
# build trees are only read.  Run it after the test kernels are built.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

RESULTS=$1
[ -n "${ARCHES:-}" ] || for g in $(guests_of check); do
	guest_is "$g" G_GATES && ARCHES="${ARCHES:-}${ARCHES:+ }$g"
done
tree=$OUT/gates/linux
gbuild=$OUT/gates/out/build
git_g() { git -C "$tree" "$@"; }

# for_arch GUEST PATH: does PATH belong to GUEST's kernel build?
for_arch() {
	guest_load "$1"
	case "$2" in
	arch/"$G_SRCARCH"/*) true ;;
	arch/*) false ;;
	*) true ;;
	esac
}

# the kernels whose fragment asks for CONFIG_UAPI_HEADER_TEST built it
for g in $ARCHES; do
	guest_load "$g"
	grep -qx CONFIG_UAPI_HEADER_TEST=y "$top/configs/$G_ARCH.config" || continue
	if [ -f "$BUILD/$g/usr/include/linux/vfio.hdrtest" ]; then
		record gates "uapi header test (CONFIG_UAPI_HEADER_TEST)" pass
	else
		record gates "uapi header test (CONFIG_UAPI_HEADER_TEST)" fail "no usr/include/linux/vfio.hdrtest"
	fi
done

# the gates' own tree, at the series of $LINUX
[ -d "$tree/.git" ] || git clone -q --no-checkout "$LINUX" "$tree" ||
	{ record gates "gates tree $tree" fail "git clone failed"; exit 0; }
# (detached first: git refuses to fetch into the branch checked out)
git_g checkout -q --detach 2>/dev/null
git_g fetch -q -f "$LINUX" HEAD:refs/heads/series refs/tags/base:refs/tags/base ||
	{ record gates "gates tree $tree" fail "git fetch from $LINUX failed"; exit 0; }
commits=$(git_g rev-list --reverse base..series)

# the inputs every gate here shares (memo_key: scripts/lib.sh)
memo_common=$({
	cat "$0" "$top/scripts/lib.sh" "$top/scripts/env.sh" | sha1sum
	sparse --version 2>&1
	for g in $ARCHES; do
		guest_load "$g"
		echo "$g $(${G_CROSS}gcc --version | head -1)"
		sha1sum <"$BUILD/$g/.config" 2>/dev/null
	done
	git_g rev-parse "series^{tree}:include/uapi"
} | sha1sum)
memo_hits=0
[ -n "$commits" ] || { record gates "per-patch build (empty series)" pass; exit 0; }
export LINUX=$tree

# gate_make GUEST ARGS...: make in the gates' build directory of GUEST,
# with the test kernel's configuration as the tree at hand knows it.  The
# configuration is copied and olddefconfig run again only when the test
# kernel's .config or a Kconfig file changed since the last time (noted in
# .gates-config): a copy alone makes kbuild sync the configuration, about
# 7 s a call on 2 cores, and a walk of the series makes some 30 calls.
gate_make() {
	local dir=$gbuild/$1 cfg stamp
	[ -f "$BUILD/$1/.config" ] || { echo "no $1 test kernel configuration" >&2; return 1; }
	mkdir -p "$dir"
	cfg=$(sha1sum <"$BUILD/$1/.config")
	stamp=$(cat "$dir/.gates-config" 2>/dev/null)
	if ! { [ -f "$dir/.config" ] && [ "${stamp%/*}" = "$cfg" ] &&
	       git_g diff --quiet "${stamp##*/}" HEAD -- ':(glob)**/Kconfig*' 2>/dev/null; }; then
		rm -f "$dir/.gates-config"
		cp "$BUILD/$1/.config" "$dir/.config"
		kmake "$1" "$dir" olddefconfig || return
		echo "$cfg/$(git_g rev-parse HEAD)" >"$dir/.gates-config"
	fi
	# not in one make with olddefconfig: kbuild then makes the goals one
	# by one and stops at the first that fails, even with -k
	kmake "$1" "$dir" "${@:2}"
}

# the selftests each patch touches build for the guest that needs no cross
# compiler, against its uAPI headers (of the whole series); their
# dependency files would name headers a later patch adds: a fresh directory
native=$(ARCH= native_guest check)
rm -rf "$gbuild/patch-selftests"
t0=$(date +%s)
i=0
for c in $commits; do
	i=$((i + 1))
	subj=$(git_g log -1 --format=%s "$c")
	row="builds: $(printf %04d $i) $subj"
	key=$(memo_key "$memo_common" build "$(git_g rev-parse "$c^^{tree}" "$c^{tree}")")
	if memo_hit "$key"; then
		record gates "$row" pass "passed before (same trees)"
		memo_hits=$((memo_hits + 1))
		continue
	fi
	git_g checkout -q -f "$c"
	files=$(git_g diff --name-only "$c^" "$c")
	ok=1
	for g in $ARCHES; do
		dirs=$(for f in $files; do
			case "$f" in tools/* | Documentation/* | MAINTAINERS) continue ;; esac
			for_arch "$g" "$f" || continue
			case "$f" in
			include/uapi/*) echo usr/ ;;
			include/*) ;;
			*.c | */Makefile | */Kconfig) echo "$(dirname "$f")/" ;;
			esac
		done | sort -u)
		[ -n "$dirs" ] || continue
		if ! gate_make "$g" $dirs >"$OUT/logs/patch-$i-$g.log" 2>&1; then
			ok=0
			tail -20 "$OUT/logs/patch-$i-$g.log" | sed 's/^/      /'
		fi
	done
	for d in $(echo "$files" | sed -n 's|^tools/testing/selftests/\([^/]*\)/.*|\1|p' | sort -u); do
		# through ccache: the directory starts afresh every run, and
		# the KVM selftests (some 100 programs) build in full at each
		# patch that changes libvfio
		if ! make -C "$tree/tools/testing/selftests/$d" -j"$JOBS" \
			CC="ccache gcc" OUTPUT="$gbuild/patch-selftests/$d" \
			KHDR_INCLUDES="-isystem $BUILD/headers-$native/usr/include" \
			>"$OUT/logs/patch-$i-selftests-$d.log" 2>&1; then
			ok=0
			tail -20 "$OUT/logs/patch-$i-selftests-$d.log" | sed 's/^/      /'
		fi
	done
	if [ "$ok" = 1 ]; then
		record gates "$row" pass
		memo_pass "$key"
	else
		record gates "$row" fail "out/logs/patch-$i-*.log"
	fi
done

t1=$(date +%s)
echo "      every patch builds: $((t1 - t0)) s for $i patches ($memo_hits passed before with the same trees)"

# sparse and W=1: no new warnings in the touched .c files (series vs base)
warn_of() { # GUEST FILE...: sparse + W=1 warnings, line numbers dropped
	local g=$1 f objs=()
	shift
	for f in "$@"; do [ -f "$tree/$f" ] && objs+=("${f%.c}.o"); done
	[ ${#objs[@]} -gt 0 ] || return 0
	# -k: every object on both sides, whatever fails first under -j
	gate_make "$g" -k C=2 W=1 "${objs[@]}" 2>&1 |
		grep -E 'warning:|error:' | sed -E 's/:[0-9]+:[0-9]+:/:/; s/:[0-9]+:/:/' | sort -u
}
for g in $ARCHES; do
	cfiles=$(for f in $(touched "$tree" series '*.c'); do for_arch "$g" "$f" && echo "$f"; done)
	[ -n "$cfiles" ] || continue
	row="sparse+W=1 $g ($(wc -w <<<"$cfiles") files)"
	key=$(memo_key "$memo_common" sparse "$g" "$(git_g rev-parse "base^{tree}" "series^{tree}")")
	if memo_hit "$key"; then
		record gates "$row" pass "passed before (same trees)"
		continue
	fi
	git_g checkout -q -f --detach series
	new=$(warn_of "$g" $cfiles)
	git_g checkout -q -f base
	old=$(warn_of "$g" $cfiles)
	gate_no_new "$row" "$key" "$new" "$old"
done
echo "      sparse + W=1: $(($(date +%s) - t1)) s"
exit 0
