#!/usr/bin/env python3
"""summary.py RESULTS [SECONDS [TIMES]]: the per-suite table of a results
file (rows "<suite>\\t<test>\\t<pass|fail|skip>\\t<note>"), the failures,
the build times of TIMES (rows "<what>\\t<seconds>": the kernels and the
build gates; background builds apart) and their sum, and last the line "N passed, N failed, N
skipped"; exits 1 if a row failed or none passed."""
import collections
import sys


def read(path):
    """The rows of a results file, as lists of fields."""
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def build_times(times):
    """The line of the build times @times ([what, seconds] rows), or None.
    Builds in the background ("... (background)") are not in the total:
    the time the run waited for them is ("... (waited)")."""
    if not times:
        return None
    fg = [t for t in times if not t[0].endswith(" (background)")]
    bg = [t for t in times if t[0].endswith(" (background)")]
    line = ("build time: " + ", ".join(f"{t[0]} {t[1]} s" for t in fg)
            + f"; total {sum(int(t[1]) for t in fg)} s")
    if bg:
        line += ("; in the background, not in the total: "
                 + ", ".join(f"{t[0][:-len(' (background)')]} {t[1]} s" for t in bg))
    return line


def summarize(rows, secs=0, times=()):
    """(text, exit status) of the summary of @rows after @secs seconds,
    with the build times @times."""
    per = collections.defaultdict(collections.Counter)
    tot = collections.Counter()
    for r in rows:
        per[r[0]][r[2]] += 1
        tot[r[2]] += 1
    out = [f"\n{'suite':<24} {'passed':>7} {'failed':>7} {'skipped':>7}"]
    for s in sorted(per):
        c = per[s]
        out.append(f"{s:<24} {c['pass']:>7} {c['fail']:>7} {c['skip']:>7}")
    fails = [r for r in rows if r[2] == "fail"]
    if fails:
        out.append("\nfailed:")
        for r in fails:
            out.append(f"  {r[0]}: {r[1]}" + (f"  ({r[3]})" if len(r) > 3 and r[3] else ""))
    out.append("")
    if build_times(times):
        out.append(build_times(times))
    out.append(f"time: {secs // 60} min {secs % 60} s")
    out.append(f"{tot['pass']} passed, {tot['fail']} failed, {tot['skip']} skipped")
    return "\n".join(out), 1 if fails or not tot["pass"] else 0


def main(argv):
    times = read(argv[2]) if len(argv) > 2 else ()
    text, status = summarize(read(argv[0]), int(argv[1]) if len(argv) > 1 else 0, times)
    print(text)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
