#!/usr/bin/env python3
"""Run the kernel suite (benches/kernels/) under CPython, PyPy, Numba, C and pyjit.

Each kernel script runs its work once to warm up, times a second run and prints
`result: <repr>` and `time: <seconds>`. This runner records that warm time, the
whole-process wall time, and whether the result equals CPython's, then prints a
markdown table. Tools that are not installed show as "n/a".

Usage: python3 benches/run_kernels.py [--pyjit PATH] [--repeat N] [--only NAME]

Exit status: 0, or 1 when a tool that ran failed or printed a result different
from CPython's.
"""

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCHES = Path(__file__).resolve().parent
ROOT = BENCHES.parent
KERNELS = BENCHES / "kernels"
OUT = BENCHES / "out"
ORDER = ["float_sum", "mandelbrot", "collatz", "fib", "helper_call",
         "dot", "jacobi", "pairwise", "transform", "fractal_complex", "seed_article",
         "sieve", "spectral_norm", "nbody", "matmul_lists", "monte_carlo", "particles"]
TOOLS = ["CPython", "PyPy", "Numba", "C", "pyjit"]
# Variables that switch a JIT off or change its behaviour; cleared for every run.
MODE_ENV = ["PYJIT_DISABLE_JIT", "NUMBA_DISABLE_JIT", "PYJIT_JIT_THRESHOLD", "PYJIT_LOG"]


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pyjit", default=str(ROOT / "target" / "release" / "pyjit"),
                    help="pyjit binary (default: target/release/pyjit)")
    ap.add_argument("--pyjit-arg", action="append", default=[],
                    help="extra argument for pyjit, e.g. --pyjit-arg=--no-jit (repeatable)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per tool and kernel; the best is kept")
    ap.add_argument("--only", help="run only this kernel")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds allowed per process")
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    return args


def kernel_names(only):
    found = sorted(p.stem for p in KERNELS.glob("*.py"))
    names = [n for n in ORDER if n in found] + [n for n in found if n not in ORDER]
    if only is not None:
        if only not in names:
            sys.exit(f"unknown kernel {only!r}; known: {', '.join(names)}")
        names = [only]
    return names


def clean_env():
    env = dict(os.environ)
    for var in MODE_ENV:
        env.pop(var, None)
    env["PYTHONHASHSEED"] = "0"
    return env


def capture(cmd, lines=1):
    """The first lines of a version command's output, or None when it cannot run."""
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=clean_env())
    except (OSError, subprocess.TimeoutExpired):
        return None
    if p.returncode != 0:
        return None
    text = (p.stdout + p.stderr).strip()
    return " ".join(line.strip() for line in text.splitlines()[:lines]) if text else None


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


PYPY_NUMPY = [False]


def uses_numpy(name):
    return "import numpy" in (KERNELS / f"{name}.py").read_text()


def find_tools(pyjit):
    """Maps each tool to (command prefix or builder, version string), or None when absent."""
    tools = {}
    tools["CPython"] = (["python3"], capture(["python3", "--version"]))
    pypy = shutil.which("pypy3")
    tools["PyPy"] = ([pypy], capture([pypy, "--version"], lines=2)) if pypy else None
    # Kernels that import numpy run under PyPy only where it has numpy.
    PYPY_NUMPY[0] = bool(pypy and capture([pypy, "-c", "import numpy; print(1)"]) is not None)
    numba = capture(["python3", "-c", "import numba; print('numba', numba.__version__)"])
    tools["Numba"] = (["python3"], numba) if numba else None
    gcc = shutil.which("gcc")
    tools["C"] = ([gcc], capture([gcc, "--version"])) if gcc else None
    p = Path(pyjit)
    if p.is_file() and os.access(p, os.X_OK):
        tools["pyjit"] = ([str(p)], capture([str(p), "--version"]) or "(--version failed)")
    else:
        tools["pyjit"] = None
    return tools


