#!/usr/bin/env bash
# bench.sh: boot the test guest (ARCH=x86_64 by default, or arm64) with a
# 1 GiB ivshmem BAR, run demo/bench.c (tests/bench.list) and write the
# ratios to out/bench.tsv and out/bench.md.  TCG: ratios only.
set -euo pipefail
. "$(dirname "$0")/env.sh"
arch=${ARCH:-x86_64}

step "[1/3] host packages, linux/"
"$top/scripts/deps.sh" >"$OUT/logs/deps.log"
[ -d "$LINUX/.git" ] || "$top/scripts/tree.sh" >"$OUT/logs/tree.log"
step "[2/3] building the $arch kernel, the bench, the initramfs (ccache)"
# Ratios without lockdep and kmemleak in the way
export CHECK_DEBUG_ARCHES=
build_guest "$arch"
step "[3/3] booting it with a 1 GiB ivshmem BAR and running demo/bench"
log=$OUT/logs/bench-$arch.log
t0=$(date +%s)
IVSHMEM_SIZE=1G GUEST_MEM=3G "$top/scripts/run-guest.sh" "$arch" "$kernel" \
	"$initrd" "$log" "vfiowc.list=bench.list loglevel=6"
echo "      guest ran $(($(date +%s) - t0)) s, console in ${log#"$top"/}"

tr -d '\r' <"$log" | sed -n 's/^BENCH //p' >"$OUT/bench-$arch.tsv"
python3 - "$arch" "$OUT/bench-$arch.tsv" "$OUT/bench-$arch.md" <<'PY'
import sys
arch, tsv, md = sys.argv[1:]
v = dict(l.split(None, 1) for l in open(tsv) if l.strip())
v = {k: x.strip() for k, x in v.items()}
def f(k): return float(v[k]) if k in v else float("nan")
rows = [
    ("cycle 4 KiB: repeated identical request / default (get offset, mmap, touch, munmap)",
     f"{f('cycle_4k_ratio'):.3f}", "<= 1.05", f("cycle_4k_ratio") <= 1.05),
    ("cycle 4 KiB, offset got once: cookie / default (mmap, touch, munmap)",
     f"{f('cycle_4k_reuse_ratio'):.3f}", "<= 1.05", f("cycle_4k_reuse_ratio") <= 1.05),
    (f"cycle whole BAR ({v.get('bar_mib')} MiB): cookie / default",
     f"{f('cycle_bar_ratio'):.3f}", "<= 1.05", f("cycle_bar_ratio") <= 1.05),
    ("cycle 4 KiB: request, mmap, touch, munmap, release / default cycle",
     f"{f('cycle_4k_release_ratio'):.3f}", "none (reported)", True),
    ("slab growth over 100000 identical requests (kB)",
     v.get("repeat_100000_slab_kb", "?"), "<= 64",
     f("repeat_100000_slab_kb") <= 64),
    ("GET_REGION_MMAP + mmap with 1000 live cookies / with 1",
     f"{f('scale_1000_growth'):.3f}", "<= 2", f("scale_1000_growth") <= 2),
    ("GET_REGION_MMAP + mmap with 65000 live cookies / with 1",
     f"{f('scale_65000_growth'):.3f}", "<= 2", f("scale_65000_growth") <= 2),
    ("slab bytes per live cookie (65000 cookies)",
     v.get("slab_bytes_per_cookie_65000", "?"), "<= 256",
     f("slab_bytes_per_cookie_65000") <= 256),
    (f"faults to touch the whole BAR: {v.get('huge_attr')} cookie / default",
     f"{v.get('huge_faults_cookie')} / {v.get('huge_faults_default')}", "equal",
     v.get("huge_faults_cookie") == v.get("huge_faults_default")),
    (f"time to touch the whole BAR: {v.get('huge_attr')} cookie / default",
     f"{f('huge_touch_ratio'):.3f}", "<= 1.05", f("huge_touch_ratio") <= 1.05),
]
with open(md, "w") as o:
    o.write(f"{arch} guest (QEMU TCG); cycle and scaling with {v.get('attr')} cookies; median of 7 batches\n\n")
    o.write("| measure | value | target | met |\n| --- | --- | --- | --- |\n")
    for name, val, tgt, ok in rows:
        o.write(f"| {name} | {val} | {tgt} | {'yes' if ok else '**no**'} |\n")
print(open(md).read())
PY
