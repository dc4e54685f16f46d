#!/usr/bin/env python3
"""Run pyperformance's pure-Python benchmarks under CPython, PyPy and pyjit side by side.

The benchmark scripts are not in this repository: the runner downloads the
pyperformance wheel from PyPI (`python3 -m pip download pyperformance==1.14.0
--no-deps`) into a cache folder (default benches/out/pyperformance/, ignored by
git) and extracts its `pyperformance/data-files/benchmarks/bm_*` folders. Every
interpreter runs each `run_benchmark.py` through benches/pyperf_standin/
(run_with_standin.py puts our pyperf stand-in first on sys.path; pyjit does not
read PYTHONPATH), which times LOOPS runs after one warm-up and prints seconds per
loop in a `pyperf-standin: {json}` line.

For each benchmark the runner records seconds per loop under each interpreter,
checks that the program's other stdout and its exit status equal CPython's,
optionally counts what pyjit's `--jit-log` reports compiled and left
interpreted, and prints a markdown table with the geometric mean of pyjit's
speed relative to CPython's. Interpreters that are not installed show as n/a.

Usage: python3 benches/run_pyperformance.py [--pyjit PATH] [--loops N] [--only NAME]
           [--exclude NAME] [--timeout S] [--jit-log] [--list]

Exit status: 0, or 1 when an interpreter that ran failed, timed out or gave an
output other than CPython's.
"""

import argparse
import json
import math
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

BENCHES = Path(__file__).resolve().parent
ROOT = BENCHES.parent
STANDIN = BENCHES / "pyperf_standin"
WRAPPER = STANDIN / "run_with_standin.py"
OUT = BENCHES / "out"
VERSION = "1.14.0"
TOOLS = ["CPython", "PyPy", "pyjit"]
MARK = "pyperf-standin: "
# Issue 17's table, run first and in this order; the rest follow alphabetically.
ISSUE_17 = ["nbody", "raytrace", "richards", "deltablue", "go", "chaos", "hexiom",
            "nqueens", "fannkuch", "float", "spectral_norm"]
# Benchmarks that need no third-party package but are still not run.
SKIP = {
    "2to3": "bench_command runs `sys.executable -m lib2to3` and pip-installs the "
            "vendored lib2to3 into the interpreter where it is missing (pyjit's 3.14 stdlib)",
}
# Variables that switch a JIT off or change its behaviour; cleared for every run.
MODE_ENV = ["PYJIT_DISABLE_JIT", "NUMBA_DISABLE_JIT", "PYJIT_JIT_THRESHOLD", "PYJIT_LOG",
            "PYJIT_DUMP", "PYJIT_DUMP_LLVM", "PYTHONPATH", "PYTHONSTARTUP"]


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pyjit", default=str(ROOT / "target" / "release" / "pyjit"),
                    help="pyjit binary (default: target/release/pyjit)")
    ap.add_argument("--pyjit-arg", action="append", default=[],
                    help="extra argument for pyjit, e.g. --pyjit-arg=--no-jit (repeatable)")
    ap.add_argument("--loops", type=int, default=5, help="timed loops per benchmark after the warm-up (default 5)")
    ap.add_argument("--warmups", type=int, default=1, help="untimed loops before them (default 1)")
    ap.add_argument("--min-time", type=float, default=0.0,
                    help="repeat the call in each timed loop until it lasts this many seconds "
                         "(pyperf-like calibration; default 0: one call per loop)")
    ap.add_argument("--only", action="append", default=[],
                    help="run only this benchmark (repeatable, or comma-separated)")
    ap.add_argument("--exclude", action="append", default=[],
                    help="do not run this benchmark (repeatable, or comma-separated)")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds allowed per process (default 600)")
    ap.add_argument("--jit-log", action="store_true",
                    help="run pyjit with --jit-log and count compiled / interpreted loops")
    ap.add_argument("--cache", default=str(OUT / "pyperformance"),
                    help="folder for the wheel and its extracted benchmarks (default benches/out/pyperformance)")
    ap.add_argument("--wheel", help="use this pyperformance wheel instead of downloading one")
    ap.add_argument("--json", default=str(OUT / "pyperformance-results.json"),
                    help="where to write every measurement (default benches/out/pyperformance-results.json)")
    ap.add_argument("--list", action="store_true", help="list the benchmarks and the skipped ones, run nothing")
    args = ap.parse_args()
    if args.loops < 1:
        ap.error("--loops must be at least 1")
    if args.warmups < 0:
        ap.error("--warmups must be at least 0")
    args.only = [n for item in args.only for n in item.split(",") if n]
    args.exclude = [n for item in args.exclude for n in item.split(",") if n]
    return args


