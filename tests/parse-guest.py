#!/usr/bin/env python3
"""parse-guest.py LABEL LOG KUNIT_JSON [--kunit SUITES] [--expect LIST]...
[--run SUITES]: turn a guest console log into result rows.

Prints one tab-separated row per test: <suite> <test> <pass|fail|skip> [note],
suites named LABEL/... .  Kernel splats anywhere in the log are failures of
the row LABEL/console.  KUnit results come from 'kunit.py parse --json'
(KUNIT_JSON; "-" when the kernel runs no KUnit).  LOG "-": only the KUnit
rows.  The kselftests come from the KTAP document /init prints (tests/init:
"TAP version 13", a plan of every run, each program's own KTAP nested with
"# " as kselftest's runner.sh nests it, "ok/not ok <n> <suite>:<program>:
<class>"): a row per nested result, or per program when it printed none.

What was meant to run and did not is a failed row: a KUnit suite of SUITES
(the guest file's G_KUNIT, blank-separated) that did not report, a
KUNIT_JSON that kunit.py did not write, a program whose device the guest
does not have ("not ok ... # device <class> missing"), a program cut off by
the guest's end (a "# selftests:" line and no result), fewer results than
the plan ("kselftest plan"), and a program of the LISTs (the filtered lists
the guest's /init read), of the suites /init was told to run (--run: its
vfiowc.run=, "none" for none), that never started.
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

# kselftests: the KTAP document /init prints (tests/init): a plan, then per
# run "# selftests: <name> [<BDF>]", the program's own KTAP nested with "# "
# and "ok/not ok <n> <name> [# directive]", <name> <suite>:<program>:<class>.
# Other lines (kernel messages) are no part of it.
TOP_VERSION = re.compile(r"^TAP version \d+\s*$")
TOP_PLAN = re.compile(r"^1\.\.(\d+)")
START = re.compile(r"^# selftests: ([^:\s]+):(\S+):([^:\s]+)(?: (\S+))?\s*$")
RESULT = re.compile(r"^(not ok|ok) \d+ ([^:\s]+):(\S+):([^:\s#]+)(?:\s+#\s*(.*?))?\s*$")
NESTED = re.compile(r"^# (.*)$")
tap_re = re.compile(r"^(not ok|ok) \d+ (.*?)(?:\s+#\s*(SKIP|XFAIL|TODO)\b(.*))?$")
skip_all_re = re.compile(r"^1\.\.0\s*#\s*SKIP\b\s*(.*)$")


def exit_note(ok, directive, skip_why):
    """The note of a program's own row: its exit, as the directive says."""
    if directive.startswith("SKIP"):
        return skip_why or "rc=4"
    if ok == "ok":
        return "rc=0"
    return directive.replace("exit=", "rc=") or "not ok"


def case_rows(suite, test, cases):
    """Rows of the nested results @cases of program run @test."""
    return [(suite, f"{test} {name}",
             "skip" if directive == "SKIP" else ("pass" if ok == "ok" else "fail"),
             (why or "").strip()) for ok, name, directive, why in cases]


def kselftest_rows(lines):
    """(rows, {(suite/program, class) started or reported}) of the KTAP
    document in @lines, the first unindented "TAP version" line on (KUnit
    prints "KTAP version 1")."""
    out, started = [], set()
    top = next((i for i, l in enumerate(lines) if TOP_VERSION.match(l)), None)
    if top is None:
        return out, started
    plan, results = None, 0
    cur, cases, skip_why = None, [], ""
    for line in lines[top + 1:]:
        m = TOP_PLAN.match(line)
        if m and plan is None:
            plan = int(m.group(1))
            continue
        m = START.match(line)
        if m:
            cur, cases, skip_why = (f"{m.group(1)}/{m.group(2)}", m.group(3)), [], ""
            started.add(cur)
            continue
        m = RESULT.match(line)
        if m:
            ok, sname, prog, dev, directive = m.groups()
            directive = directive or ""
            results += 1
            key = (f"{sname}/{prog}", dev)
            started.add(key)
            if cur != key:      # no "# selftests:" line: nothing nested
                cases, skip_why = [], ""
            suite, test = f"{arch}/{sname}", f"{prog.split('/')[-1]}[{dev}]"
            if re.match(r"device \S+ missing", directive):
                out.append((suite, test, "fail", "the guest has no such device: not run"))
            else:
                out += case_rows(suite, test, cases)
                res = ("skip" if directive.startswith("SKIP")
                       else "pass" if ok == "ok" else "fail")
                if not cases:
                    out.append((suite, test, res, exit_note(ok, directive, skip_why)))
                elif res == "fail" and all(c[0] == "ok" for c in cases):
                    out.append((suite, f"{test} exit", "fail",
                                exit_note(ok, directive, skip_why)))
            cur = None
            continue
        m = NESTED.match(line)
        if m and cur is not None:
            c = tap_re.match(m.group(1))
            if c:
                cases.append(c.groups())
            c = skip_all_re.match(m.group(1))
            if c:
                skip_why = c.group(1).strip()
    if cur is not None:     # cut off: what it reported, and that it ended no more
        suite = f"{arch}/{cur[0].split('/')[0]}"
        out += case_rows(suite, f"{cur[0].split('/')[-1]}[{cur[1]}]", cases)
        out.append((suite, f"{cur[0]}[{cur[1]}]",
                    "fail", "no exit status (guest died or timed out)"))
    out.append((f"{arch}/console", "kselftest plan",
                 "pass" if results == plan else "fail",
                 "" if results == plan else f"{results} results, plan 1..{plan}"))
    return out, started


ks_rows, started = kselftest_rows([l.rstrip("\r") for l in text.splitlines()])
rows += ks_rows

# Programs of the lists that never started (no "# selftests:" or result
# line): the guest died or timed out before them
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
