#!/usr/bin/env bash
# build-kernel.sh ARCH [NAME [FRAGMENT...]]: allnoconfig + configs/common.config
# + configs/ARCH.config + FRAGMENTs, built into out/build/NAME (default ARCH).
set -euo pipefail
. "$(dirname "$0")/env.sh"

arch=$1
name=${2:-$arch}
shift $(($# > 1 ? 2 : 1))
build=$BUILD/$name
log=$OUT/logs/build-$name.log
frags=("$top/configs/common.config" "$top/configs/$arch.config" "$@")

mkdir -p "$build"
: >"$log"
kmake "$arch" "$build" allnoconfig >>"$log" 2>&1
(cd "$LINUX" && ARCH=$arch CROSS_COMPILE=$(cross_compile "$arch") \
	scripts/kconfig/merge_config.sh -m -O "$build" "$build/.config" "${frags[@]}") \
	>>"$log" 2>&1
kmake "$arch" "$build" olddefconfig >>"$log" 2>&1

# Every option a fragment asks for must survive olddefconfig.
bad=0
for f in "${frags[@]}"; do
	while IFS= read -r line; do
		case "$line" in CONFIG_*=*) ;; *) continue ;; esac
		grep -qxF "$line" "$build/.config" ||
			{ echo "config: $line (from ${f##*/}) did not stick" >&2; bad=1; }
	done <"$f"
done
[ "$bad" = 0 ] || exit 1

case $arch in
x86_64|i386) img=arch/x86/boot/bzImage ;;
arm64) img=arch/arm64/boot/Image ;;
*) img=vmlinux ;;
esac
kmake "$arch" "$build" "${img#arch/*/boot/}" >>"$log" 2>&1 ||
	{ tail -30 "$log" >&2; exit 1; }
echo "$build/$img"
