"""Run a pyperformance benchmark script with the pyperf stand-in importable.

Usage: INTERPRETER benches/pyperf_standin/run_with_standin.py SCRIPT [ARGS...]

pyjit does not read PYTHONPATH, so instead of setting it, each interpreter runs
this wrapper: it puts the stand-in's folder (this file's) first on sys.path,
the benchmark's own folder after it (some scripts import siblings), sets
sys.argv to the script and its arguments, and runs the script as __main__
with runpy.
"""

import os
import runpy
import sys


def main():
    if len(sys.argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    here = os.path.dirname(os.path.abspath(__file__))
    script = os.path.abspath(sys.argv[1])
    while here in sys.path:
        sys.path.remove(here)
    sys.path.insert(0, here)
    sys.path.insert(1, os.path.dirname(script))
    sys.argv = [script] + sys.argv[2:]
    import pyperf
    if not getattr(pyperf, "STANDIN", False):
        sys.stderr.write(f"run_with_standin: imported the wrong pyperf ({pyperf.__file__})\n")
        return 2
    runpy.run_path(script, run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
