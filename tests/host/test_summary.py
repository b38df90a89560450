"""Unit tests of scripts/summary.py: the table and the closing line."""
import unittest

import hostpath  # noqa: F401
import summary

ROWS = [["x86_64/vfio", "a[ivshmem] t1", "pass", ""],
        ["x86_64/vfio", "a[ivshmem] t2", "skip", "no hugepages"],
        ["x86_64/kunit", "vfio_mmap_cookie.wrap", "fail", "FAIL"],
        ["host/test_x", "test_y", "pass", ""]]


class Summary(unittest.TestCase):
    def test_closing_line_and_status(self):
        text, status = summary.summarize(ROWS, 75)
        self.assertEqual("2 passed, 1 failed, 1 skipped", text.splitlines()[-1])
        self.assertIn("time: 1 min 15 s", text)
        self.assertEqual(1, status)

    def test_failures_listed_with_their_note(self):
        text, _ = summary.summarize(ROWS)
        self.assertIn("  x86_64/kunit: vfio_mmap_cookie.wrap  (FAIL)", text)

    def test_green(self):
        self.assertEqual(0, summary.summarize([r for r in ROWS if r[2] != "fail"])[1])

    def test_nothing_passed_fails(self):
        text, status = summary.summarize([])
        self.assertEqual("0 passed, 0 failed, 0 skipped", text.splitlines()[-1])
        self.assertEqual(1, status)

    def test_suites_sorted(self):
        text, _ = summary.summarize(ROWS)
        suites = [l.split()[0] for l in text.splitlines()[2:5]]
        self.assertEqual(["host/test_x", "x86_64/kunit", "x86_64/vfio"], suites)

    def test_build_times(self):
        text, _ = summary.summarize(ROWS, 60, [["x86_64 kernel", "16"], ["build gates", "4"]])
        self.assertEqual("build time: x86_64 kernel 16 s, build gates 4 s; total 20 s",
                         text.splitlines()[-3])
        self.assertNotIn("build time", summary.summarize(ROWS, 60)[0])

    def test_background_builds_not_in_the_total(self):
        line = summary.build_times([["x86_64 kernel", "16"], ["i386 kernel (background)", "400"],
                                    ["i386-kernel (waited)", "30"]])
        self.assertEqual("build time: x86_64 kernel 16 s, i386-kernel (waited) 30 s; total 46 s;"
                         " in the background, not in the total: i386 kernel 400 s", line)


if __name__ == "__main__":
    unittest.main()
