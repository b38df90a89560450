"""The DPDK patches carry their own copy of the series' uAPI (for headers
without it): the same capability id, attribute bit, ioctl number and
structure layouts as the kernel patch that defines them."""
import glob
import os
import re
import unittest

import hostpath

TOP = os.path.join(hostpath.TESTS, "..")


def added(pattern):
    """The lines the patches matching pattern add, joined."""
    text = []
    for p in sorted(glob.glob(os.path.join(TOP, pattern))):
        text += [l[1:] for l in open(p, errors="replace").read().splitlines()
                 if l.startswith("+") and not l.startswith("+++")]
    return "\n".join(text)


def define(text, name):
    m = re.search(r"#define\s+" + name + r"\s+(.+)", text)
    return m and re.sub(r"\s+", " ", m.group(1).strip())


def fields(text, struct):
    """The field types and names of struct, in order, types normalised to
    fixed widths (__u32 and uint32_t, __aligned_u64 and uint64_t alike)."""
    m = re.search(r"struct " + struct + r" \{(.*?)\n\};", text, re.S)
    if not m:
        return None
    out = []
    for line in m.group(1).splitlines():
        line = line.strip()
        if not line.endswith(";") or line.startswith("#"):
            continue
        typ, name = line.rstrip(";").rsplit(None, 1)
        typ = {"__u32": "u32", "uint32_t": "u32", "__aligned_u64": "u64",
               "uint64_t": "u64"}.get(typ, typ)
        out.append((typ, name.lstrip("_")))
    return out


class Compat(unittest.TestCase):
    def setUp(self):
        self.kernel = added("patches/[0-9]*.patch")
        self.dpdk = added("dpdk/patches/[0-9]*.patch")
        self.assertIn("RTE_VFIO_DEVICE_GET_REGION_MMAP", self.dpdk, "no DPDK compat definitions")
        self.assertIn("VFIO_DEVICE_GET_REGION_MMAP", self.kernel, "no uAPI in the series")

    def test_constants(self):
        for rte, kernel in (("RTE_VFIO_INFO_CAP_MMAP_ATTRS 6", "VFIO_REGION_INFO_CAP_MMAP_ATTRS"),
                            ("RTE_VFIO_REGION_MMAP_WC (1 << 1)", "VFIO_REGION_MMAP_WC"),
                            ("RTE_VFIO_DEVICE_GET_REGION_MMAP _IO(VFIO_TYPE, VFIO_BASE + 22)",
                             "VFIO_DEVICE_GET_REGION_MMAP")):
            name, value = rte.split(" ", 1)
            self.assertEqual(value, define(self.dpdk.split("#else", 1)[1], name), name)
            self.assertEqual(value, define(self.kernel, kernel), kernel)

    def test_structures(self):
        for rte, kernel in (("rte_vfio_region_info_cap_mmap_attrs", "vfio_region_info_cap_mmap_attrs"),
                            ("rte_vfio_region_mmap", "vfio_region_mmap")):
            self.assertIsNotNone(fields(self.kernel, kernel), kernel)
            self.assertEqual(fields(self.kernel, kernel), fields(self.dpdk, rte), rte)


if __name__ == "__main__":
    unittest.main()
