#!/usr/bin/env python3
"""parse-guest.py ARCH LOG KUNIT_JSON: turn a guest console log into result rows.

Prints one tab-separated row per test: <suite> <test> <pass|fail|skip> [note].
Kernel splats anywhere in the log are failures of the row <arch>/console.
KUnit results come from 'kunit.py parse --json' (KUNIT_JSON; "-" when the
kernel runs no KUnit).  LOG "-": only the KUnit rows.

What was meant to run and did not is a failed row: a program whose device
the guest does not have (VFIOWC-NODEV), a program cut off by the guest's end,
a KUNIT_JSON that kunit.py did not write, a KUnit suite of the series that did
not report.
"""
import json
import re
import sys

arch, log, kjson = sys.argv[1], sys.argv[2], sys.argv[3]
text = "" if log == "-" else open(log, errors="replace").read()
rows = []

# The series' KUnit suites: every kernel with the series runs them at boot,
# x86 kernels the PAT one too; the nopat boot runs only that one
EXPECTED_KUNIT = {"x86_64": ["vfio_mmap_cookie", "x86_pat_memtype_strict"],
                  "i386": ["vfio_mmap_cookie", "x86_pat_memtype_strict"],
                  "x86_64-nopat": ["x86_pat_memtype_strict"]
                  }.get(arch, ["vfio_mmap_cookie"])

# Kernel reports that must never appear in a test run.
SPLATS = [
    r"------------\[ cut here \]------------",
    r"WARNING: .* at ",
    r"\bBUG: ",
    r"\bOops\b",
    r"Kernel panic",
    r"possible circular locking dependency",
    r"possible recursive locking",
    r"inconsistent lock state",
    r"suspicious RCU usage",
    r"\bKASAN\b",
    r"UBSAN:",
    r"kmemleak: \d+ new suspected memory leaks",
    r"unreferenced object 0x",
    r"general protection fault",
    r"Unable to handle kernel",
    r"rcu: INFO: .* detected stalls",
    r"INFO: task .* blocked for more than",
    r"Call Trace:",
]
splat_re = re.compile("|".join(SPLATS))
splats = [l for l in text.splitlines() if splat_re.search(l)]
# name the report by its first line that says what happened
splats.sort(key=lambda l: "cut here" in l)
if log != "-":
    if "VFIOWC-KMEMLEAK scanned" in text:
        leaks = [l for l in text.splitlines() if "unreferenced object 0x" in l]
        rows.append((f"{arch}/console", "kmemleak scan after the tests",
                     "fail" if leaks else "pass", f"{len(leaks)} leaks" if leaks else ""))
    rows.append((f"{arch}/console", "no kernel splat",
                 "fail" if splats else "pass", splats[0].strip() if splats else ""))
    done = re.search(r"^VFIOWC-DONE", text, re.M)
    rows.append((f"{arch}/console", "guest finished", "pass" if done else "fail", ""))

# KUnit (booted built-in suites), via kunit.py parse --json.
try:
    k = json.load(open(kjson))
except (OSError, ValueError):
    k = None

def kunit_cases(suite, prefix):
    for t in suite.get("sub_groups", []) or []:
        yield from kunit_cases(t, prefix + t["name"] + ".")
    for c in suite.get("test_cases", []) or []:
        yield prefix + c["name"], c["status"]

if k is not None:
    for name, status in kunit_cases(k, ""):
        r = {"PASS": "pass", "SKIP": "skip"}.get(status, "fail")
        rows.append((f"{arch}/kunit", name, r, "" if r == "pass" else status))
if kjson != "-":
    if k is None:
        rows.append((f"{arch}/kunit", "results", "fail",
                     "kunit.py parse wrote no JSON (see out/logs/kunit-*.log)"))
    else:
        names = [n for n, _ in kunit_cases(k, "")]
        for suite in EXPECTED_KUNIT:
            if not any(n.startswith(suite + ".") for n in names):
                rows.append((f"{arch}/kunit", suite, "fail",
                             "suite did not report"))

# kselftests between VFIOWC-RUN and VFIOWC-RC markers.
run_re = re.compile(r"^VFIOWC-RUN (\S+) (\S+)\s*$")
nodev_re = re.compile(r"^VFIOWC-NODEV (\S+) (\S+)\s*$")
rc_re = re.compile(r"^VFIOWC-RC (\S+) (\S+) (\d+)\s*$")
tap_re = re.compile(r"^(not ok|ok) \d+ (.*?)(?:\s+#\s*(SKIP|XFAIL|TODO)\b(.*))?$")
cur, cases = None, []
for line in text.splitlines():
    line = line.rstrip("\r")
    m = nodev_re.match(line)
    if m:
        rows.append((f"{arch}/{m.group(1).split('/')[0]}",
                     f"{m.group(1).split('/')[-1]}[{m.group(2)}]", "fail",
                     "the guest has no such device: not run"))
        continue
    m = run_re.match(line)
    if m:
        cur, cases = (m.group(1), m.group(2)), []
        continue
    if cur is None:
        continue
    m = tap_re.match(line)
    if m:
        cases.append(m.groups())
        continue
    m = rc_re.match(line)
    if m and (m.group(1), m.group(2)) == cur:
        prog, dev = cur
        suite = f"{arch}/{prog.split('/')[0]}"
        rc = int(m.group(3))
        for ok, name, directive, why in cases:
            res = "skip" if directive == "SKIP" else ("pass" if ok == "ok" else "fail")
            rows.append((suite, f"{prog.split('/')[-1]}[{dev}] {name}", res,
                         (why or "").strip()))
        if not cases:
            res = "skip" if rc == 4 else ("pass" if rc == 0 else "fail")
            rows.append((suite, f"{prog.split('/')[-1]}[{dev}]", res, f"rc={rc}"))
        elif rc not in (0, 4) and all(c[0] == "ok" for c in cases):
            rows.append((suite, f"{prog.split('/')[-1]}[{dev}] exit", "fail", f"rc={rc}"))
        cur = None
if cur is not None:
    rows.append((f"{arch}/{cur[0].split('/')[0]}", f"{cur[0]}[{cur[1]}]",
                 "fail", "no exit status (guest died or timed out)"))

for r in rows:
    print("\t".join(r))