# -- obtaining the benchmarks ------------------------------------------------

def fetch_benchmarks(cache, wheel):
    """Returns the extracted data-files/benchmarks folder, downloading the wheel if needed."""
    cache = Path(cache)
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / f"pyperformance-{VERSION}"
    bench_dir = target / "pyperformance" / "data-files" / "benchmarks"
    done = target / ".extracted"
    if done.is_file() and bench_dir.is_dir():
        return bench_dir
    if wheel is None:
        found = sorted(cache.glob(f"pyperformance-{VERSION}-*.whl"))
        if not found:
            print(f"downloading pyperformance {VERSION} into {cache} ...", file=sys.stderr, flush=True)
            cmd = [sys.executable, "-m", "pip", "download", f"pyperformance=={VERSION}",
                   "--no-deps", "--only-binary=:all:", "-d", str(cache)]
            p = subprocess.run(cmd, capture_output=True, text=True)
            if p.returncode != 0:
                sys.exit(f"pip download failed:\n{p.stdout}{p.stderr}")
            found = sorted(cache.glob(f"pyperformance-{VERSION}-*.whl"))
            if not found:
                sys.exit(f"pip download left no pyperformance-{VERSION} wheel in {cache}")
        wheel = found[0]
    if target.exists():
        shutil.rmtree(target)
    prefix = "pyperformance/data-files/benchmarks/"
    with zipfile.ZipFile(wheel) as z:
        members = [m for m in z.namelist() if m.startswith(prefix)]
        if not members:
            sys.exit(f"{wheel} holds no {prefix}")
        z.extractall(target, members)
    done.write_text(f"{Path(wheel).name}\n")
    return bench_dir


def read_toml(path):
    text = path.read_text()
    try:
        import tomllib
        return tomllib.loads(text)
    except ImportError:  # Python < 3.11: the few keys we need
        data = {"project": {}, "tool": {"pyperformance": {}}}
        section = None
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("["):
                section = line.strip("[]")
                continue
            key, sep, value = line.partition("=")
            if not sep:
                continue
            key, value = key.strip(), value.strip()
            if section == "tool.pyperformance" and key in ("name", "extra_opts"):
                data["tool"]["pyperformance"][key] = eval(value, {})  # strings and lists of strings
        return data


def discover(bench_dir):
    """Returns (benchmarks, skipped): benchmarks as dicts name/dir/script/extra_opts,
    skipped as a list of (name, reason)."""
    benchmarks, skipped = [], []
    for d in sorted(p for p in bench_dir.glob("bm_*") if p.is_dir()):
        script = d / "run_benchmark.py"
        metas = [d / "pyproject.toml"] + sorted(d.glob("bm_*.toml"))
        entries = []
        for meta in metas:
            if not meta.is_file():
                continue
            tool = read_toml(meta).get("tool", {}).get("pyperformance", {})
            name = tool.get("name") or d.name[3:]
            entries.append((name, list(tool.get("extra_opts", []))))
        if not entries:
            entries = [(d.name[3:], [])]
        reqs = d / "requirements.txt"
        reason = None
        if not script.is_file():
            reason = "no run_benchmark.py"
        elif reqs.is_file():
            pkgs = [line.split("#")[0].strip() for line in reqs.read_text().splitlines()]
            reason = "needs third-party packages: " + ", ".join(p for p in pkgs if p)
        elif d.name[3:] in SKIP:
            reason = SKIP[d.name[3:]]
        for name, extra in entries:
            if reason:
                skipped.append((name, reason))
            else:
                benchmarks.append({"name": name, "dir": d, "script": script, "extra_opts": extra})
    order = {n: i for i, n in enumerate(ISSUE_17)}
    benchmarks.sort(key=lambda b: (order.get(b["name"], len(order)), b["name"]))
    return benchmarks, skipped


# -- running -------------------------------------------------------------------

def clean_env(args):
    env = dict(os.environ)
    for var in MODE_ENV:
        env.pop(var, None)
    env["PYTHONHASHSEED"] = "0"
    env["PYPERF_STANDIN_LOOPS"] = str(args.loops)
    env["PYPERF_STANDIN_WARMUPS"] = str(args.warmups)
    env["PYPERF_STANDIN_MIN_TIME"] = repr(args.min_time)
    return env


