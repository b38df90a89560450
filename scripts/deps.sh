#!/usr/bin/env bash
# Install the host packages the build and the guests need (idempotent):
# the common ones below and each guest's G_PACKAGES (guests/*.sh: its
# QEMU and cross compiler).  Foreign-arch guest userland (busybox,
# uuid-dev) is fetched with 'apt-get download' into the cache by
# scripts/sysroot.sh, never installed.
set -euo pipefail
. "$(dirname "$0")/env.sh"

pkgs=(
	build-essential flex bison bc libelf-dev libssl-dev cpio kmod rsync
	python3 python3-ply python3-git git ccache sparse
	busybox-static uuid-dev
	zstd xz-utils
	meson python3-pyelftools codespell gawk
)
for f in "$top"/guests/*.sh; do
	guest_load "$(basename "$f" .sh)"
	read -ra more <<<"$G_PACKAGES"
	pkgs+=("${more[@]}")
done

missing=()
for p in $(printf '%s\n' "${pkgs[@]}" | sort -u); do
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
