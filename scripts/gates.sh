#!/usr/bin/env bash
# gates.sh static|build RESULTS: the patch gates, one result row each.
#   static: checkpatch --strict on every patch; kernel-doc -none -Wall on the
#           kernel files the series touches (new files clean, old files no
#           new warnings).
#   build:  every patch builds on its own (touched directories, each arch,
#           incremental on top of the test kernels' build trees); sparse
#           (C=2) and W=1 give no new warnings in the touched .c files.
# Run 'build' after the test kernels are built; it leaves the tree at HEAD.
set -uo pipefail

. "$(dirname "$0")/lib.sh"

mode=$1
RESULTS=$2
# the guests whose kernel configurations the build gates build (G_GATES)
[ -n "${ARCHES:-}" ] || for g in $(guests_of check); do
	guest_is "$g" G_GATES && ARCHES="${ARCHES:-}${ARCHES:+ }$g"
done
git_l() { git -C "$LINUX" "$@"; }
commits=$(git_l rev-list --reverse base..HEAD)
head=$(git_l rev-parse HEAD)

# kernel-side files (not tools/, not Documentation/) touched by the series
touched() { git_l diff --name-only --diff-filter=AM base HEAD -- "$@" |
	grep -v -e '^tools/' -e '^Documentation/' || true; }

# for_arch GUEST PATH: does PATH belong to GUEST's kernel build?
for_arch() {
	guest_load "$1"
	case "$2" in
	arch/"$G_SRCARCH"/*) true ;;
	arch/*) false ;;
	*) true ;;
	esac
}

if [ "$mode" = static ]; then
	np=0
	for p in "$top"/patches/[0-9]*.patch; do
		[ -e "$p" ] || continue
		case "$p" in */0000-cover-letter.patch) continue ;; esac
		np=$((np + 1))
		# spdxcheck.py needs ply: Debian's python3-ply, for /usr/bin/python3
		# FILE_PATH_CHANGES: MAINTAINERS coverage is its own gate below
		out=$(PATH=/usr/bin:$PATH "$LINUX/scripts/checkpatch.pl" --strict \
			--no-signoff --terse --show-types --ignore FILE_PATH_CHANGES \
			"$p" 2>&1)
		bad=$(grep -E ': (ERROR|WARNING|CHECK):' <<<"$out")
		if [ -z "$bad" ] && ! grep -q Traceback <<<"$out"; then
			record gates "checkpatch ${p##*/}" pass
		else
			echo "$out" | sed 's/^/      /'
			record gates "checkpatch ${p##*/}" fail "$(grep -c . <<<"$bad") reports"
		fi
	done
	[ "$np" = 0 ] && record gates "checkpatch (empty series)" pass

	# every file the series adds has a maintainer in MAINTAINERS
	for f in $(git_l diff --name-only --diff-filter=A base HEAD); do
		# capture first: grep -q would make get_maintainer.pl die of SIGPIPE
		m=$(cd "$LINUX" && scripts/get_maintainer.pl --no-git --no-git-fallback \
			-f "$f" 2>/dev/null)
		if grep -q '(maintainer:' <<<"$m"; then
			record gates "MAINTAINERS covers $f" pass
		else
			record gates "MAINTAINERS covers $f" fail "no maintainer entry"
		fi
	done

	for f in $(touched '*.c' '*.h'); do
		new=$("$LINUX/scripts/kernel-doc" -none -Wall "$LINUX/$f" 2>&1 |
			sed -E 's/:[0-9]+([: ])/\1/' | sort -u)
		old=""
		if git_l cat-file -e "base:$f" 2>/dev/null; then
			old=$(git_l show "base:$f" >"$OUT/kdoc-base.tmp" &&
				"$LINUX/scripts/kernel-doc" -none -Wall "$OUT/kdoc-base.tmp" 2>&1 |
				sed -E "s|$OUT/kdoc-base.tmp|$LINUX/$f|; s/:[0-9]+([: ])/\\1/" | sort -u)
		fi
		added=$(comm -23 <(echo "$new") <(echo "$old") | sed '/^$/d')
		if [ -z "$added" ]; then
			record gates "kernel-doc $f" pass
		else
			echo "$added" | sed 's/^/      /'
			record gates "kernel-doc $f" fail "$(wc -l <<<"$added") new warnings"
		fi
	done
	exit 0
fi

