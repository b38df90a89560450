#!/usr/bin/env python3
"""run.py RESULTS: run the host-side unit tests (tests/host/test_*.py) and
append one row per test to RESULTS: host/<module> <test> <pass|fail> [why]."""
import os
import sys
import unittest

here = os.path.dirname(os.path.abspath(__file__))


def cases(suite):
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            yield from cases(t)
        else:
            yield t


def main():
    tests = list(cases(unittest.defaultTestLoader.discover(here, pattern="test_*.py")))
    rows = []
    for t in tests:
        r = unittest.TestResult()
        t.run(r)
        module, name = t.id().split(".")[0], t.id().split(".")[-1]
        bad = r.failures + r.errors
        why = bad[0][1].strip().splitlines()[-1] if bad else ""
        rows.append((f"host/{module}", name, "fail" if bad else "pass", why))
    if not tests:
        rows.append(("host/tests", "discovery", "fail", "no host-side tests found"))
    with open(sys.argv[1], "a") as f:
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"      {sum(r[2] == 'pass' for r in rows)} of {len(rows)} host-side tests passed")


if __name__ == "__main__":
    main()
