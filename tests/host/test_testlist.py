"""Unit tests of scripts/testlist.py: the tags of tests/*.list, and the
lists of this repository as the guests get them."""
import os
import unittest

import hostpath  # noqa: F401
import testlist

LIST = """\
# comment
vfio a_test        ivshmem nvme
vfio stress_test   ivshmem e1000e   @!i386
vfio stress_test   ivshmem          @i386
kvm  arm64/kvm_test none            @arm64
demo client        ivshmem
"""


def lines(text):
    return text.splitlines()


class Tags(unittest.TestCase):
    def test_untagged_everywhere(self):
        self.assertTrue(testlist.wanted([], ["x86_64"]))

    def test_positive_and_negative(self):
        self.assertTrue(testlist.wanted(["@arm64"], ["arm64"]))
        self.assertFalse(testlist.wanted(["@arm64"], ["x86_64", "x86"]))
        self.assertFalse(testlist.wanted(["@!i386"], ["i386", "x86"]))
        self.assertTrue(testlist.wanted(["@!i386"], ["x86_64", "x86"]))
        self.assertTrue(testlist.wanted(["@x86"], ["i386", "x86"]))

    def test_entries_for_a_guest(self):
        self.assertEqual([("vfio", "a_test", ["ivshmem", "nvme"]),
                          ("vfio", "stress_test", ["ivshmem"]),
                          ("demo", "client", ["ivshmem"])],
                         testlist.entries(lines(LIST), ["i386", "x86"]))

    def test_targets(self):
        self.assertEqual({"vfio": ["a_test", "stress_test"], "kvm": ["arm64/kvm_test"],
                          "demo": ["client"]},
                         testlist.targets([lines(LIST)], ["arm64"]))

    def test_bad_line(self):
        with self.assertRaises(ValueError):
            testlist.parse("vfio a_test @arm64")


class RepositoryLists(unittest.TestCase):
    """tests/*.list for the guests of guests/."""

    def read(self, name):
        with open(os.path.join(hostpath.TESTS, name)) as f:
            return lines(f.read())

    def test_kvm_on_arm64_only(self):
        lists = [self.read("upstream.list"), self.read("run.list")]
        self.assertIn("kvm", testlist.targets(lists, ["arm64"]))
        self.assertNotIn("kvm", testlist.targets(lists, ["x86_64", "x86"]))

    def test_i386_stress_on_ivshmem_only(self):
        run = testlist.entries(self.read("run.list"), ["i386", "x86", "32bit"])
        self.assertEqual([["ivshmem"]], [c for s, p, c in run if p == "vfio_pci_mmap_stress_test"])

    def test_every_program_once_per_guest(self):
        for tags in (["x86_64", "x86"], ["arm64"], ["i386", "x86", "32bit"]):
            seen = [(s, p) for name in ("upstream.list", "run.list")
                    for s, p, _ in testlist.entries(self.read(name), tags)]
            self.assertEqual(len(seen), len(set(seen)), tags)


if __name__ == "__main__":
    unittest.main()
