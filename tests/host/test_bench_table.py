"""Unit tests of scripts/bench_table.py over a guest's BENCH lines."""
import unittest

import hostpath  # noqa: F401
import bench_table

BENCH = """\
attr NC
bar_mib 1024
cycle_4k_ratio 1.032
cycle_4k_reuse_ratio 1.000
cycle_bar_ratio 0.982
cycle_4k_release_ratio 1.580
repeat_100000_slab_kb -84
scale_1000_growth 0.614
scale_65000_growth 2.687
slab_bytes_per_cookie_65000 124
huge_attr WC
huge_faults_cookie 1
huge_faults_default 1
huge_touch_ratio 1.035
"""


class BenchTable(unittest.TestCase):
    def setUp(self):
        self.md = bench_table.table("x86_64", bench_table.values(BENCH.splitlines()))

    def test_rows_and_targets(self):
        self.assertIn("| cycle whole BAR (1024 MiB): cookie / default | 0.982 | <= 1.05 | yes |",
                      self.md)
        self.assertIn("| faults to touch the whole BAR: WC cookie / default | 1 / 1 | equal | yes |",
                      self.md)

    def test_missed_target(self):
        self.assertIn("with 65000 live cookies / with 1 | 2.687 | <= 2 | **no** |", self.md)

    def test_missing_value_is_not_met(self):
        md = bench_table.table("arm64", bench_table.values(["attr NC"]))
        self.assertIn("| cycle 4 KiB, offset got once: cookie / default (mmap, touch, munmap)"
                      " | nan | <= 1.05 | **no** |", md)
        self.assertTrue(md.startswith("arm64 guest (QEMU TCG); cycle and scaling with NC cookies"))


if __name__ == "__main__":
    unittest.main()
