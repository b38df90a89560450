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

# What /init prints (tests/init): one KTAP document, each program's own
# KTAP nested with "# " (kselftest's runner.sh), kernel messages between
RUN_OK = """\
TAP version 13
1..1
# selftests: vfio:vfio_pci_mmap_attr_test:ivshmem 0000:00:01.0
# TAP version 13
# 1..3
vfio-pci 0000:00:01.0: enabling device (0000 -> 0002)
# ok 1 cookie.release
# ok 2 wc.coexist # SKIP a page has one attribute here (wc.nc_over_wc)
# not ok 3 wc.budget
# # Totals: pass:1 fail:1 xfail:0 xpass:0 skip:1 error:0
# time vfio:vfio_pci_mmap_attr_test:ivshmem 3 s
not ok 1 vfio:vfio_pci_mmap_attr_test:ivshmem # exit=1
# Totals: pass:0 fail:1 xfail:0 xpass:0 skip:0 error:0
"""


FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")

# what the arm64 guests' /init reads (tests/upstream.list and run.list
# filtered for arm64): the KVM lines and one vfio line
ARM64_LIST = """\
vfio vfio_pci_mmap_attr_test ivshmem nvme e1000e
kvm set_memory_region_test none
kvm arm64/smccc_filter none
kvm arm64/stage2_block_transitions none
kvm arm64/vfio_bar_memattr ivshmem
"""


def parse(log, kunit=KUNIT_OK, arch="arm64", suites="vfio_mmap_cookie", expect=None,
          run=None):
    """Rows of parse-guest.py for console text @log and KUnit JSON @kunit
    (None: no JSON file written; "-": a kernel without KUnit), KUnit
    @suites expected, the list text @expect expected to run (@run: only
    these suites of it)."""
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
        args = [sys.executable, PARSER, arch, logf, kjson, "--kunit", suites]
        if expect is not None:
            listf = os.path.join(d, "run.list")
            with open(listf, "w") as f:
                f.write(expect)
            args += ["--expect", listf]
        if run is not None:
            args += ["--run", run]
        out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return [tuple(line.split("\t")) for line in out.splitlines()]


def row(rows, suite, test):
    found = [r for r in rows if r[0] == suite and r[1] == test]
    assert len(found) == 1, (suite, test, rows)
    return found[0]


