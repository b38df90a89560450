"""Unit tests of tests/init's kselftest runs: the part of /init that runs
the lists, under the host's busybox sh with stub programs and devices and
the kernel tree's kselftest/ktap_helpers.sh, prints one KTAP document that
an independent TAP parser (Perl's TAP::Parser) reads as planned, and that
tests/parse-guest.py turns into the rows of each case."""
import os
import shutil
import subprocess
import tempfile
import unittest

import hostpath

TOP = os.path.abspath(os.path.join(hostpath.SCRIPTS, ".."))
INIT = os.path.join(TOP, "tests", "init")
PARSER = os.path.join(TOP, "tests", "parse-guest.py")
HELPERS = "tools/testing/selftests/kselftest/ktap_helpers.sh"

PROGRAMS = {
    "vfio/pass": "echo 'TAP version 13'; echo 1..2; echo \"ok 1 t.a $1\"\n"
                 "echo 'ok 2 t.b # SKIP no such BAR'; exit 0",
    "vfio/skip": "echo 'TAP version 13'; echo '1..0 # SKIP no SR-IOV'; exit 4",
    "vfio/fail": "echo 'TAP version 13'; echo 1..1; echo oops >&2; echo 'not ok 1 t.c'; exit 1",
    "kvm/arm64/noargs": "echo \"args: $#\"; exit 0",
}
LIST = """\
# a comment
vfio pass e1000e nvme
vfio skip e1000e
vfio fail ivshmem e1000e
kvm arm64/noargs none
"""
# TAP::Parser: the plan and every test line, and whether it saw a problem
TAP_CHECK = r"""
use TAP::Parser;
local $/; my $tap = <STDIN>;
my $p = TAP::Parser->new({tap => $tap});
while (my $r = $p->next) { print $r->as_string =~ s/\s+$//r, "\n" if $r->is_test; }
print "plan ", $p->plan, "\n";
print "errors ", join(";", $p->parse_errors), "\n";
"""


def ktap_helpers():
    for tree in (os.environ.get("LINUX", ""), os.path.join(TOP, "linux"),
                 os.path.join(TOP, "out", "linux")):
        if tree and os.path.isfile(os.path.join(tree, HELPERS)):
            return os.path.join(tree, HELPERS)
    return None


def run_init(d, runlist=LIST):
    """The console text of tests/init's runs, in scratch folder @d: /tests
    and /tmp moved there, bdfs_of() a stub with no ivshmem device."""
    tests = os.path.join(d, "tests")
    for prog, body in PROGRAMS.items():
        path = os.path.join(tests, prog)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write("#!/bin/sh\n" + body + "\n")
        os.chmod(path, 0o755)
    os.makedirs(os.path.join(tests, "kselftest"))
    shutil.copy(ktap_helpers(), os.path.join(tests, "kselftest"))
    with open(os.path.join(tests, "run.list"), "w") as f:
        f.write(runlist)
    init = open(INIT).read()
    runs = init[init.index("run=$(arg run)"):init.index("ktap_print_totals") + 18]
    script = ("arg() { :; }; timeout_s=20\n"
              "bdfs_of() { case $1 in e1000e) echo 0000:00:03.0;; nvme) echo 0000:00:02.0;; esac; }\n"
              + runs.replace("/tmp/runs", os.path.join(d, "runs")).replace("/tests", tests))
    return subprocess.run(["busybox", "sh", "-c", script], capture_output=True, text=True,
                          check=True, timeout=60).stdout


@unittest.skipUnless(shutil.which("busybox") and shutil.which("perl") and ktap_helpers(),
                     "needs busybox, perl and a kernel tree (linux/ or out/linux)")
class InitKtap(unittest.TestCase):
    # tests/host/run.py runs each test on its own (no setUpClass): the
    # console is made once, by the first test that needs it
    console = None

    def setUp(self):
        if InitKtap.console is None:
            with tempfile.TemporaryDirectory() as d:
                out = run_init(d)
                log = os.path.join(d, "console.log")
                with open(log, "w") as f:
                    f.write(out + "VFIOWC-DONE\n")
                rows = [tuple(l.split("\t")) for l in subprocess.run(
                    ["python3", PARSER, "g", log, "-"], capture_output=True, text=True,
                    check=True).stdout.splitlines()]
            InitKtap.console = (out, rows)
        self.out, self.rows = InitKtap.console

    def test_valid_tap(self):
        tap = subprocess.run(["perl", "-e", TAP_CHECK], input=self.out, capture_output=True,
                             text=True, check=True).stdout.splitlines()
        self.assertEqual(["ok 1 vfio:pass:e1000e", "ok 2 vfio:pass:nvme",
                          "ok 3 vfio:skip:e1000e # SKIP",
                          "not ok 4 vfio:fail:ivshmem # device ivshmem missing",
                          "not ok 5 vfio:fail:e1000e # exit=1",
                          "ok 6 kvm:arm64/noargs:none", "plan 1..6", "errors "], tap)

    def test_nested_output(self):
        self.assertRegex(self.out, r"(?m)^# selftests: vfio:pass:nvme 0000:00:02\.0\n"
                                   r"# TAP version 13\n# 1\.\.2\n# ok 1 t\.a 0000:00:02\.0$")
        self.assertIn("# oops\n", self.out)
        self.assertIn("# args: 0\n", self.out)      # class none: no BDF
        self.assertRegex(self.out, r"(?m)^# time vfio:pass:e1000e \d+ s$")

    def test_rows(self):
        got = {(r[0], r[1]): r[2:] for r in self.rows}
        self.assertEqual(("pass", ""), got[("g/vfio", "pass[nvme] t.a 0000:00:02.0")])
        self.assertEqual(("skip", "no such BAR"), got[("g/vfio", "pass[e1000e] t.b")])
        self.assertEqual(("skip", "no SR-IOV"), got[("g/vfio", "skip[e1000e]")])
        self.assertEqual("fail", got[("g/vfio", "fail[ivshmem]")][0])
        self.assertEqual(("fail", ""), got[("g/vfio", "fail[e1000e] t.c")])
        self.assertEqual(("pass", "rc=0"), got[("g/kvm", "noargs[none]")])
        self.assertEqual(("pass", ""), got[("g/console", "kselftest plan")])
        self.assertEqual(8, len([r for r in self.rows if not r[0].endswith("/console")]))

    def test_nothing_to_run(self):
        with tempfile.TemporaryDirectory() as d:
            out = run_init(d, "# only comments\n")
        self.assertIn("TAP version 13\n1..0 # SKIP no programs to run here", out)
        tap = subprocess.run(["perl", "-e", TAP_CHECK], input=out, capture_output=True,
                             text=True, check=True).stdout.splitlines()
        self.assertEqual(["plan 1..0", "errors "], tap)
