"""Makes scripts/*.py importable from the host-side tests."""
import os
import sys

SCRIPTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts")
TESTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
if SCRIPTS not in sys.path:
    sys.path.insert(0, SCRIPTS)
