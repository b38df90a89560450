# Sourced by the profiles (check.sh, debug.sh, baseline.sh, bench.sh,
# demo.sh, guest.sh): result rows, a plan of numbered steps, and the steps
# that build, boot and parse a guest (guests/*.sh).
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# ---- result rows: out/results*.tsv, "<suite>\t<test>\t<pass|fail|skip>\t<note>"
RESULTS=/dev/null
START=$(date +%s)

# results_init FILE: rows go to FILE (emptied), build times to FILE's
# -times.tsv (build_time), the clock starts
results_init() {
	RESULTS=$1 TIMES=${1%.tsv}-times.tsv
	: >"$RESULTS"
	: >"$TIMES"
	START=$(date +%s)
}
TIMES=/dev/null

# build_time WHAT SECONDS: a build's time, summed at the end (summary)
build_time() { printf '%s\t%s\n' "$1" "$2" >>"$TIMES"; }
# timed WHAT COMMAND [ARGS...]: run COMMAND, its time a build time
timed() {
	local t0=$SECONDS rc
	"${@:2}"
	rc=$?
	build_time "$1" $((SECONDS - t0))
	return $rc
}

# record SUITE TEST pass|fail|skip [NOTE]
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" >>"$RESULTS"; }

# summary: the per-suite table, the failures and "N passed, N failed, N
# skipped"; fails if a row failed
summary() {
	[ -z "${DRY_RUN:-}" ] || return 0
	python3 "$top/scripts/summary.py" "$RESULTS" "$(($(date +%s) - START))" "$TIMES"
}

