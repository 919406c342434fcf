#!/usr/bin/env python3
"""Does parse time grow linearly? The 2022 minutes concatenated 1, 10, 50 and 100 times, timed in one
process with the model loaded; the figure is the ratio of per-MB times between the largest and 1×
(target: within 1.5). CPU time (process_time) is reported next to wall time: on a shared machine the
wall clock measures the neighbours too.

usage: python scripts/bench_linearity.py [--factors 1,10,50,100] [--rounds N] [--profile FACTOR]

--profile F runs cProfile on the F× text and prints the 25 most expensive functions (cumulative), the
way to find the code that is not linear when the ratio drifts.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile.inputs import repeated_minutes  # noqa: E402

import pvparse  # noqa: E402
from pvparse.nlp import load_nlp  # noqa: E402


def timed(text: str, rounds: int) -> tuple[float, float]:
    """Best wall and best CPU seconds over `rounds` parses."""
    walls, cpus = [], []
    for _ in range(rounds):
        gc.collect()
        w, c = time.perf_counter(), time.process_time()
        pvparse.parse_text(text)
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--factors", default="1,10,50,100")
    ap.add_argument("--rounds", type=int, default=2, help="best of N per size (default 2; 1× gets 5)")
    ap.add_argument("--profile", type=int, default=0, metavar="FACTOR")
    args = ap.parse_args()
    load_nlp()
    pvparse.parse_text(repeated_minutes(1))  # warm-up: lexicons, compiled patterns, caches

    if args.profile:
        text = repeated_minutes(args.profile)
        prof = cProfile.Profile()
        prof.runcall(pvparse.parse_text, text)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        return 0

    rows = []
    for factor in (int(f) for f in args.factors.split(",")):
        text = repeated_minutes(factor)
        mb = len(text.encode("utf-8")) / 1e6
        wall, cpu = timed(text, max(args.rounds, 5) if factor == 1 else args.rounds)
        rows.append((factor, mb, wall, cpu))
        print(
            f"{factor:4d}x {mb:7.2f} MB  wall {wall:8.2f} s ({wall / mb:6.2f} s/MB)  "
            f"cpu {cpu:8.2f} s ({cpu / mb:6.2f} s/MB)",
            flush=True,
        )
    base, last = rows[0], rows[-1]
    ratio_wall = (last[2] / last[1]) / (base[2] / base[1])
    ratio_cpu = (last[3] / last[1]) / (base[3] / base[1])
    verdict = "linear" if ratio_cpu <= 1.5 else "NOT linear"
    print(
        f"per-MB ratio {last[0]}x / {base[0]}x: cpu {ratio_cpu:.2f}, wall {ratio_wall:.2f} "
        f"(target <= 1.5: {verdict})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