def ktap(plan, body, done=True):
    """A guest's kselftest KTAP: header, plan 1..PLAN, BODY, and /init's
    end marker unless the log is cut off (DONE false)."""
    return "TAP version 13\n1..%d\n%s%s" % (plan, body, "VFIOWC-DONE\n" if done else "")


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

    def assert_fails(self, rows, test, why, suite="arm64/vfio"):
        """TEST's row in SUITE failed, its note saying WHY."""
        failed = row(rows, suite, test)
        self.assertEqual("fail", failed[2])
        self.assertIn(why, failed[3])

    def test_missing_device(self):
        rows = parse(ktap(1, "not ok 1 vfio:vfio_pci_mmap_attr_test:ivshmem"
                             " # device ivshmem missing\n"))
        self.assert_fails(rows, "vfio_pci_mmap_attr_test[ivshmem]", "no such device")

    def test_truncated_log(self):
        rows = parse(ktap(2, "# selftests: vfio:vfio_pci_mmap_stress_test:ivshmem 0000:00:01.0\n"
                             "# TAP version 13\n# 1..2\n# ok 1 stress.a\n", done=False))
        self.assertEqual("fail", row(rows, "arm64/console", "guest finished")[2])
        self.assert_fails(rows, "vfio/vfio_pci_mmap_stress_test[ivshmem]", "no exit status")
        self.assertEqual("pass", row(rows, "arm64/vfio",
                                     "vfio_pci_mmap_stress_test[ivshmem] stress.a")[2])

    def test_plan_not_met(self):
        log = RUN_OK.replace("1..1\n", "1..2\n", 1) + "VFIOWC-DONE\n"
        plan = row(parse(log), "arm64/console", "kselftest plan")
        self.assertEqual(("fail", "1 results, plan 1..2"), plan[2:])
        self.assertEqual("pass", row(parse(RUN_OK + "VFIOWC-DONE\n"),
                                     "arm64/console", "kselftest plan")[2])

    def test_program_skip(self):
        log = ktap(1, "# selftests: vfio:vfio_pci_sriov_uapi_test:e1000e 0000:00:03.0\n"
                      "# TAP version 13\n# 1..0 # SKIP no SR-IOV on this device\n"
                      "# time vfio:vfio_pci_sriov_uapi_test:e1000e 0 s\n"
                      "ok 1 vfio:vfio_pci_sriov_uapi_test:e1000e # SKIP\n")
        skip = row(parse(log), "arm64/vfio", "vfio_pci_sriov_uapi_test[e1000e]")
        self.assertEqual(("skip", "no SR-IOV on this device"), skip[2:])

    def test_exit_status_with_all_ok(self):
        log = ktap(1, "# selftests: vfio:vfio_pci_mmap_fuzz_test:ivshmem 0000:00:01.0\n"
                      "# ok 1 fuzz.region_mmap\n"
                      "not ok 1 vfio:vfio_pci_mmap_fuzz_test:ivshmem # exit=139\n")
        exit_row = row(parse(log), "arm64/vfio", "vfio_pci_mmap_fuzz_test[ivshmem] exit")
        self.assertEqual(("fail", "rc=139"), exit_row[2:])

    def test_kernel_ktap_is_not_kselftest(self):
        """KUnit's KTAP at boot ("KTAP version 1") gives no kselftest rows."""
        log = "KTAP version 1\n1..1\nok 1 vfio_mmap_cookie\n" + RUN_OK + "VFIOWC-DONE\n"
        self.assertEqual([], [r for r in parse(log) if "vfio_mmap_cookie" == r[1]])

    def test_kunit_failure(self):
        kunit = json.loads(json.dumps(KUNIT_OK))
        kunit["sub_groups"][0]["test_cases"][1]["status"] = "FAIL"
        rows = parse("VFIOWC-DONE\n", kunit)
        self.assertEqual("fail", row(rows, "arm64/kunit", "vfio_mmap_cookie.publish_abort")[2])

    def test_kunit_json_missing(self):
        rows = parse("VFIOWC-DONE\n", None)
        self.assertEqual("fail", row(rows, "arm64/kunit", "results")[2])

    def test_kunit_suite_missing(self):
        rows = parse("VFIOWC-DONE\n", arch="x86_64",
                     suites="vfio_mmap_cookie x86_pat_memtype_strict")
        self.assertEqual("fail", row(rows, "x86_64/kunit", "x86_pat_memtype_strict")[2])
        self.assertEqual([], [r for r in rows if r[1] == "vfio_mmap_cookie"])

    def test_no_kunit_kernel(self):
        rows = parse("VFIOWC-DONE\n", "-")
        self.assertEqual([], [r for r in rows if r[0].endswith("/kunit")])

    def test_kmemleak(self):
        log = "VFIOWC-KMEMLEAK scanned\nunreferenced object 0xffff888004 (size 64):\nVFIOWC-DONE\n"
        leak = row(parse(log), "arm64/console", "kmemleak scan after the tests")
        self.assertEqual(("fail", "1 leaks"), leak[2:])


def fixture(name):
    with open(os.path.join(FIXTURES, name)) as f:
        return f.read()


class ExpectedCoverage(unittest.TestCase):
    """A saved console log (the arm64 no-FWB boot of make check, trimmed)
    against what its guest file and lists say it runs."""

    def setUp(self):
        self.log = fixture("arm64-nofwb.log")
        self.kunit = json.loads(fixture("kunit-arm64-nofwb.json"))

    def test_clean_log(self):
        rows = parse(self.log, self.kunit, "arm64-nofwb", expect=ARM64_LIST, run="kvm")
        self.assertEqual([], [r for r in rows if r[2] == "fail"])
        self.assertEqual(8, len([r for r in rows if r[0] == "arm64-nofwb/kvm"]))  # as in make check
        self.assertTrue(any(r[1].startswith("vfio_mmap_cookie.") for r in rows))

    def test_killed_guest(self):
        cut = self.log[:self.log.index("# time kvm:arm64/smccc_filter:none")]
        rows = parse(cut, self.kunit, "arm64-nofwb", expect=ARM64_LIST, run="kvm")
        fails = {r[1]: r[3] for r in rows if r[2] == "fail"}
        self.assertEqual({"guest finished", "kselftest plan", "kvm/arm64/smccc_filter[none]",
                          "stage2_block_transitions[none]", "vfio_bar_memattr[ivshmem]"},
                         set(fails))
        self.assertIn("no exit status", fails["kvm/arm64/smccc_filter[none]"])
        self.assertIn("not run", fails["vfio_bar_memattr[ivshmem]"])

    def test_unexpected_suites_not_required(self):
        rows = parse(self.log, self.kunit, "arm64-nofwb", expect=ARM64_LIST, run="kvm")
        self.assertEqual([], [r for r in rows if "vfio_pci_mmap_attr_test" in r[1]])

    def test_every_suite_expected(self):
        rows = parse(self.log, self.kunit, "arm64", expect=ARM64_LIST)
        fails = [r[1] for r in rows if r[2] == "fail"]
        self.assertEqual(["vfio_pci_mmap_attr_test[ivshmem]", "vfio_pci_mmap_attr_test[nvme]",
                          "vfio_pci_mmap_attr_test[e1000e]"], fails)

    def test_run_none(self):
        rows = parse("VFIOWC-DONE\n", "-", "x86_64-nopat", expect=ARM64_LIST, run="none")
        self.assertEqual([], [r for r in rows if r[2] == "fail"])

    def test_kunit_output_broken(self):
        broken = self.log.replace("KTAP version 1", "KTAP garbage")
        rows = parse(broken, None, "arm64-nofwb", expect=ARM64_LIST, run="kvm")
        self.assertEqual(("fail", "kunit.py parse wrote no JSON (see out/logs/kunit-*.log)"),
                         row(rows, "arm64-nofwb/kunit", "results")[2:])


