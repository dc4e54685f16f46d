"""A small stand-in for pyperf, for benches/run_pyperformance.py.

pyperformance's benchmark scripts (`bm_*/run_benchmark.py`) time their work
through pyperf, which needs C pieces (psutil, its own workers) and may not run
on pyjit's VM. This module implements the part of pyperf's API those scripts
use, in plain Python, so that CPython, PyPy and pyjit all run the same timing
code:

- `Runner(...)` with `metadata`, `argparser` (an `argparse.ArgumentParser`),
  `parse_args()`, `args`, `bench_func`, `bench_time_func`, `bench_async_func`
  and `bench_command`;
- `perf_counter`, `python_implementation()`, `python_has_jit()`.

There are no worker processes and no calibration by default: each `bench_*`
call runs the benchmark WARMUPS times untimed, then LOOPS times timed, each
timed run being one call of the function (`bench_time_func` gets `loops=1`).
A value is the run's seconds divided by `inner_loops` when the script gives
one, as pyperf reports it. With MIN_TIME > 0, each timed run repeats the call
(or passes a larger `loops`) as often as the warm-up says is needed to last at
least MIN_TIME seconds, and the value is divided by that count.

Settings come from the environment (so no option of a benchmark's own
argument parser can clash with them):

    PYPERF_STANDIN_LOOPS     timed runs per benchmark (default 5)
    PYPERF_STANDIN_WARMUPS   untimed runs before them (default 1)
    PYPERF_STANDIN_MIN_TIME  seconds a timed run should last at least (default 0)

Each `bench_*` call prints one line on stdout:

    pyperf-standin: {"name": ..., "values": [seconds per loop, ...], ...}

(JSON after the prefix; `mean` is the mean of `values`). A short
human-readable line goes to stderr. Everything else on stdout is the
benchmark's own output.
"""

import argparse
import json
import math
import os
import sys
import time

__version__ = "2.9.0"  # the pyperf API level this stand-in mimics
STANDIN = True
MARK = "pyperf-standin: "

perf_counter = time.perf_counter


def _env_int(name, default, minimum):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = int(raw)
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, not {value}")
    return value


def _env_float(name, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return float(raw)


LOOPS = _env_int("PYPERF_STANDIN_LOOPS", 5, 1)
WARMUPS = _env_int("PYPERF_STANDIN_WARMUPS", 1, 0)
MIN_TIME = _env_float("PYPERF_STANDIN_MIN_TIME", 0.0)
MAX_REPEAT = 10 ** 6


def python_implementation():
    return sys.implementation.name.lower()


def python_has_jit():
    return python_implementation() in ("pypy", "rustpython")


def _repeat_for(seconds):
    """How many calls make one timed run last MIN_TIME, given one call's time."""
    if MIN_TIME <= 0:
        return 1
    if seconds <= 0:
        return MAX_REPEAT
    return max(1, min(MAX_REPEAT, int(math.ceil(MIN_TIME / seconds))))


class Runner:
    def __init__(self, values=None, processes=None, loops=0, min_time=0.1,
                 metadata=None, show_name=True, program_args=None,
                 add_cmdline_args=None, _argparser=None, warmups=None, **kwargs):
        # values, processes, loops, min_time, warmups, program_args and
        # add_cmdline_args steer pyperf's worker processes; the stand-in has
        # none and takes its settings from the environment instead.
        self.metadata = dict(metadata or {})
        self.show_name = show_name
        self.program_args = program_args
        self.add_cmdline_args = add_cmdline_args
        if _argparser is None:
            _argparser = argparse.ArgumentParser(description="pyperformance benchmark (pyperf stand-in)")
        self.argparser = _argparser
        self.args = None
        self._names = set()

    def parse_args(self, args=None):
        if self.args is None:
            self.args = self.argparser.parse_args(args)
        return self.args

    # -- reporting ---------------------------------------------------------
    def _report(self, kind, name, values, warmup_values, repeat, inner_loops, metadata):
        if name in self._names:
            raise ValueError(f"duplicated benchmark name: {name!r}")
        self._names.add(name)
        mean = sum(values) / len(values)
        record = {
            "name": name,
            "kind": kind,
            "loops": len(values),
            "warmups": len(warmup_values),
            "repeat": repeat,
            "inner_loops": inner_loops,
            "values": values,
            "warmup_values": warmup_values,
            "mean": mean,
            "min": min(values),
            "implementation": python_implementation(),
        }
        sys.stdout.write(MARK + json.dumps(record) + "\n")
        sys.stdout.flush()
        sys.stderr.write(f"{name}: mean {mean:.6g} s per loop over {len(values)} loop(s)"
                         f" after {len(warmup_values)} warm-up(s)\n")
        sys.stderr.flush()

    @staticmethod
    def _inner(inner_loops):
        if inner_loops is None:
            return 1
        inner_loops = int(inner_loops)
        if inner_loops < 1:
            raise ValueError("inner_loops must be at least 1")
        return inner_loops

    # -- the bench_* methods -----------------------------------------------
    def _measure(self, kind, name, run, inner_loops, metadata):
        """run(repeat) -> seconds for `repeat` calls of the benchmark."""
        self.parse_args()
        inner = self._inner(inner_loops)
        warmup_values = []
        last = None
        for _ in range(WARMUPS):
            last = run(1)
            warmup_values.append(last / inner)
        if last is None and MIN_TIME > 0:
            last = run(1)
        repeat = _repeat_for(last) if last is not None else 1
        values = []
        for _ in range(LOOPS):
            values.append(run(repeat) / (repeat * inner))
        self._report(kind, name, values, warmup_values, repeat, inner, metadata)
        return None

    def bench_time_func(self, name, time_func, *args, inner_loops=None, metadata=None):
        """time_func(loops, *args) returns the seconds `loops` iterations took."""
        return self._measure("time_func", name, lambda repeat: float(time_func(repeat, *args)),
                             inner_loops, metadata)

    def bench_func(self, name, func, *args, inner_loops=None, metadata=None):
        """Times calls of func(*args)."""
        def run(repeat):
            if repeat == 1:
                t0 = perf_counter()
                func(*args)
                return perf_counter() - t0
            it = range(repeat)
            t0 = perf_counter()
            for _ in it:
                func(*args)
            return perf_counter() - t0
        return self._measure("func", name, run, inner_loops, metadata)

    def bench_async_func(self, name, func, *args, inner_loops=None, metadata=None):
        """Times `await func(*args)` in a fresh event loop per timed run, as pyperf does."""
        import asyncio

        def run(repeat):
            async def main():
                t0 = perf_counter()
                for _ in range(repeat):
                    await func(*args)
                return perf_counter() - t0

            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            try:
                return loop.run_until_complete(main())
            finally:
                asyncio.set_event_loop(None)
                loop.close()
        return self._measure("async_func", name, run, inner_loops, metadata)

    def bench_command(self, name, command):
        """Times runs of a command (its stdout discarded; a non-zero exit is an error)."""
        import subprocess

        def run(repeat):
            t0 = perf_counter()
            for _ in range(repeat):
                proc = subprocess.run(command, stdout=subprocess.DEVNULL)
                if proc.returncode != 0:
                    raise RuntimeError(f"{command!r} failed with exit code {proc.returncode}")
            return perf_counter() - t0
        return self._measure("command", name, run, None, None)