# ---- build gates ----
# the kernels whose fragment asks for CONFIG_UAPI_HEADER_TEST built it
for arch in $ARCHES; do
	guest_load "$arch"
	grep -qx CONFIG_UAPI_HEADER_TEST=y "$top/configs/$G_ARCH.config" || continue
	if [ -f "$BUILD/$arch/usr/include/linux/vfio.hdrtest" ]; then
		record gates "uapi header test (CONFIG_UAPI_HEADER_TEST)" pass
	else
		record gates "uapi header test (CONFIG_UAPI_HEADER_TEST)" fail "no usr/include/linux/vfio.hdrtest"
	fi
done
# the selftests each patch touches build for the guest that needs no cross
# compiler, against its uAPI headers
native=$(ARCH= native_guest check)

[ -n "$commits" ] || { record gates "per-patch build (empty series)" pass; exit 0; }

# The selftests' dependency files name the headers of the last commit
# built: a later run that starts at an older commit would look for
# headers that do not exist yet there (a patch adds them)
rm -rf "$BUILD/patch-selftests"
i=0
for c in $commits; do
	i=$((i + 1))
	subj=$(git_l log -1 --format=%s "$c")
	git_l checkout -q "$c"
	files=$(git_l diff --name-only "$c^" "$c")
	ok=1
	for arch in $ARCHES; do
		dirs=$(for f in $files; do
			case "$f" in tools/* | Documentation/* | MAINTAINERS) continue ;; esac
			for_arch "$arch" "$f" || continue
			case "$f" in
			include/uapi/*) echo usr/ ;;
			include/*) ;;
			*.c | */Makefile | */Kconfig) echo "$(dirname "$f")/" ;;
			esac
		done | sort -u)
		[ -n "$dirs" ] || continue
		if ! kmake "$arch" "$BUILD/$arch" olddefconfig $dirs \
			>"$OUT/logs/patch-$i-$arch.log" 2>&1; then
			ok=0
			tail -20 "$OUT/logs/patch-$i-$arch.log" | sed 's/^/      /'
		fi
	done
	# selftests the patch touches (the native guest's build)
	for d in $(echo "$files" | sed -n 's|^tools/testing/selftests/\([^/]*\)/.*|\1|p' | sort -u); do
		if ! make -C "$LINUX/tools/testing/selftests/$d" -j"$JOBS" \
			OUTPUT="$BUILD/patch-selftests/$d" \
			KHDR_INCLUDES="-isystem $BUILD/headers-$native/usr/include" \
			>"$OUT/logs/patch-$i-selftests-$d.log" 2>&1; then
			ok=0
			tail -20 "$OUT/logs/patch-$i-selftests-$d.log" | sed 's/^/      /'
		fi
	done
	if [ "$ok" = 1 ]; then
		record gates "builds: $(printf %04d $i) $subj" pass
	else
		record gates "builds: $(printf %04d $i) $subj" fail "out/logs/patch-$i-*.log"
	fi
done
git_l checkout -q "$head"
git_l checkout -q -B vfio-wc "$head" 2>/dev/null

# sparse and W=1: no new warnings in touched .c files (HEAD vs base)
warn_of() { # ARCH FILE...: sparse + W=1 warnings, line numbers dropped
	local arch=$1
	shift
	local objs=()
	for f in "$@"; do [ -f "$LINUX/$f" ] && objs+=("${f%.c}.o"); done
	[ ${#objs[@]} -gt 0 ] || return 0
	kmake "$arch" "$BUILD/$arch" C=2 W=1 "${objs[@]}" 2>&1 |
		grep -E 'warning:|error:' | sed -E 's/:[0-9]+:[0-9]+:/:/; s/:[0-9]+:/:/' | sort -u
}
for arch in $ARCHES; do
	cfiles=$(for f in $(touched '*.c'); do for_arch "$arch" "$f" && echo "$f"; done)
	[ -n "$cfiles" ] || continue
	new=$(warn_of "$arch" $cfiles)
	git_l checkout -q base
	old=$(warn_of "$arch" $cfiles)
	git_l checkout -q vfio-wc
	kmake "$arch" "$BUILD/$arch" $(for f in $cfiles; do echo "${f%.c}.o"; done) >/dev/null 2>&1
	added=$(comm -23 <(echo "$new") <(echo "$old") | sed '/^$/d')
	if [ -z "$added" ]; then
		record gates "sparse+W=1 $arch ($(wc -w <<<"$cfiles") files)" pass
	else
		echo "$added" | sed 's/^/      /'
		record gates "sparse+W=1 $arch" fail "$(wc -l <<<"$added") new warnings"
	fi
done
exit 0
