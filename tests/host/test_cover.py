"""Unit tests of scripts/cover.py: the cover letter back to the branch
description."""
import unittest

import hostpath  # noqa: F401
import cover

LETTER = """\
From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: vfio-wc <vfio-wc@localhost>
Date: Thu, 1 Jan 2026 00:00:00 +0000
Subject: [PATCH 00/27] vfio/pci: Write-combining mmap cookies
 for BARs

Userspace drivers need WC mappings.

Second paragraph.

vfio-wc (27):
  vfio: selftests: Map BARs smaller than a page

base-commit: 0123
"""


class Cover(unittest.TestCase):
    def test_description(self):
        self.assertEqual("vfio/pci: Write-combining mmap cookies for BARs\n\n"
                         "Userspace drivers need WC mappings.\n\nSecond paragraph.\n",
                         cover.description(LETTER))

    def test_without_shortlog(self):
        text = LETTER[:LETTER.index("vfio-wc (27)")]
        self.assertTrue(cover.description(text).endswith("Second paragraph.\n"))


if __name__ == "__main__":
    unittest.main()
