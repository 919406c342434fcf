"""Batch: many minutes files → one JSON each, a manifest, worker processes that may crash.

Layout of `--out DIR`: the input tree mirrored, `<stem>.json` per input (`<name>.<ext>.json` when two
inputs of one folder share a stem), `<stem>.txt` beside it with `--emit-text`, `<stem>.html` (the
review page) with `--render`, and `manifest.jsonl`: one line per input, then one summary line.

Durability: every output is written to a temp file and renamed, so no truncated JSON ever exists; each
manifest line is appended as soon as its input is done, so after a `kill -9` a resumed batch knows what
is finished (`resume` skips inputs whose output exists and whose sha256 matches the manifest).

Isolation: each worker process loads the spaCy model once and handles inputs one at a time; a worker
that dies or overruns its time is replaced and its input recorded as failed; workers are recycled after
`max_tasks_per_worker` inputs so memory stays flat over thousands of files.
"""

from __future__ import annotations

import fnmatch
import gc
import hashlib
import json
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Literal

from .errors import InputError, PVParseError
from .files import TEMP_PREFIX, write_atomic

Status = Literal["ok", "partial", "failed"]

MANIFEST_NAME = "manifest.jsonl"
DEFAULT_EXTENSIONS = frozenset(
    {".txt", ".text", ".md", ".markdown", ".rst", ".docx", ".docm", ".odt", ".html", ".htm", ".xhtml"}
    | {".pdf", ".doc"}
)


@dataclass(frozen=True)
class Outputs:
    """What is written beside each JSON: the extracted text (`<stem>.txt`), the review page
    (`<stem>.html`)."""

    text: bool = False
    page: bool = False


@dataclass(frozen=True)
class BatchOptions:
    out_dir: Path
    jobs: int = 1
    resume: bool = False
    outputs: Outputs = Outputs()
    timeout: float = 600.0  # seconds one input may take before its worker is killed
    max_tasks_per_worker: int = 250


@dataclass(frozen=True)
class Task:
    """One input: where it is, how the manifest names it, where its outputs go."""

    source: Path  # as found (given path joined with folder walk)
    name: str  # POSIX path relative to the mirrored root: the manifest key
    output: str  # POSIX path of the JSON, relative to the output folder


@dataclass(frozen=True)
class Counts:
    sections: int = 0
    turns: int = 0
    lists: int = 0
    decisions: int = 0
    diagnostics: int = 0


