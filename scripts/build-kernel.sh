#!/usr/bin/env bash
# build-kernel.sh GUEST [NAME [FRAGMENT...]]: allnoconfig +
# configs/common.config + configs/<G_ARCH>.config + FRAGMENTs, built into
# $BUILD/NAME (default GUEST); prints the path of the kernel image.  Its
# log: BUILD_LOG, default out/logs/build-NAME.log.
set -euo pipefail
. "$(dirname "$0")/env.sh"

guest_load "$1"
name=${2:-$1}
shift $(($# > 1 ? 2 : 1))
build=$BUILD/$name
log=${BUILD_LOG:-$OUT/logs/build-$name.log}
frags=("$top/configs/common.config" "$top/configs/$G_ARCH.config" "$@")

mkdir -p "$build"
: >"$log"
kmake "$G_NAME" "$build" allnoconfig >>"$log" 2>&1
(cd "$LINUX" && ARCH=$G_ARCH CROSS_COMPILE=$G_CROSS \
	scripts/kconfig/merge_config.sh -m -O "$build" "$build/.config" "${frags[@]}") \
	>>"$log" 2>&1
kmake "$G_NAME" "$build" olddefconfig >>"$log" 2>&1

# Every option the fragments ask for must survive olddefconfig: its last
# line among them ("CONFIG_X=v", or "# CONFIG_X is not set": neither y
# nor m), as a later fragment may override an earlier one
declare -A want from
for f in "${frags[@]}"; do
	while IFS= read -r line; do
		case "$line" in
		CONFIG_*=*) sym=${line%%=*} ;;
		"# CONFIG_"*" is not set") sym=${line#\# }; sym=${sym%% *} ;;
		*) continue ;;
		esac
		want[$sym]=$line from[$sym]=${f##*/}
	done <"$f"
done
bad=0
for sym in "${!want[@]}"; do
	line=${want[$sym]}
	case "$line" in
	"#"*) ! grep -qE "^$sym=[ym]\$" "$build/.config" ;;
	*) grep -qxF "$line" "$build/.config" ;;
	esac || { echo "config: $line (from ${from[$sym]}) did not stick" >&2; bad=1; }
done
[ "$bad" = 0 ] || exit 1

kmake "$G_NAME" "$build" "${G_IMAGE##*/}" >>"$log" 2>&1 ||
	{ tail -30 "$log" >&2; exit 1; }
echo "$build/$G_IMAGE"
