#!/usr/bin/env bash
# Install the host packages the build and the guests need (idempotent).
# Foreign-arch guest userland (arm64 and i386 busybox, uuid-dev) is fetched with
# 'apt-get download' into the cache by scripts/sysroot.sh, never installed.
set -euo pipefail

pkgs=(
	build-essential flex bison bc libelf-dev libssl-dev cpio kmod rsync
	python3 python3-ply python3-git git ccache sparse
	qemu-system-x86 qemu-system-arm
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	# i386 guest userland: the i686 cross compiler (gcc-multilib conflicts
	# with gcc-aarch64-linux-gnu on Debian 12 and would remove it)
	gcc-i686-linux-gnu libc6-dev-i386-cross
	busybox-static uuid-dev
	zstd xz-utils
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done

if ((${#missing[@]})); then
	echo "deps: installing ${missing[*]}"
	if [ "$(id -u)" != 0 ]; then
		echo "deps: need root to install packages" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "deps: all host packages present"
