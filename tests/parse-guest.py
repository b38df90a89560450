#!/usr/bin/env python3
"""parse-guest.py LABEL LOG KUNIT_JSON [--kunit SUITES] [--expect LIST]...
[--run SUITES]: turn a guest console log into result rows.

Prints one tab-separated row per test: <suite> <test> <pass|fail|skip> [note],
suites named LABEL/... .  Kernel splats anywhere in the log are failures of
the row LABEL/console.  KUnit results come from 'kunit.py parse --json'
(KUNIT_JSON; "-" when the kernel runs no KUnit).  LOG "-": only the KUnit
rows.

What was meant to run and did not is a failed row: a KUnit suite of SUITES
(the guest file's G_KUNIT, blank-separated) that did not report, a
KUNIT_JSON that kunit.py did not write, a program whose device the guest
does not have (VFIOWC-NODEV), a program cut off by the guest's end, and a
program of the LISTs (the filtered lists the guest's /init read), of the
suites /init was told to run (--run: its vfiowc.run=, "none" for none),
that never started.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
import testlist  # noqa: E402


def options(argv):
    """(positional arguments, {option: [values]}) of the command line."""
    pos, opts = [], {"--kunit": [], "--expect": [], "--run": []}
    it = iter(argv)
    for a in it:
        if a in opts:
            opts[a].append(next(it))
        else:
            pos.append(a)
    return pos, opts


(arch, log, kjson), opts = options(sys.argv[1:])
text = "" if log == "-" else open(log, errors="replace").read()
rows = []

EXPECTED_KUNIT = " ".join(opts["--kunit"]).split()

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

# Programs of the lists that never started (no VFIOWC-RUN or -NODEV line):
# the guest died or timed out before them
started = set(re.findall(r"^VFIOWC-(?:RUN|NODEV) (\S+) (\S+)\s*$", text, re.M))
run = ",".join(opts["--run"])
for path in opts["--expect"]:
    for suite, prog, classes in testlist.entries(open(path).read().splitlines(), []):
        if run and suite not in run.split(","):
            continue
        for cls in classes:
            if (f"{suite}/{prog}", cls) not in started:
                rows.append((f"{arch}/{suite}", f"{prog.split('/')[-1]}[{cls}]", "fail",
                             "not run: the guest ended before it"))

for r in rows:
    print("\t".join(r))