def capture(cmd, lines=1):
    """The first lines of a version command's output, or None when it cannot run."""
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
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


def find_tools(args):
    """Maps each tool to (command prefix, version string), or None when absent."""
    tools = {}
    py = shutil.which("python3")
    tools["CPython"] = ([py], capture([py, "--version"])) if py else None
    pypy = shutil.which("pypy3")
    tools["PyPy"] = ([pypy], capture([pypy, "--version"], lines=2)) if pypy else None
    p = Path(args.pyjit)
    if p.is_file() and os.access(p, os.X_OK):
        prefix = [str(p)] + list(args.pyjit_arg) + (["--jit-log"] if args.jit_log else [])
        tools["pyjit"] = (prefix, capture([str(p), "--version"]) or "(--version failed)")
    else:
        tools["pyjit"] = None
    return tools


def error_line(stderr, stdout):
    """The line that names the error: a traceback's last line, else the last non-log line."""
    lines = [l for l in (stderr or "").splitlines()
             if l.strip() and not l.startswith("pyjit: ") and not re.match(r"^\S+: mean \S+ s per loop", l)]
    if not lines:
        lines = [l for l in (stdout or "").splitlines() if l.strip() and not l.startswith(MARK)]
    if not lines:
        return "no output"
    for i, l in enumerate(lines):
        if l.startswith("Traceback (most recent call last)"):
            rest = [x for x in lines[i + 1:] if not x.startswith(" ")]
            if rest:
                return rest[0].strip()[:300]
    return lines[-1].strip()[:300]


JIT_SUMMARY = re.compile(r"^pyjit: (\d+) trace\(s\) compiled; (\d+) of (\d+) hot loops/functions stayed interpreted")
JIT_COMPILED = re.compile(r"^pyjit: (.+?): compiled in ([\d.]+) ms")
JIT_INTERP = re.compile(r"^pyjit: (.+?): stays interpreted: (.*?)(?: \(at instruction \d+\))?$")


def parse_jit_log(stderr):
    compiled_sites, interp_sites, reasons = set(), set(), {}
    ms = 0.0
    summary = None
    for line in stderr.splitlines():
        m = JIT_SUMMARY.match(line)
        if m:
            summary = tuple(int(x) for x in m.groups())
            continue
        m = JIT_COMPILED.match(line)
        if m:
            compiled_sites.add(m.group(1))
            ms += float(m.group(2))
            continue
        m = JIT_INTERP.match(line)
        if m:
            interp_sites.add(m.group(1))
            reasons[m.group(2)] = reasons.get(m.group(2), 0) + 1
    if summary is None and not compiled_sites and not interp_sites:
        return None
    log = {"compiled_sites": len(compiled_sites), "interpreted_sites": len(interp_sites),
           "compile_ms": round(ms, 2), "reasons": sorted(reasons.items(), key=lambda kv: -kv[1])}
    if summary:
        log["traces"], log["interpreted"], log["hot"] = summary
    return log


