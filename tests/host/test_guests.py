"""Unit tests of guests/*.sh and the plans of scripts/lib.sh: every guest
file names what the scripts need, and the profiles' steps come from them
(DRY_RUN=1: the steps are listed, none is run)."""
import os
import re
import subprocess
import tempfile
import unittest

import hostpath

TOP = os.path.abspath(os.path.join(hostpath.SCRIPTS, ".."))
GUESTS = sorted(f[:-3] for f in os.listdir(os.path.join(TOP, "guests")) if f.endswith(".sh"))
NEEDED = ["G_ARCH", "G_SRCARCH", "G_IMAGE", "G_CONFIGS", "G_TRIPLET", "G_SELFTEST_ARCH",
          "G_QEMU", "G_CPU", "G_APPEND", "G_PROFILES", "G_PACKAGES", "G_BUILD"]


def bash(script, env=None):
    """Output of @script run by bash in the repository, with a scratch cache
    and output folder."""
    with tempfile.TemporaryDirectory() as d:
        e = dict(os.environ, VFIO_WC_CACHE=os.path.join(d, "cache"),
                 VFIO_WC_OUT=os.path.join(d, "out"), BUILD=os.path.join(d, "build"),
                 LINUX=os.path.join(d, "linux"), PATH=os.environ["PATH"])
        for k in ("ARCHES", "ARCH", "DRY_RUN"):
            e.pop(k, None)
        e.update(env or {})
        return subprocess.run(["bash", "-c", script], cwd=TOP, env=e, capture_output=True,
                              text=True, check=True).stdout


def guest(name):
    """{variable: value} of guests/@name.sh as guest_load sets them."""
    out = bash(f'. scripts/env.sh && guest_load {name} && '
               f'for v in {" ".join(NEEDED)} G_BASE G_KUNIT G_RUN G_GATES; do '
               'printf "%s=%s\\n" "$v" "${!v}"; done; echo "G_QEMU=${G_QEMU[*]}"')
    return dict(line.split("=", 1) for line in out.splitlines())


def steps(profile, **env):
    """The "[n/N] what" lines of scripts/@profile.sh under DRY_RUN=1."""
    out = bash(f"scripts/{profile}.sh", dict(env, DRY_RUN="1"))
    return re.findall(r"^\[[\d:]+\] \[(\d+)/(\d+)\] (.*)$", out, re.M)


class GuestFiles(unittest.TestCase):
    def test_every_guest_names_what_the_scripts_need(self):
        for name in GUESTS:
            g = guest(name)
            for v in NEEDED:
                self.assertTrue(g[v], f"guests/{name}.sh: {v} empty")
            self.assertTrue(os.path.exists(os.path.join(TOP, "configs", g["G_ARCH"] + ".config")))
            for frag in g["G_CONFIGS"].split():
                self.assertTrue(os.path.exists(os.path.join(TOP, "configs", frag)), frag)
            self.assertTrue(g["G_QEMU"].startswith("qemu-system-"), name)

    def test_variants_boot_their_base(self):
        for name in GUESTS:
            g = guest(name)
            if g["G_BASE"]:
                self.assertIn(g["G_BASE"], GUESTS)
                self.assertEqual(g["G_BASE"], g["G_BUILD"])
            else:
                self.assertEqual(name, g["G_BUILD"])

    def test_no_arch_case_in_scripts(self):
        for f in os.listdir(hostpath.SCRIPTS):
            if not os.path.isfile(os.path.join(hostpath.SCRIPTS, f)):
                continue
            with open(os.path.join(hostpath.SCRIPTS, f)) as fh:
                self.assertNotRegex(fh.read(), r"case .*arch", f)


class Plans(unittest.TestCase):
    def test_check(self):
        s = steps("check")
        self.assertEqual(len(s), int(s[0][1]))
        whats = [w for _, _, w in s]
        self.assertEqual("host packages", whats[0])
        # every guest of check: build, initramfs, boot; each variant: boot
        for g in ("x86_64", "arm64"):
            self.assertIn(f"building {g} kernel (ccache)", whats)
        # the kernels booted after the gates build in the background
        # from the start, and are waited for before their boots
        bg = whats.index("building the i386 kernel in the background (nice 19, ccache)")
        self.assertLess(bg, whats.index("building arm64 kernel (ccache)"))
        self.assertLess(whats.index("waiting for the i386 kernel (background)"),
                        whats.index("building i386 selftests and initramfs"))
        boots = [w.split()[1] for w in whats if w.startswith("booting")]
        self.assertEqual(["arm64", "arm64-nofwb", "x86_64", "x86_64-nopat", "i386",
                          "x86_64-base"], boots)
        # make demo's unpatched kernel, built once here
        self.assertIn("waiting for the unpatched 7.3 x86_64 kernel (background)", whats)
        gates = whats.index("patch gates: every patch builds, sparse + W=1, uapi header test")
        self.assertLess(gates, whats.index("waiting for the i386 kernel (background)"))

    def test_arches(self):
        boots = [w.split()[1] for _, _, w in steps("check", ARCHES="i386") if w.startswith("booting")]
        self.assertEqual(["i386"], boots)

    def test_debug_and_baseline_default_guests(self):
        for p in ("debug", "baseline"):
            kernels = [w for _, _, w in steps(p) if "kernel" in w]
            self.assertEqual(2, len(kernels), (p, kernels))
            self.assertFalse(any("i386" in w for w in kernels), p)

    def test_variant_alone(self):
        out = bash("DRY_RUN=1 scripts/guest.sh arm64-nofwb")
        self.assertIn("[1/3] building arm64 kernel (ccache)", out)
        self.assertIn("[3/3] booting arm64-nofwb guest", out)


class GateMemo(unittest.TestCase):
    """A gate that passed is kept under its key and not run again
    (memo_* and gate_no_new in scripts/lib.sh); one that failed is not."""

    def gate(self, new, old, **env):
        return bash(f"""
            . scripts/lib.sh
            results_init "$VFIO_WC_OUT/r.tsv"
            gate_no_new row k1 $'{new}' $'{old}' >/dev/null
            cat "$VFIO_WC_OUT/r.tsv"
            memo_hit k1 && echo kept || echo not kept""", env).splitlines()

    def test_pass_is_kept(self):
        self.assertEqual(["gates\trow\tpass\t", "kept"], self.gate("w1", "w1"))

    def test_new_warning_fails_and_is_not_kept(self):
        self.assertEqual(["gates\trow\tfail\t1 new warnings", "not kept"],
                         self.gate("w1\\nw2", "w1"))

    def test_fixed_warning_passes(self):
        self.assertEqual("pass", self.gate("w1", "w1\\nw2")[0].split("\t")[2])

    def test_gates_fresh_runs_a_kept_gate(self):
        self.assertEqual("not kept", self.gate("w1", "w1", GATES_FRESH="1")[1])


if __name__ == "__main__":
    unittest.main()