class SavedKtap(unittest.TestCase):
    """A saved x86_64 console log of tests/init's KTAP (the boot trimmed to
    KUnit, the nested diagnostics left out) against the lists its /init
    read (fixtures/x86_64.list), and that log broken each way coverage can
    be lost."""

    def setUp(self):
        self.log = fixture("x86_64.log")
        self.lists = fixture("x86_64.list")

    def rows(self, log):
        return parse(log, "-", "x86_64", expect=self.lists)

    def block(self, name):
        """The text of run @name: its "# selftests:" line to its result."""
        start = self.log.index(f"# selftests: {name} ")
        result = self.log.index("\n", self.log.index(f"\n# time {name} ", start) + 1) + 1
        end = self.log.index("\n", result) + 1
        return self.log[start:end]

    def test_saved_pass(self):
        rows = self.rows(self.log)
        self.assertEqual([], [r for r in rows if r[2] == "fail"])
        self.assertEqual(315, len([r for r in rows if r[0] in ("x86_64/vfio", "x86_64/demo")]))
        self.assertEqual("pass", row(rows, "x86_64/demo", "wc-client[ivshmem]")[2])
        self.assertEqual("pass", row(rows, "x86_64/console", "kselftest plan")[2])

    def test_saved_skip(self):
        rows = self.rows(self.log)
        self.assertEqual(("skip", "rc=4"), row(rows, "x86_64/vfio",
                                               "vfio_pci_driver_test[e1000e]")[2:])
        self.assertEqual("skip", row(rows, "x86_64/vfio",
                                     "vfio_pci_mmap_attr_test[nvme] wc.budget")[2])

    def test_saved_missing_device(self):
        name = "vfio:vfio_pci_mmap_fuzz_test:ivshmem"
        block = self.block(name)
        n = block.splitlines()[-1].split()[1]
        rows = self.rows(self.log.replace(block, f"not ok {n} {name} # device ivshmem missing\n"))
        self.assertEqual([("x86_64/vfio", "vfio_pci_mmap_fuzz_test[ivshmem]", "fail",
                           "the guest has no such device: not run")],
                         [r for r in rows if r[2] == "fail"])

    def test_saved_truncated(self):
        block = self.block("vfio:vfio_pci_mmap_attr_test:nvme")
        cut = self.log[:self.log.index(block) + len(block) // 2]
        fails = {r[1]: r[3] for r in self.rows(cut) if r[2] == "fail"}
        self.assertIn("no exit status", fails.pop("vfio/vfio_pci_mmap_attr_test[nvme]"))
        self.assertEqual("", fails.pop("guest finished"))
        self.assertEqual("16 results, plan 1..22", fails.pop("kselftest plan"))
        self.assertEqual({"vfio_pci_mmap_attr_test[e1000e]", "vfio_pci_mmap_stress_test[ivshmem]",
                          "vfio_pci_mmap_stress_test[e1000e]", "vfio_pci_mmap_fuzz_test[ivshmem]",
                          "wc-client[ivshmem]"}, set(fails))

    def test_saved_splat(self):
        block = self.block("vfio:vfio_pci_mmap_stress_test:e1000e")
        warn = "WARNING: CPU: 1 PID: 211 at drivers/vfio/pci/vfio_pci_core.c:1712 x+0x1/0x2\n"
        rows = self.rows(self.log.replace(block, block[:block.index("\n") + 1] + warn
                                          + block[block.index("\n") + 1:]))
        self.assertEqual([("x86_64/console", "no kernel splat", "fail", warn.strip())],
                         [r for r in rows if r[2] == "fail"])

    def test_saved_fewer_results_than_plan(self):
        block = self.block("demo:wc-client:ivshmem")
        rows = self.rows(self.log.replace(block, ""))
        self.assertEqual({("kselftest plan", "21 results, plan 1..22"),
                          ("wc-client[ivshmem]", "not run: the guest ended before it")},
                         {(r[1], r[3]) for r in rows if r[2] == "fail"})


if __name__ == "__main__":
    unittest.main()
