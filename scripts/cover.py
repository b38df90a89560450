#!/usr/bin/env python3
"""cover.py COVER_LETTER: the branch description that 'make refresh' turns
back into the cover letter: its subject without "[PATCH ...]", a blank
line, and its text up to git's shortlog ("vfio-wc (N):")."""
import email
import re
import sys


def description(text):
    """The branch description of the cover letter @text (an mbox message)."""
    msg = email.message_from_string(text)
    subject = re.sub(r"\s+", " ", re.sub(r"^\[PATCH[^]]*\]\s*", "", msg["Subject"]))
    body = msg.get_payload().split("\n")
    end = next((i for i, l in enumerate(body) if re.match(r"^vfio-wc \(\d+\):$", l)), len(body))
    return subject + "\n\n" + "\n".join(body[:end]).strip() + "\n"


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        print(description(f.read()))
