#!/usr/bin/env python3
"""bench_table.py ARCH TSV MD: the table of make bench from the guest's
"BENCH <key> <value>" lines (TSV: "<key> <value>" per line), written to MD
and printed.  Times come from a TCG guest: ratios only."""
import sys


def values(lines):
    """{key: value} of "<key> <value>" lines."""
    v = dict(line.split(None, 1) for line in lines if line.strip())
    return {k: x.strip() for k, x in v.items()}


def rows(v):
    """(measure, value, target, met) of each row of the table."""
    def f(k):
        return float(v[k]) if k in v else float("nan")
    return [
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


def table(arch, v):
    """The Markdown text of the table for guest @arch and values @v."""
    out = [f"{arch} guest (QEMU TCG); cycle and scaling with {v.get('attr')} cookies;"
           " median of 7 batches\n",
           "| measure | value | target | met |", "| --- | --- | --- | --- |"]
    for name, val, tgt, ok in rows(v):
        out.append(f"| {name} | {val} | {tgt} | {'yes' if ok else '**no**'} |")
    return "\n".join(out) + "\n"


def main(argv):
    arch, tsv, md = argv
    with open(tsv) as f:
        text = table(arch, values(f))
    with open(md, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main(sys.argv[1:])
