#!/usr/bin/env bash
# bench.sh: boot a test guest (ARCH, by default the one that needs no cross
# compiler; ARCH=arm64 too) with a 1 GiB ivshmem BAR, run demo/bench.c
# (tests/bench.list) and write the ratios to out/bench-ARCH.tsv and
# out/bench-ARCH.md.  TCG: ratios only.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
arch=$(native_guest bench)

results_init "$OUT/results-bench.tsv"
# Ratios without lockdep and kmemleak in the way
export NO_CHECK_DEBUG=1 IVSHMEM_SIZE=1G GUEST_MEM=3G
# loglevel=6 keeps KUnit's KERN_INFO report off the console: no suite is
# expected here (make check runs them)
P_SUFFIX=-bench P_LISTS=bench.list P_APPEND=loglevel=6 P_KUNIT=-

table() {
	tr -d '\r' <"$OUT/logs/guest-$arch-bench.log" | sed -n 's/^# BENCH //p' >"$OUT/bench-$arch.tsv"
	python3 "$top/scripts/bench_table.py" "$arch" "$OUT/bench-$arch.tsv" "$OUT/bench-$arch.md"
}
plan "host packages" host_deps
[ -d "$LINUX/.git" ] || plan "linux/ = 7.3 + the series" host_tree tree "$LINUX"
plan "building the $arch kernel (no lockdep, no kmemleak; ccache)" guest_kernel "$arch"
plan "building the bench and the initramfs" guest_userland "$arch"
plan "booting it with a 1 GiB ivshmem BAR and running demo/bench" guest_boot "$arch"
plan "the table: out/bench-$arch.md" table
run_plan
summary