# ---- the plan: plan WHAT COMMAND [ARGS...] adds a step; run_plan runs
# them in turn as "[n/N] WHAT".  A step records its own failed rows; it
# returns non-zero only when no later step can run: that ends the plan,
# and run_plan fails.  DRY_RUN=1: list the steps, run none.
PLAN_WHAT=() PLAN_CMD=()
plan() { PLAN_WHAT+=("$1"); shift; PLAN_CMD+=("$(printf '%q ' "$@")"); }
run_plan() {
	local i n=${#PLAN_CMD[@]}
	for ((i = 0; i < n; i++)); do
		step "[$((i + 1))/$n] ${PLAN_WHAT[i]}"
		[ -z "${DRY_RUN:-}" ] || { echo "      ${PLAN_CMD[i]}"; continue; }
		eval "${PLAN_CMD[i]}" || return 1
	done
}

# ---- the guests a profile runs
# guests_of PROFILE: ARCHES if set, else the guests (not variants) whose
# G_PROFILES name PROFILE, in the order of guests/
guests_of() (
	[ -z "${ARCHES:-}" ] || { echo $ARCHES; return; }
	for f in "$top"/guests/*.sh; do
		guest_load "$(basename "$f" .sh)"
		[ -z "$G_BASE" ] && [[ " $G_PROFILES " == *" $1 "* ]] && echo "$G_NAME"
	done
)
# variants_of PROFILE GUEST: the variants that boot GUEST's kernel in PROFILE
variants_of() (
	for f in "$top"/guests/*.sh; do
		guest_load "$(basename "$f" .sh)"
		[ "$G_BASE" = "$2" ] && [[ " $G_PROFILES " == *" $1 "* ]] && echo "$G_NAME"
	done
)
# native_guest PROFILE: ARCH if set, else the first guest of PROFILE that
# needs no cross compiler
native_guest() {
	local g
	[ -z "${ARCH:-}" ] || { echo "$ARCH"; return; }
	for g in $(guests_of "$1"); do
		guest_is "$g" G_CROSS || { echo "$g"; return; }
	done
}
# guest_is GUEST VAR: is guests/GUEST.sh's VAR set?
guest_is() ( guest_load "$1" && [ -n "${!2}" ] )

# ---- what a profile changes in the guest steps (check.sh's defaults):
#   P_SUFFIX   appended to the guest's name in row suites and logs
#   P_KSUFFIX  appended to the kernel's build directory $BUILD/<guest>
#   P_CONFIGS  kernel fragments after common and <G_ARCH>.config (set but
#              empty: none; unset: G_CONFIGS, and G_CHECK_CONFIGS unless
#              NO_CHECK_DEBUG=1)
#   P_KUNIT    KUnit suites that must report (unset: G_KUNIT; "-": the
#              kernel runs no KUnit)
#   P_LISTS    the test lists /init runs (default upstream.list run.list);
#              P_BUILD_LISTS the lists whose programs are built (default all)
#   P_APPEND   more kernel arguments
#   P_KBUILD   the build root of the kernel booted (default $BUILD; the
#              initramfs is always $BUILD's)
#   P_RUN      the suites of the lists /init runs (default the guest
#              file's G_RUN: all)
P_SUFFIX= P_KSUFFIX= P_APPEND= P_LISTS="upstream.list run.list" P_BUILD_LISTS=
P_KBUILD= P_RUN=
FAILED=

# guest_kernel GUEST: build its kernel; row <guest>/build kernel
guest_kernel() {
	local g=$1 f frags=() t0 configs log=$OUT/logs/build-$1$P_SUFFIX$P_KSUFFIX.log
	guest_load "$g"
	configs=${P_CONFIGS-$G_CONFIGS}
	[ -n "${P_CONFIGS+set}${NO_CHECK_DEBUG:-}" ] || configs="$configs $G_CHECK_CONFIGS"
	for f in $configs; do frags+=("$top/configs/$f"); done
	t0=$(date +%s)
	if BUILD_LOG=$log "$top/scripts/build-kernel.sh" "$g" "$g$P_KSUFFIX" "${frags[@]}" >/dev/null; then
		record "$g$P_SUFFIX/build" kernel pass
		build_time "$g$P_SUFFIX kernel${BG_NAME:+ (background)}" $(($(date +%s) - t0))
		echo "      built in $(($(date +%s) - t0)) s"
	else
		record "$g$P_SUFFIX/build" kernel fail "${log#"$top"/}"
		FAILED="$FAILED $g"
	fi
}

# guest_userland GUEST: the programs of its test lists, its initramfs;
# row <guest>/build selftests
guest_userland() {
	local g=$1 f lists=()
	[[ " $FAILED " != *" $g "* ]] || { echo "      skipped: no $g kernel"; return 0; }
	for f in $P_BUILD_LISTS; do lists+=("$top/tests/$f"); done
	if "$top/scripts/build-selftests.sh" "$g" "${lists[@]}" >/dev/null &&
	   "$top/scripts/initramfs.sh" "$g" >/dev/null; then
		record "$g$P_SUFFIX/build" selftests pass
	else
		record "$g$P_SUFFIX/build" selftests fail "out/logs/selftests-$g.log"
		FAILED="$FAILED $g"
	fi
}

# guest_files GUEST: set $kernel and $initrd, what GUEST boots (a variant:
# its base's); fails if they were not built
guest_files() {
	guest_load "$1"
	kernel=${P_KBUILD:-$BUILD}/$G_BUILD$P_KSUFFIX/$G_IMAGE
	initrd=$BUILD/initramfs-$G_BUILD.cpio.gz
	[[ " $FAILED " != *" $G_BUILD "* ]] && [ -f "$kernel" ] && [ -f "$initrd" ]
}

# guest_boot GUEST: boot it with P_LISTS, parse its console into rows
# <guest>/console, /kunit, /<suite>
guest_boot() {
	local g=$1 label=$1$P_SUFFIX t0 log
	if ! guest_files "$g"; then
		# a base guest's build rows have failed already
		[ -z "$G_BASE" ] || record "$label/build" guest fail "no $G_BUILD kernel or initramfs"
		echo "      skipped: no $G_BUILD kernel or initramfs"
		return 0
	fi
	log=$OUT/logs/guest-$label.log
	t0=$(date +%s)
	"$top/scripts/run-guest.sh" "$g" "$kernel" "$initrd" "$log" \
		"vfiowc.list=$(tr ' ' , <<<"$P_LISTS") ${P_RUN:+vfiowc.run=$P_RUN }$P_APPEND" || true
	echo "      guest ran $(($(date +%s) - t0)) s, console in ${log#"$top"/}"
	guest_parse "$g" "$label" "$log"
}

# guest_parse GUEST LABEL LOG: rows of a console log; what the guest was
# meant to run comes from its guest file and the lists in its initramfs
guest_parse() {
	local g=$1 label=$2 log=$3 kjson=- l expect=() suites
	guest_load "$g"
	suites=${P_KUNIT-$G_KUNIT}
	[ "$suites" != - ] || suites=
	if [ "${P_KUNIT-}" != - ]; then
		kjson=$OUT/kunit-$label.json
		rm -f "$kjson"
		python3 "$LINUX/tools/testing/kunit/kunit.py" parse --json="$kjson" "$log" \
			>"$OUT/logs/kunit-$label.log" 2>&1 || true
	fi
	for l in $P_LISTS; do expect+=(--expect "$BUILD/initramfs-$G_BUILD/tests/$l"); done
	python3 "$top/tests/parse-guest.py" "$label" "$log" "$kjson" \
		--kunit "$suites" --run "${P_RUN:-$G_RUN}" "${expect[@]}" \
		>>"$RESULTS" || record "$label/console" parse fail "tests/parse-guest.py failed"
}

# plan_guest PROFILE GUEST: the steps of GUEST (a variant: its base's
# build) and of the variants PROFILE boots after it
# (with a third argument, bg: its kernel was started by bg_kernel)
plan_guest() {
	local b v
	b=$(guest_load "$2" && echo "$G_BUILD")
	if [ "${3:-}" = bg ]; then
		plan "waiting for the $b kernel (background)" bg_wait "$b-kernel"
	else
		plan "building $b kernel (ccache)" guest_kernel "$b"
	fi
	plan "building $b selftests and initramfs" guest_userland "$b"
	plan_boot "$2"
	[ "$b" != "$2" ] || for v in $(variants_of "$1" "$2"); do plan_boot "$v"; done
}
# plan_boot GUEST: the step that boots GUEST (built by an earlier step)
plan_boot() {
	local what
	what=$(guest_load "$1" && echo "${G_WHAT:-KUnit at boot, kselftests from /init}")
	plan "booting $1$P_SUFFIX guest (TCG): $what" guest_boot "$1"
}

# ---- builds in the background.  The guests under TCG leave about one of
# the two cores idle (a warm make check: 0.9 of 2 cores busy on average,
# guests most of its time); a kernel built at nice 19 meanwhile takes
# that core and yields to the foreground.  Background steps run one
# after the other, in the order they were started.
declare -A BG_PID BG_T0
BG_LAST= BG_NAME=
# bg_start NAME COMMAND [ARGS...]: run COMMAND (a function: its rows and
# build times go to the run's files) in the background at nice 19, after
# the background steps started before; its output in out/logs/bg-NAME.log
bg_start() {
	local name=$1 prev=$BG_LAST d=$OUT/logs/bg-$1
	shift
	rm -f "$d.done" "$d.failed"
	(
		trap ': >"$d.done"' EXIT
		renice -n 19 -p "$BASHPID" >/dev/null
		[ -z "$prev" ] || while [ ! -e "$OUT/logs/bg-$prev.done" ]; do sleep 1; done
		BG_NAME=$name
		"$@"
		echo "$FAILED" >"$d.failed"
	) >"$d.log" 2>&1 &
	BG_PID[$name]=$! BG_T0[$name]=$SECONDS BG_LAST=$name
	# a run that stops early still waits for what it started
	trap wait EXIT
	echo "      started in the background (nice 19), output in ${d#"$top"/}.log"
}
# bg_kernel GUEST: bg_start GUEST-kernel guest_kernel GUEST
bg_kernel() { bg_start "$1-kernel" guest_kernel "$1"; }
# bg_wait NAME: wait for it; its output, and the time waited (a build time)
bg_wait() {
	local name=$1 t0=$SECONDS d=$OUT/logs/bg-$1 rc
	[ -n "${BG_PID[$name]:-}" ] || { echo "bg_wait: $name was not started" >&2; return 1; }
	wait "${BG_PID[$name]}"
	rc=$?
	cat "$d.log"
	FAILED="$FAILED $(cat "$d.failed" 2>/dev/null)"
	echo "      waited $((SECONDS - t0)) s for it (started $((SECONDS - BG_T0[$name])) s ago)"
	build_time "$name (waited)" $((SECONDS - t0))
	return $rc
}

# ---- the unpatched 7.3 kernel: make demo's second boot, make check's
# "the client on an old kernel" boot, make baseline
BASE_TREE=$OUT/base/linux
BASE_CONFIGS=base.config
# base_tree: $BASE_TREE = 7.3 alone (scripts/tree.sh NO_SERIES=1), once
base_tree() {
	[ -d "$BASE_TREE/.git" ] || host_tree tree-base "$BASE_TREE" NO_SERIES=1
}
# base_kernel GUEST: its unpatched kernel in $BASE_BUILD, from common and
# <arch>.config and $BASE_CONFIGS, not the guest's (G_CONFIGS: KUnit
# suites of the series); row <guest>-base/build kernel
base_kernel() {
	LINUX=$BASE_TREE BUILD=$BASE_BUILD P_CONFIGS=$BASE_CONFIGS P_SUFFIX=-base guest_kernel "$1"
}
# base_tree_kernel GUEST: base_tree, then base_kernel GUEST
base_tree_kernel() { base_tree && base_kernel "$1"; }
# base_demo GUEST: boot the unpatched kernel with $BUILD's initramfs, /init
# running the demo's client only (new userspace on an old kernel: it
# must find no mmap attributes and fall back); rows <guest>-base/...
base_demo() {
	P_KBUILD=$BASE_BUILD P_KSUFFIX= P_SUFFIX=-base P_KUNIT=- P_RUN=demo \
		P_LISTS=run.list guest_boot "$1"
}

# check_tree: with no linux/ of the developer's (and no LINUX given), the
# tree and build folder of the last make check, out/linux and
# out/check/build: a kernel of the same configuration is not built twice
check_tree() {
	[ -z "$LINUX_GIVEN" ] && [ ! -d "$top/linux/.git" ] && [ -d "$top/out/linux/.git" ] ||
		return 0
	export LINUX=$top/out/linux BUILD=$top/out/check/build
}

# ---- host steps
# host_deps: the host packages (scripts/deps.sh)
host_deps() {
	"$top/scripts/deps.sh" >"$OUT/logs/deps.log" 2>&1 && return 0
	cat "$OUT/logs/deps.log"
	record host deps fail "scripts/deps.sh failed"
	return 1
}
# host_tests: the host-side unit tests (tests/host); rows host/...
host_tests() {
	python3 "$top/tests/host/run.py" "$RESULTS" ||
		record host/tests run fail "tests/host/run.py exited with an error"
}
# host_tree LOGNAME TREE [VAR=value...]: TREE = the base and the series
# (scripts/tree.sh, with the VARs); its output in out/logs/LOGNAME.log
host_tree() {
	local log=$OUT/logs/$1.log tree=$2
	shift 2
	if env "$@" "$top/scripts/tree.sh" "$tree" >"$log" 2>&1; then
		sed 's/^/      /' "$log" | tail -2
		return 0
	fi
	cat "$log"
	return 1
}

# ---- gate results kept for the same inputs, in $CACHE/gates: a gate
# that passed is not run again, like ccache keeps an object for the same
# preprocessed source; a failure is never kept.  GATES_FRESH=1 runs all.
# memo_key INPUT...: a gate's key, from text that names all it reads
# (git tree or blob ids, file hashes, tool versions)
memo_key() { printf '%s\n' "$@" | sha1sum | cut -c1-40; }
# memo_hit KEY: did the gate of KEY pass before?
memo_hit() { [ -z "${GATES_FRESH:-}" ] && [ -e "$CACHE/gates/$1" ]; }
# memo_pass KEY: it passed
memo_pass() { mkdir -p "$CACHE/gates" && : >"$CACHE/gates/$1"; }
# gate_no_new ROW KEY NEW OLD: the gate ROW over warning lists (sorted,
# line numbers dropped) of the series (NEW) and of the base (OLD) passes,
# kept under KEY, when NEW has none that OLD has not; else it fails
gate_no_new() {
	local added
	added=$(comm -23 <(echo "$3") <(echo "$4") | sed '/^$/d')
	if [ -z "$added" ]; then
		record gates "$1" pass
		memo_pass "$2"
	else
		echo "$added" | sed 's/^/      /'
		record gates "$1" fail "$(wc -l <<<"$added") new warnings"
	fi
}

# ---- the series in a tree
# touched TREE REV PATHSPEC...: the kernel-side files (not tools/, not
# Documentation/) that base..REV adds or modifies in TREE
touched() {
	git -C "$1" diff --name-only --diff-filter=AM base "$2" -- "${@:3}" |
		grep -v -e '^tools/' -e '^Documentation/' || true
}