def compile_c(name):
    """Compiles benches/kernels/c/<name>.c into benches/out/<name>; returns (binary, error)."""
    src = KERNELS / "c" / f"{name}.c"
    if not src.is_file():
        return None, f"{src.relative_to(ROOT)} missing"
    OUT.mkdir(exist_ok=True)
    exe = OUT / name
    cmd = ["gcc", "-O3", "-march=native", "-ffp-contract=off", "-o", str(exe), str(src), "-lm"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        return None, "gcc failed: " + p.stderr.strip()[-500:]
    return exe, None


def command_for(tool, prefix, name, c_binary, pyjit_args):
    if tool == "PyPy" and uses_numpy(name) and not PYPY_NUMPY[0]:
        return None
    if tool == "CPython" or tool == "PyPy":
        return prefix + [str(KERNELS / f"{name}.py")]
    if tool == "Numba":
        script = KERNELS / "numba" / f"{name}.py"
        return prefix + [str(script)] if script.is_file() else None
    if tool == "C":
        return [str(c_binary)] if c_binary else None
    if tool == "pyjit":
        return prefix + list(pyjit_args) + [str(KERNELS / f"{name}.py")]
    raise ValueError(tool)


def run_once(cmd, timeout):
    """Returns dict(result, time, wall) or dict(error=...)."""
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                           env=clean_env(), cwd=str(ROOT))
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:g} s"}
    except OSError as e:
        return {"error": str(e)}
    wall = time.perf_counter() - t0
    fields = {}
    for line in p.stdout.splitlines():
        key, sep, value = line.partition(": ")
        if sep and key in ("result", "time"):
            fields[key] = value.strip()
    if p.returncode != 0 or "result" not in fields or "time" not in fields:
        tail = " | ".join((p.stderr.strip() or p.stdout.strip()).splitlines()[-3:]) or "no output"
        what = "" if p.returncode != 0 else ", no result/time lines"
        return {"error": f"exit {p.returncode}{what}: {tail[-300:]}"}
    try:
        warm = float(fields["time"])
    except ValueError:
        return {"error": f"bad time line: {fields['time']!r}"}
    return {"result": fields["result"], "time": warm, "wall": wall}


def run_best(cmd, repeat, timeout):
    best = None
    results = set()
    for _ in range(repeat):
        r = run_once(cmd, timeout)
        if "error" in r:
            return r
        results.add(r["result"])
        if best is None or r["time"] < best["time"]:
            best = dict(r)
        best["wall"] = min(best["wall"], r["wall"])
    if len(results) > 1:
        return {"error": f"result changes between runs: {sorted(results)}"}
    return best


def fmt_cell(r):
    if r is None:
        return "n/a"
    if "error" in r:
        return "error"
    return f"{r['time']:.4g} s ({r['wall']:.3g} s)"


def ratio(a, b, suffix):
    if not a or not b or "error" in a or "error" in b or b["time"] <= 0:
        return "n/a"
    return f"{a['time'] / b['time']:.3g}{suffix}"


def main():
    args = parse_args()
    names = kernel_names(args.only)
    tools = find_tools(args.pyjit)

    print("# pyjit kernel suite")
    print()
    print(f"- machine: {cpu_model()}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}")
    for tool in TOOLS:
        info = tools[tool]
        detail = "not found" if info is None else info[1]
        if tool == "pyjit":
            detail = f"{args.pyjit}: {detail}" + (f" args {args.pyjit_arg}" if args.pyjit_arg else "")
        if tool == "C" and info is not None:
            detail += "; flags -O3 -march=native -ffp-contract=off"
        print(f"- {tool}: {detail}")
    print(f"- best of {args.repeat} run(s); cells: warm-run time (whole-process wall time)")
    print()

    rows = []
    problems = []
    for name in names:
        c_binary = None
        if tools["C"] is not None:
            c_binary, err = compile_c(name)
            if err:
                problems.append(f"{name} / C: {err}")
        res = {}
        for tool in TOOLS:
            info = tools[tool]
            if info is None:
                res[tool] = None
                continue
            cmd = command_for(tool, info[0], name, c_binary, args.pyjit_arg)
            if cmd is None:
                res[tool] = None
                continue
            print(f"running {name} with {tool} ...", file=sys.stderr, flush=True)
            res[tool] = run_best(cmd, args.repeat, args.timeout)
            if "error" in res[tool]:
                problems.append(f"{name} / {tool}: {res[tool]['error']}")

        ref = res["CPython"]
        mismatched = []
        for tool in TOOLS[1:]:
            r = res[tool]
            if r is None:
                continue
            if "error" in r or ref is None or "error" in ref or r["result"] != ref["result"]:
                mismatched.append(tool)
                if r is not None and "error" not in r and ref and "error" not in ref:
                    problems.append(f"{name} / {tool}: result {r['result']} != CPython's {ref['result']}")
        if ref is None or "error" in ref:
            match = "no CPython result"
        else:
            match = "yes" if not mismatched else "no: " + ", ".join(mismatched)
        rows.append([name] + [fmt_cell(res[t]) for t in TOOLS]
                    + [ratio(ref, res["pyjit"], "×"), ratio(res["pyjit"], res["Numba"], ""), match])

    header = ["kernel", "CPython", "PyPy", "Numba", "C", "pyjit",
              "pyjit speedup vs CPython", "pyjit/Numba", "results match"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    print("pyjit/Numba is pyjit's warm time divided by Numba's (below 1: pyjit is faster).")
    if problems:
        print()
        print("Problems:")
        for p in problems:
            print(f"- {p}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
