#!/usr/bin/env bash
# summary.sh RESULTS [SECONDS]: per-suite table, the failures, and last the
# line "N passed, N failed, N skipped"; exits non-zero if anything failed.
set -euo pipefail
exec python3 - "$@" <<'PY'
import collections, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
secs = int(sys.argv[2]) if len(sys.argv) > 2 else 0
per = collections.defaultdict(collections.Counter)
tot = collections.Counter()
for r in rows:
    per[r[0]][r[2]] += 1
    tot[r[2]] += 1
print(f"\n{'suite':<24} {'passed':>7} {'failed':>7} {'skipped':>7}")
for s in sorted(per):
    c = per[s]
    print(f"{s:<24} {c['pass']:>7} {c['fail']:>7} {c['skip']:>7}")
fails = [r for r in rows if r[2] == "fail"]
if fails:
    print("\nfailed:")
    for r in fails:
        print(f"  {r[0]}: {r[1]}" + (f"  ({r[3]})" if len(r) > 3 and r[3] else ""))
print(f"\ntime: {secs // 60} min {secs % 60} s")
print(f"{tot['pass']} passed, {tot['fail']} failed, {tot['skip']} skipped")
sys.exit(1 if fails or not tot["pass"] else 0)
PY
