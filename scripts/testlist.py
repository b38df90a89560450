#!/usr/bin/env python3
"""testlist.py: the test lists (tests/*.list), filtered once, on the host,
for one guest.

A line:  <suite> <program> <device classes...> [@tag] [@!tag]
  <suite>    a directory under tools/testing/selftests, or "demo" (demo/*.c)
  <program>  a make target in it (a path below it)
  classes    each runs the program once per device of the class, with its
             BDF; "none" runs it once without one
  @tag       only guests with that tag; @!tag: not guests with it.  A
             guest's tags are its name and its G_TAGS (guests/*.sh).
'#' starts a comment line.

  testlist.py filter TAGS LIST         the guest's lines without tags (what
                                       the guest's /init reads)
  testlist.py targets TAGS LIST...     "<suite> <program>..." per suite:
                                       what to build for the guest
TAGS is one argument, the tags separated by blanks.
"""
import sys


def parse(line):
    """(suite, program, [classes], [tags]) of a list line; None for a
    blank or comment line."""
    words = line.split()
    if not words or words[0].startswith("#"):
        return None
    tags = [w for w in words if w.startswith("@")]
    rest = [w for w in words if not w.startswith("@")]
    if len(rest) < 3:
        raise ValueError(f"not '<suite> <program> <classes...>': {line.strip()}")
    return rest[0], rest[1], rest[2:], tags


def wanted(tags, guest_tags):
    """Does a line with @tags run on a guest with guest_tags?"""
    have = set(guest_tags)
    pos = [t[1:] for t in tags if not t.startswith("@!")]
    neg = [t[2:] for t in tags if t.startswith("@!")]
    return (not pos or any(t in have for t in pos)) and not any(t in have for t in neg)


def entries(lines, guest_tags):
    """(suite, program, [classes]) of the lines for a guest, in order."""
    out = []
    for line in lines:
        e = parse(line)
        if e and wanted(e[3], guest_tags):
            out.append(e[:3])
    return out


def targets(lists, guest_tags):
    """{suite: [programs]} to build for a guest, in first-seen order."""
    out = {}
    for lines in lists:
        for suite, prog, _ in entries(lines, guest_tags):
            progs = out.setdefault(suite, [])
            if prog not in progs:
                progs.append(prog)
    return out


def main(argv):
    if len(argv) < 3 or argv[0] not in ("filter", "targets"):
        sys.exit(__doc__)
    tags = argv[1].split()
    lists = [open(p).read().splitlines() for p in argv[2:]]
    if argv[0] == "filter":
        for suite, prog, classes in entries(lists[0], tags):
            print(" ".join([suite, prog] + classes))
    else:
        for suite, progs in targets(lists, tags).items():
            print(" ".join([suite] + progs))


if __name__ == "__main__":
    main(sys.argv[1:])
