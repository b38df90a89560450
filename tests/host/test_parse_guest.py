"""Unit tests of tests/parse-guest.py over small console logs: what a guest
prints when all is well, and each way coverage can be lost."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

PARSER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "parse-guest.py")

KUNIT_OK = {"name": "main", "test_cases": [], "sub_groups": [
    {"name": "vfio_mmap_cookie", "sub_groups": [],
     "test_cases": [{"name": "wrap", "status": "PASS"},
                    {"name": "publish_abort", "status": "PASS"}]}]}

RUN_OK = """\
VFIOWC-RUN vfio/vfio_pci_mmap_attr_test ivshmem
TAP version 13
1..3
ok 1 cookie.release
ok 2 wc.coexist # SKIP a page has one attribute here (wc.nc_over_wc)
not ok 3 wc.budget
VFIOWC-RC vfio/vfio_pci_mmap_attr_test ivshmem 1
"""


def parse(log, kunit=KUNIT_OK, arch="arm64"):
    """Rows of parse-guest.py for console text @log and KUnit JSON @kunit
    (None: no JSON file written; "-": a kernel without KUnit)."""
    with tempfile.TemporaryDirectory() as d:
        logf = os.path.join(d, "console.log")
        with open(logf, "w") as f:
            f.write(log)
        kjson = os.path.join(d, "kunit.json")
        if kunit == "-":
            kjson = "-"
        elif kunit is not None:
            with open(kjson, "w") as f:
                json.dump(kunit, f)
        out = subprocess.run([sys.executable, PARSER, arch, logf, kjson],
                             capture_output=True, text=True, check=True).stdout
    return [tuple(line.split("\t")) for line in out.splitlines()]


def row(rows, suite, test):
    found = [r for r in rows if r[0] == suite and r[1] == test]
    assert len(found) == 1, (suite, test, rows)
    return found[0]


class ParseGuest(unittest.TestCase):
    def test_clean_run(self):
        rows = parse(RUN_OK + "VFIOWC-DONE\n")
        self.assertEqual("pass", row(rows, "arm64/console", "no kernel splat")[2])
        self.assertEqual("pass", row(rows, "arm64/console", "guest finished")[2])
        self.assertEqual("pass", row(rows, "arm64/vfio",
                                     "vfio_pci_mmap_attr_test[ivshmem] cookie.release")[2])
        self.assertEqual("pass", row(rows, "arm64/kunit", "vfio_mmap_cookie.wrap")[2])

    def test_tap_skip_and_failure(self):
        rows = parse(RUN_OK + "VFIOWC-DONE\n")
        skip = row(rows, "arm64/vfio", "vfio_pci_mmap_attr_test[ivshmem] wc.coexist")
        self.assertEqual("skip", skip[2])
        self.assertIn("one attribute", skip[3])
        self.assertEqual("fail", row(rows, "arm64/vfio",
                                     "vfio_pci_mmap_attr_test[ivshmem] wc.budget")[2])

    def test_splat(self):
        log = (RUN_OK + "WARNING: CPU: 0 PID: 1 at drivers/vfio/pci/vfio_pci_memtype.c:42\n"
               "VFIOWC-DONE\n")
        splat = row(parse(log), "arm64/console", "no kernel splat")
        self.assertEqual("fail", splat[2])
        self.assertIn("vfio_pci_memtype.c:42", splat[3])

    def test_missing_device(self):
        rows = parse("VFIOWC-NODEV vfio/vfio_pci_mmap_attr_test ivshmem\nVFIOWC-DONE\n")
        nodev = row(rows, "arm64/vfio", "vfio_pci_mmap_attr_test[ivshmem]")
        self.assertEqual("fail", nodev[2])
        self.assertIn("no such device", nodev[3])

    def test_truncated_log(self):
        log = "VFIOWC-RUN vfio/vfio_pci_mmap_stress_test ivshmem\nTAP version 13\nok 1 stress.a\n"
        rows = parse(log)
        self.assertEqual("fail", row(rows, "arm64/console", "guest finished")[2])
        cut = row(rows, "arm64/vfio", "vfio/vfio_pci_mmap_stress_test[ivshmem]")
        self.assertEqual("fail", cut[2])
        self.assertIn("no exit status", cut[3])

    def test_exit_status_with_all_ok(self):
        log = ("VFIOWC-RUN vfio/vfio_pci_mmap_fuzz_test ivshmem\nok 1 fuzz.region_mmap\n"
               "VFIOWC-RC vfio/vfio_pci_mmap_fuzz_test ivshmem 139\nVFIOWC-DONE\n")
        exit_row = row(parse(log), "arm64/vfio", "vfio_pci_mmap_fuzz_test[ivshmem] exit")
        self.assertEqual(("fail", "rc=139"), exit_row[2:])

    def test_kunit_failure(self):
        kunit = json.loads(json.dumps(KUNIT_OK))
        kunit["sub_groups"][0]["test_cases"][1]["status"] = "FAIL"
        rows = parse("VFIOWC-DONE\n", kunit)
        self.assertEqual("fail", row(rows, "arm64/kunit", "vfio_mmap_cookie.publish_abort")[2])

    def test_kunit_json_missing(self):
        rows = parse("VFIOWC-DONE\n", None)
        self.assertEqual("fail", row(rows, "arm64/kunit", "results")[2])

    def test_kunit_suite_missing(self):
        rows = parse("VFIOWC-DONE\n", arch="x86_64")
        self.assertEqual("fail", row(rows, "x86_64/kunit", "x86_pat_memtype_strict")[2])
        self.assertEqual([], [r for r in rows if r[1] == "vfio_mmap_cookie"])

    def test_no_kunit_kernel(self):
        rows = parse("VFIOWC-DONE\n", "-")
        self.assertEqual([], [r for r in rows if r[0].endswith("/kunit")])

    def test_kmemleak(self):
        log = "VFIOWC-KMEMLEAK scanned\nunreferenced object 0xffff888004 (size 64):\nVFIOWC-DONE\n"
        leak = row(parse(log), "arm64/console", "kmemleak scan after the tests")
        self.assertEqual(("fail", "1 leaks"), leak[2:])


if __name__ == "__main__":
    unittest.main()