@dataclass(frozen=True)
class Record:
    """One manifest line."""

    path: str
    output: str | None
    sha256: str | None
    media_type: str | None
    status: Status
    error: str | None
    counts: Counts
    seconds: float
    skipped: bool = False  # resumed: done by an earlier run

    def to_json(self) -> str:
        data = {
            "path": self.path,
            "output": self.output,
            "sha256": self.sha256,
            "media_type": self.media_type,
            "status": self.status,
            "error": self.error,
            "counts": self.counts.__dict__,
            "seconds": round(self.seconds, 3),
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_json(cls, line: str) -> Record | None:
        """A record from a manifest line, or None for a summary line or a line cut by a crash."""
        try:
            data = json.loads(line)
            if not isinstance(data, dict) or "summary" in data:
                return None
            return cls(
                path=str(data["path"]),
                output=data.get("output"),
                sha256=data.get("sha256"),
                media_type=data.get("media_type"),
                status=data["status"],
                error=data.get("error"),
                counts=Counts(**data.get("counts", {})),
                seconds=float(data.get("seconds", 0.0)),
            )
        except (ValueError, TypeError, KeyError):
            return None


@dataclass(frozen=True)
class Summary:
    total: int
    ok: int
    partial: int
    failed: int
    skipped: int
    seconds: float
    records: tuple[Record, ...] = field(repr=False, default=())

    def to_json(self) -> str:
        counts = {k: getattr(self, k) for k in ("total", "ok", "partial", "failed", "skipped")}
        return json.dumps({"summary": {**counts, "seconds": round(self.seconds, 3)}})


# --- inputs and outputs ----------------------------------------------------------------------------


def collect_tasks(inputs: Sequence[Path], out_dir: Path, pattern: str | None = None) -> list[Task]:
    """Files given and files under folders given (recursively, sorted), with their output paths.

    Folders contribute files matching `pattern` (fnmatch on the file name), by default every file of a
    supported extension; hidden files, Word lock files (`~$...`) and the output folder are skipped.
    """
    out_resolved = out_dir.resolve()
    found: dict[Path, Path] = {}  # resolved → as given
    roots: list[Path] = []
    for given in inputs:
        if given.is_dir():
            roots.append(given.resolve())
            for path in sorted(given.rglob("*")):
                resolved = path.resolve()
                if not path.is_file() or _is_within(resolved, out_resolved) or _hidden(path, given):
                    continue
                if pattern is not None and not fnmatch.fnmatch(path.name, pattern):
                    continue
                if pattern is None and path.suffix.lower() not in DEFAULT_EXTENSIONS:
                    continue
                found.setdefault(resolved, path)
        else:
            if not given.exists():
                raise InputError(f"{given}: no such file or folder")
            roots.append(given.resolve().parent)
            found.setdefault(given.resolve(), given)
    if not found:
        return []
    base = Path(os.path.commonpath([str(r) for r in roots]))
    names = {resolved: resolved.relative_to(base).as_posix() for resolved in found}
    return _assign_outputs([(found[r], names[r]) for r in sorted(found, key=lambda r: names[r])])


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _hidden(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return any(part.startswith(".") for part in parts) or path.name.startswith("~$")


def _assign_outputs(items: Iterable[tuple[Path, str]]) -> list[Task]:
    """`a/pv.json`, or `a/pv.docx.json` and `a/pv.pdf.json` when both exist in `a/`."""
    items = list(items)
    stems: dict[tuple[str, str], int] = {}
    for _, name in items:
        parent, _, filename = name.rpartition("/")
        key = (parent, Path(filename).stem.lower())
        stems[key] = stems.get(key, 0) + 1
    tasks = []
    for source, name in items:
        parent, _, filename = name.rpartition("/")
        shared = stems[(parent, Path(filename).stem.lower())] > 1
        out_name = filename if shared else Path(filename).stem
        tasks.append(Task(source, name, (f"{parent}/" if parent else "") + out_name + ".json"))
    return tasks


def text_output(output: str) -> str:
    return output.removesuffix(".json") + ".txt"


def sha256_of(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


# --- one input (runs in a worker) ------------------------------------------------------------------


def page_output(output: str) -> str:
    return output[: -len(".json")] + ".html" if output.endswith(".json") else output + ".html"


def process_task(task: Task, out_dir: Path, outputs: Outputs) -> Record:
    """Parse one input and write its outputs; every failure becomes a `failed` record."""
    from .emit import to_json
    from .pipeline import parse_source
    from .read import read_source

    started = time.perf_counter()
    try:
        source = read_source(task.source)
        document = parse_source(source)
        write_atomic(out_dir / task.output, to_json(document))
        if outputs.text:
            write_atomic(out_dir / text_output(task.output), source.text)
        if outputs.page:
            from .render import render_html

            write_atomic(out_dir / page_output(task.output), render_html(document, source.text))
    except PVParseError as exc:
        return _failed(task, _relative_message(str(exc), task), started)
    except (MemoryError, RecursionError) as exc:
        return _failed(task, f"{task.name}: too complex to process ({type(exc).__name__})", started)
    except OSError as exc:
        return _failed(task, f"{task.name}: cannot write output ({exc.strerror or exc})", started)
    except Exception as exc:  # a bug on one file must not stop the batch
        return _failed(task, f"{task.name}: internal error ({type(exc).__name__}: {exc})", started)
    counts = Counts(
        sections=len(document.sections),
        turns=len(document.turns),
        lists=len(document.lists),
        decisions=len(document.decisions),
        diagnostics=len(document.diagnostics),
    )
    errors = any(d.severity == "error" for d in document.diagnostics)
    empty = not (counts.sections or counts.turns or counts.lists or counts.decisions)
    return Record(
        path=task.name,
        output=task.output,
        sha256=source.sha256,
        media_type=source.media_type,
        status="partial" if errors or empty else "ok",
        error=None,
        counts=counts,
        seconds=time.perf_counter() - started,
    )


def _failed(task: Task, message: str, started: float) -> Record:
    return Record(
        path=task.name,
        output=None,
        sha256=sha256_of(task.source),
        media_type=None,
        status="failed",
        error=" ".join(message.split()),
        counts=Counts(),
        seconds=time.perf_counter() - started,
    )


def _relative_message(message: str, task: Task) -> str:
    """Errors name the input as the manifest does, never by an absolute path."""
    prefix = f"{task.source}: "
    return f"{task.name}: {message[len(prefix) :]}" if message.startswith(prefix) else message


# --- worker processes ------------------------------------------------------------------------------

ProcessFn = Callable[[Task, Path, Outputs], Record]


def _prepare_worker() -> None:
    """Load the model and the lazy resources before the first input (once per worker), so that the
    seconds recorded per input, and the time-out, measure that input alone."""
    from .pipeline import parse_text

    try:
        parse_text("Réunion du bureau\n\nLa séance est ouverte.\n", source_name="warm-up")
    except InputError:
        pass  # a missing model (ResourceError) must stop the batch: every input would fail
    # The model's ~100 000 objects live as long as the worker: out of the collector's sight, they
    # are not walked again by each full collection (~60 ms every 10-15 documents otherwise).
    gc.freeze()


def _worker_main(
    conn: Connection,
    inherited: list[Connection],
    process: ProcessFn,
    prepare: Callable[[], None],
    max_tasks: int,
) -> None:
    for other in inherited:
        # A forked worker holds copies of the parent's ends of every pipe; keeping them open would hide
        # the parent's death (no end-of-file) and leave this worker waiting forever after a kill -9.
        other.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when the batch stops
    try:
        try:
            prepare()
        except Exception as exc:
            conn.send(("fatal", f"worker cannot start ({type(exc).__name__}: {exc})"))
            return
        conn.send(("ready", None, False))
        for done in range(1, max_tasks + 1):
            message = conn.recv()
            if message is None:
                return
            task, out_dir, outputs = message
            conn.send(("done", process(task, out_dir, outputs), done == max_tasks))
    except (EOFError, OSError):
        return  # the parent is gone (killed): nothing left to report to


@dataclass
class _Worker:
    process: Any  # multiprocessing.Process
    conn: Connection
    ready: bool = False
    task: Task | None = None
    started: float = 0.0


class _Pool:
    """N workers, one input each at a time; dead, stuck or retired workers are replaced."""

    def __init__(self, options: BatchOptions, process: ProcessFn, prepare: Callable[[], None]) -> None:
        methods = multiprocessing.get_all_start_methods()
        # fork: workers inherit the imported code and start fast; spawn elsewhere.
        self.context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.options = options
        self.process_fn = process
        self.prepare = prepare
        self.workers: list[_Worker] = []
        self.startup_failures = 0

    def _spawn(self) -> _Worker:
        parent, child = self.context.Pipe(duplex=True)
        forked = self.context.get_start_method() == "fork"
        inherited = [parent, *(w.conn for w in self.workers)] if forked else []
        args = (child, inherited, self.process_fn, self.prepare, self.options.max_tasks_per_worker)
        proc = self.context.Process(target=_worker_main, args=args, daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def run(self, tasks: Sequence[Task], on_record: Callable[[Record], None]) -> None:
        pending = deque(tasks)
        count = max(1, min(self.options.jobs, len(pending)))
        self.workers = [self._spawn() for _ in range(count)]
        try:
            while pending or any(w.task is not None for w in self.workers):
                for worker in self.workers:
                    if worker.ready and worker.task is None and pending:
                        worker.task = pending.popleft()
                        worker.started = time.monotonic()
                        worker.conn.send((worker.task, self.options.out_dir, self.options.outputs))
                self._wait_once(pending, on_record)
        except BaseException:
            self._shutdown(force=True)  # interrupted or a fatal error: do not wait for busy workers
            raise
        self._shutdown(force=False)

    def _wait_once(self, pending: deque[Task], on_record: Callable[[Record], None]) -> None:
        conns = {w.conn: w for w in self.workers}
        sentinels = {w.process.sentinel: w for w in self.workers}
        ready = wait([*conns, *sentinels], timeout=self._next_deadline())
        for obj in ready:
            if isinstance(obj, Connection):
                if conns[obj] in self.workers:
                    self._receive(conns[obj], pending, on_record)
                continue
            worker = sentinels.get(obj)  # type: ignore[call-overload]
            if worker is not None and worker in self.workers and not worker.conn.poll():
                self._replace(worker, pending, on_record, self._death_reason(worker))
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.task is not None and now - worker.started > self.options.timeout:
                worker.process.kill()
                worker.process.join()
                self._replace(worker, pending, on_record, f"timed out after {self.options.timeout:g} s")

    def _next_deadline(self) -> float:
        busy = [w.started + self.options.timeout for w in self.workers if w.task is not None]
        return max(0.05, min(busy) - time.monotonic()) if busy else 1.0

    def _receive(self, worker: _Worker, pending: deque[Task], on_record: Callable[[Record], None]) -> None:
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker, pending, on_record, self._death_reason(worker))
            return
        if message[0] == "fatal":
            raise PVParseError(str(message[1]))
        kind, payload, retiring = message
        if kind == "ready":
            worker.ready = True
            self.startup_failures = 0
        elif kind == "done":
            worker.task = None
            on_record(payload)
            if retiring:  # recycled so that memory stays flat over thousands of inputs
                worker.process.join(timeout=30)
                self._replace(worker, pending, on_record, None)

    @staticmethod
    def _death_reason(worker: _Worker) -> str:
        worker.process.join(timeout=5)
        code = worker.process.exitcode
        if code is not None and code < 0:
            try:
                return f"worker process killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"worker process killed by signal {-code}"
        return f"worker process died (exit code {code})"

    def _replace(
        self, worker: _Worker, pending: deque[Task], on_record: Callable[[Record], None], reason: str | None
    ) -> None:
        """Record the input a worker was busy with as failed, and start a fresh worker if work is left."""
        if not worker.ready and reason is not None:
            self.startup_failures += 1
            if self.startup_failures >= 3:
                raise PVParseError(f"batch workers cannot start: {reason}")
        if worker.task is not None and reason is not None:
            task = worker.task
            record = Record(
                path=task.name,
                output=None,
                sha256=sha256_of(task.source),
                media_type=None,
                status="failed",
                error=f"{task.name}: {reason} while processing this input",
                counts=Counts(),
                seconds=time.monotonic() - worker.started,
            )
            worker.task = None
            on_record(record)
        worker.conn.close()
        worker.process.join(timeout=5)
        index = self.workers.index(worker)
        if pending:
            self.workers[index] = self._spawn()
        else:
            self.workers.pop(index)

    def _shutdown(self, *, force: bool) -> None:
        for worker in self.workers:
            try:
                if force:
                    worker.process.kill()
                elif worker.process.is_alive():
                    worker.conn.send(None)
            except OSError:
                pass
        for worker in self.workers:
            worker.process.join(timeout=10)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self.workers = []


# --- the batch -------------------------------------------------------------------------------------


def read_manifest(out_dir: Path) -> dict[str, Record]:
    """The latest record of each input in an existing manifest; lines cut by a crash are ignored."""
    path = out_dir / MANIFEST_NAME
    records: dict[str, Record] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return records
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the manifest ({exc})") from None
    for line in lines:
        record = Record.from_json(line)
        if record is not None:
            records[record.path] = record
    return records


def _already_done(task: Task, previous: Record | None, out_dir: Path) -> bool:
    if previous is None or previous.status == "failed" or previous.output != task.output:
        return False
    if not (out_dir / task.output).is_file():
        return False
    return previous.sha256 is not None and previous.sha256 == sha256_of(task.source)


def _clean_temp_files(out_dir: Path) -> None:
    """Temp files a killed run left behind: never a finished output, safe to remove."""
    for leftover in out_dir.rglob(f"{TEMP_PREFIX}*.tmp"):
        leftover.unlink(missing_ok=True)


def run_batch(
    tasks: Sequence[Task],
    options: BatchOptions,
    *,
    on_record: Callable[[Record], None] | None = None,
    process: ProcessFn = process_task,
    prepare: Callable[[], None] = _prepare_worker,
) -> Summary:
    """Process every task (in worker processes) and keep the manifest; returns the summary.

    `on_record` is called in the parent for each input as it finishes (progress display).
    """
    started = time.monotonic()
    out_dir = options.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    _clean_temp_files(out_dir)
    previous = read_manifest(out_dir) if options.resume else {}
    records: dict[str, Record] = {}
    todo: list[Task] = []
    for task in tasks:
        earlier = previous.get(task.name)
        if options.resume and _already_done(task, earlier, out_dir):
            assert earlier is not None
            records[task.name] = replace(earlier, skipped=True)
        else:
            todo.append(task)
    manifest = out_dir / MANIFEST_NAME
    # Rewrite the manifest cleanly first: a line cut by a crash must not swallow the next one.
    write_atomic(manifest, "".join(r.to_json() + "\n" for r in records.values()))
    for record in records.values():
        if on_record is not None:
            on_record(record)

    with manifest.open("a", encoding="utf-8") as log:

        def finished(record: Record) -> None:
            records[record.path] = record
            log.write(record.to_json() + "\n")
            log.flush()
            os.fsync(log.fileno())
            if on_record is not None:
                on_record(record)

        if todo:
            _Pool(options, process, prepare).run(todo, finished)

    ordered = [records[t.name] for t in tasks if t.name in records]
    summary = Summary(
        total=len(ordered),
        ok=sum(r.status == "ok" for r in ordered),
        partial=sum(r.status == "partial" for r in ordered),
        failed=sum(r.status == "failed" for r in ordered),
        skipped=sum(r.skipped for r in ordered),
        seconds=time.monotonic() - started,
        records=tuple(ordered),
    )
    write_atomic(manifest, "".join(r.to_json() + "\n" for r in ordered) + summary.to_json() + "\n")
    return summary