def run_one(cmd, bench, args, env):
    """Runs one interpreter on one benchmark; returns a result dict."""
    workdir = tempfile.mkdtemp(prefix="pyperf-run-")
    t0 = time.perf_counter()
    try:
        # A session of its own, so that a timeout ends the benchmark's children too.
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                errors="replace", env=env, cwd=workdir, start_new_session=True)
    except OSError as e:
        shutil.rmtree(workdir, ignore_errors=True)
        return {"status": "error", "error": str(e)}
    try:
        stdout, stderr = proc.communicate(timeout=args.timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        stdout, stderr = proc.communicate()
        r = {"status": "timeout", "error": f"timed out after {args.timeout:g} s",
             "wall": time.perf_counter() - t0}
        log = parse_jit_log(stderr)
        if log:
            r["jit_log"] = log
        return r
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    p = subprocess.CompletedProcess(cmd, proc.returncode, stdout, stderr)
    wall = time.perf_counter() - t0
    records, output = [], []
    for line in p.stdout.splitlines():
        if line.startswith(MARK):
            try:
                records.append(json.loads(line[len(MARK):]))
            except ValueError:
                output.append(line)
        else:
            output.append(line)
    r = {"exit": p.returncode, "output": "\n".join(output), "records": records, "wall": wall}
    if p.returncode != 0:
        r["status"] = "error"
        r["error"] = f"exit {p.returncode}: {error_line(p.stderr, p.stdout)}"
    elif not records:
        r["status"] = "error"
        r["error"] = "no pyperf-standin line: " + error_line(p.stderr, p.stdout)
    else:
        r["status"] = "ok"
        r["time"] = sum(rec["mean"] for rec in records)
    log = parse_jit_log(p.stderr)
    if log:
        r["jit_log"] = log
    return r


def same_output(r, ref):
    return r.get("exit") == ref.get("exit") and r.get("output") == ref.get("output")


def timed_names(r):
    return [x["name"] for x in r.get("records", [])] if r else []


def other_benchmarks(r, ref):
    """True when r timed other benchmarks than CPython (scripts choose by implementation:
    xml_etree's pure-Python variants under PyPy, pprint without _safe_repr)."""
    return (r is not None and ref is not None and r.get("status") == "ok" and ref.get("status") == "ok"
            and timed_names(r) != timed_names(ref))


# -- the table -----------------------------------------------------------------

def fmt_time(r):
    if r is None:
        return "n/a"
    if r["status"] == "timeout":
        return "timeout"
    if r["status"] != "ok":
        return "error"
    return f"{r['time']:.4g} s"


def fmt_jit_log(r):
    if r is None or "jit_log" not in r:
        return "n/a" if r is None or r.get("status") == "ok" else "-"
    log = r["jit_log"]
    if "traces" in log:
        cell = f"{log['traces']}/{log['interpreted']}"
    else:  # no summary line: the process did not end normally
        cell = f"{log['compiled_sites']}/{log['interpreted_sites']} (no summary)"
    if log["compile_ms"]:
        cell += f" ({log['compile_ms']:.0f} ms)"
    return cell


def speed(ref, r):
    """CPython's time over r's: above 1, r is faster; None when not comparable."""
    if not ref or not r or ref["status"] != "ok" or r["status"] != "ok" or r["time"] <= 0:
        return None
    if other_benchmarks(r, ref):
        return None
    return ref["time"] / r["time"]


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def main():
    args = parse_args()
    bench_dir = fetch_benchmarks(args.cache, args.wheel)
    benchmarks, skipped = discover(bench_dir)
    names = [b["name"] for b in benchmarks]
    for n in args.only + args.exclude:
        if n not in names and n not in [s[0] for s in skipped]:
            sys.exit(f"unknown benchmark {n!r}; known: {', '.join(names)}")
    if args.only:
        benchmarks = [b for b in benchmarks if b["name"] in args.only]
        skipped = [s for s in skipped if s[0] in args.only]
    if args.exclude:
        benchmarks = [b for b in benchmarks if b["name"] not in args.exclude]
        skipped = [s for s in skipped if s[0] not in args.exclude]

    if args.list:
        for b in benchmarks:
            extra = " " + " ".join(b["extra_opts"]) if b["extra_opts"] else ""
            print(f"{b['name']}: {b['dir'].name}/run_benchmark.py{extra}")
        for name, why in skipped:
            print(f"{name}: skipped: {why}")
        return 0

    tools = find_tools(args)
    env = clean_env(args)
    print("# pyperformance suite (pyperf stand-in)")
    print()
    print(f"- machine: {cpu_model()}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}")
    for tool in TOOLS:
        info = tools[tool]
        detail = "not found" if info is None else f"{info[0][0]}: {info[1]}"
        if tool == "pyjit" and info is not None and len(info[0]) > 1:
            detail += f"; args {' '.join(info[0][1:])}"
        print(f"- {tool}: {detail}")
    print(f"- scripts: pyperformance {VERSION} from PyPI ({bench_dir})")
    print(f"- seconds per loop: mean of {args.loops} timed loop(s) after {args.warmups} warm-up(s)"
          + (f", each at least {args.min_time:g} s" if args.min_time > 0 else ", one call each")
          + "; a script with several benchmarks shows their sum")
    print()

    results = []
    problems = []
    for b in benchmarks:
        res = {}
        for tool in TOOLS:
            info = tools[tool]
            if info is None:
                res[tool] = None
                continue
            cmd = info[0] + [str(WRAPPER), str(b["script"])] + b["extra_opts"]
            print(f"running {b['name']} with {tool} ...", file=sys.stderr, flush=True)
            res[tool] = run_one(cmd, b, args, env)
            r = res[tool]
            note = f"{r['time']:.4g} s per loop" if r["status"] == "ok" else r["error"]
            print(f"  {note} (process {r.get('wall', 0):.3g} s)", file=sys.stderr, flush=True)
            if r["status"] != "ok":
                problems.append(f"{b['name']} / {tool}: {r['error']}")
        ref = res["CPython"]
        mismatched = []
        if ref is None or ref["status"] == "timeout" or "exit" not in ref:
            match = "no CPython result"
        else:
            for tool in TOOLS[1:]:
                r = res[tool]
                if r is None:
                    continue
                if r["status"] == "timeout" or "exit" not in r:
                    mismatched.append(f"{tool} ({r['status']})")
                elif not same_output(r, ref):
                    mismatched.append(tool)
                    if r["status"] == "ok" and ref["status"] == "ok":
                        problems.append(f"{b['name']} / {tool}: output differs from CPython's")
            match = "yes" if not mismatched else "no: " + ", ".join(mismatched)
        results.append({"name": b["name"], "extra_opts": b["extra_opts"], "results": res, "match": match})

    header = ["benchmark", "CPython", "PyPy", "pyjit", "pyjit vs CPython", "output matches",
              "jit-log compiled/interpreted"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    pyjit_speeds, pypy_speeds, others = [], [], []
    for row in results:
        res = row["results"]
        s = speed(res["CPython"], res["pyjit"])
        sp = speed(res["CPython"], res["PyPy"])
        if s is not None:
            pyjit_speeds.append(s)
        if sp is not None:
            pypy_speeds.append(sp)
        times = []
        for t in TOOLS:
            cell = fmt_time(res[t])
            if other_benchmarks(res[t], res["CPython"]):
                cell += " †"
                others.append(f"{row['name']} / {t}: timed {', '.join(timed_names(res[t]))}; "
                              f"CPython timed {', '.join(timed_names(res['CPython']))}")
            times.append(cell)
        cells = [row["name"]] + times + [
            f"{s:.3g}×" if s is not None else "n/a", row["match"],
            fmt_jit_log(res["pyjit"]) if args.jit_log else "n/a"]
        print("| " + " | ".join(cells) + " |")
    print()
    if others:
        print("† the script timed other benchmarks under this interpreter than under CPython "
              "(left out of the ratios):")
        print()
        for o in others:
            print(f"- {o}")
        print()
    g = geomean(pyjit_speeds)
    gp = geomean(pypy_speeds)
    print(f"Geometric mean of CPython's time over pyjit's (above 1: pyjit faster): "
          + (f"{g:.3g}× over {len(pyjit_speeds)} benchmark(s)" if g else "n/a"))
    print(f"The same for PyPy: " + (f"{gp:.3g}× over {len(pypy_speeds)} benchmark(s)" if gp else "n/a"))
    if args.jit_log:
        print()
        print("jit-log: traces compiled / hot loops and functions that stayed interpreted "
              "(total compile time), from pyjit's summary line.")
        rows = [(r["name"], r["results"]["pyjit"]["jit_log"]["reasons"]) for r in results
                if r["results"].get("pyjit") and r["results"]["pyjit"].get("jit_log")
                and r["results"]["pyjit"]["jit_log"]["reasons"]]
        if rows:
            print()
            print("Most frequent reasons pyjit gave for staying interpreted:")
            print()
            for name, reasons in rows:
                top = "; ".join(f"{why} ({n})" for why, n in reasons[:3])
                print(f"- {name}: {top}")
    if skipped:
        print()
        print("Skipped:")
        for name, why in skipped:
            print(f"- {name}: {why}")
    if problems:
        print()
        print("Problems:")
        for p in problems:
            print(f"- {p}")

    if args.json:
        out = Path(args.json)
        out.parent.mkdir(parents=True, exist_ok=True)
        data = {"pyperformance": VERSION, "loops": args.loops, "warmups": args.warmups,
                "min_time": args.min_time,
                "tools": {t: (None if tools[t] is None else {"command": tools[t][0], "version": tools[t][1]})
                          for t in TOOLS},
                "benchmarks": results, "skipped": skipped,
                "geomean_pyjit_vs_cpython": g, "geomean_pypy_vs_cpython": gp}
        out.write_text(json.dumps(data, indent=1, default=str) + "\n")
        print(f"\nall measurements: {out}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
