"""Batch mechanics with a stand-in for the parser (no spaCy): inputs and output names, manifest,
worker crashes and time-outs, worker recycling, resume."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from pvparse.batch import (
    MANIFEST_NAME,
    BatchOptions,
    Outputs,
    Counts,
    Record,
    Task,
    collect_tasks,
    read_manifest,
    run_batch,
    sha256_of,
    write_atomic,
)
from pvparse.errors import InputError


def _touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"contenu de {name}\n", encoding="utf-8")


def _outputs(tasks: list[Task]) -> dict[str, str]:
    return {t.name: t.output for t in tasks}


# --- inputs and output names -----------------------------------------------------------------------


def test_folder_is_mirrored_and_shared_stems_keep_their_extension(tmp_path: Path) -> None:
    root = tmp_path / "archives"
    _touch(
        root,
        "2019/ag.docx",
        "2019/ag.pdf",
        "2019/bureau.odt",
        "2020/ag.txt",
        "notes.md",
        "photo.jpg",
        ".cache/x.txt",
        "2019/~$ag.docx",
    )
    tasks = collect_tasks([root], tmp_path / "out")
    assert _outputs(tasks) == {
        "2019/ag.docx": "2019/ag.docx.json",
        "2019/ag.pdf": "2019/ag.pdf.json",
        "2019/bureau.odt": "2019/bureau.json",
        "2020/ag.txt": "2020/ag.json",
        "notes.md": "notes.json",
    }


def test_glob_filters_folder_files_but_explicit_files_are_kept(tmp_path: Path) -> None:
    _touch(tmp_path / "in", "a.docx", "b.txt", "c.DOCX.txt")
    _touch(tmp_path, "extra.log")
    tasks = collect_tasks([tmp_path / "in", tmp_path / "extra.log"], tmp_path / "out", "*.docx")
    assert _outputs(tasks) == {"extra.log": "extra.json", "in/a.docx": "in/a.json"}


def test_output_folder_inside_the_input_is_not_read(tmp_path: Path) -> None:
    _touch(tmp_path, "pv.txt", "out/pv.txt", "out/manifest.jsonl")
    assert _outputs(collect_tasks([tmp_path], tmp_path / "out")) == {"pv.txt": "pv.json"}


def test_several_roots_share_their_common_parent(tmp_path: Path) -> None:
    _touch(tmp_path, "a/pv.txt", "b/pv.txt", "c/d/cr.md")
    tasks = collect_tasks([tmp_path / "b", tmp_path / "a", tmp_path / "c" / "d" / "cr.md"], tmp_path / "o")
    assert _outputs(tasks) == {"a/pv.txt": "a/pv.json", "b/pv.txt": "b/pv.json", "c/d/cr.md": "c/d/cr.json"}


def test_missing_input_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file or folder"):
        collect_tasks([tmp_path / "nope.txt"], tmp_path / "out")


# --- manifest ---------------------------------------------------------------------------------------


def test_record_round_trip_and_cut_lines_are_ignored(tmp_path: Path) -> None:
    record = Record("a/pv.txt", "a/pv.json", "ab" * 32, "text/plain", "ok", None, Counts(1, 2, 3, 4, 5), 0.5)
    assert Record.from_json(record.to_json()) == record
    assert Record.from_json('{"summary": {"total": 1}}') is None
    assert Record.from_json(record.to_json()[:40]) is None
    assert Record.from_json("[1, 2]") is None
    (tmp_path / MANIFEST_NAME).write_text(record.to_json() + "\n" + record.to_json()[:-10], encoding="utf-8")
    assert read_manifest(tmp_path) == {"a/pv.txt": record}


def test_write_atomic_leaves_no_temp_file(tmp_path: Path) -> None:
    write_atomic(tmp_path / "d" / "x.json", "{}")
    assert [p.name for p in (tmp_path / "d").iterdir()] == ["x.json"]


# --- running with a stand-in parser ------------------------------------------------------------------


def _no_model() -> None:
    """The stand-in parser needs no spaCy model."""


def _fake_process(task: Task, out_dir: Path, outputs: Outputs) -> Record:
    """Writes a small JSON; inputs named crash* kill their worker, hang* never finish, bad* fail."""
    name = task.source.name
    if name.startswith("crash"):
        os._exit(3)
    if name.startswith("hang"):
        time.sleep(60)
    if name.startswith("bad"):
        return Record(
            task.name, None, sha256_of(task.source), None, "failed", f"{task.name}: bad", Counts(), 0.0
        )
    write_atomic(out_dir / task.output, json.dumps({"pid": os.getpid(), "input": task.name}))
    if outputs.text:
        write_atomic(out_dir / task.output.replace(".json", ".txt"), task.source.read_text(encoding="utf-8"))
    return Record(
        task.name, task.output, sha256_of(task.source), "text/plain", "ok", None, Counts(turns=1), 0.0
    )


def _run(tmp_path: Path, names: list[str], **options: object) -> tuple[list[Task], object, list[Record]]:
    _touch(tmp_path / "in", *names)
    tasks = collect_tasks([tmp_path / "in"], tmp_path / "out")
    seen: list[Record] = []
    opts = BatchOptions(out_dir=tmp_path / "out", **options)  # type: ignore[arg-type]
    summary = run_batch(tasks, opts, on_record=seen.append, process=_fake_process, prepare=_no_model)
    return tasks, summary, seen


def _manifest(tmp_path: Path) -> list[dict[str, object]]:
    lines = (tmp_path / "out" / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_manifest_lists_every_input_in_order_then_a_summary(tmp_path: Path) -> None:
    names = ["a.txt", "bad.txt", "c.txt", "d/e.txt"]
    _, summary, seen = _run(tmp_path, names, jobs=2, outputs=Outputs(text=True))
    lines = _manifest(tmp_path)
    assert [line.get("path") for line in lines[:-1]] == ["a.txt", "bad.txt", "c.txt", "d/e.txt"]
    assert [line.get("status") for line in lines[:-1]] == ["ok", "failed", "ok", "ok"]
    assert lines[1]["error"] == "bad.txt: bad" and lines[1]["output"] is None
    assert lines[0]["sha256"] == sha256_of(tmp_path / "in" / "a.txt")
    assert lines[0]["counts"] == {"sections": 0, "turns": 1, "lists": 0, "decisions": 0, "diagnostics": 0}
    assert lines[-1]["summary"] == {
        "total": 4,
        "ok": 3,
        "partial": 0,
        "failed": 1,
        "skipped": 0,
        "seconds": lines[-1]["summary"]["seconds"],  # type: ignore[index]
    }
    assert sorted(r.path for r in seen) == sorted(names)
    assert (tmp_path / "out" / "d" / "e.txt").read_text(encoding="utf-8") == "contenu de d/e.txt\n"
    assert (summary.failed, summary.ok) == (1, 3)  # type: ignore[attr-defined]


def test_a_crashing_worker_is_recorded_and_the_batch_goes_on(tmp_path: Path) -> None:
    names = ["a.txt", "crash1.txt", "m.txt", "crash2.txt", "z.txt"]
    _, summary, _ = _run(tmp_path, names, jobs=2)
    by_path = {line["path"]: line for line in _manifest(tmp_path)[:-1]}
    assert by_path["crash1.txt"]["status"] == "failed"
    assert by_path["crash1.txt"]["error"] == (
        "crash1.txt: worker process died (exit code 3) while processing this input"
    )
    assert by_path["crash2.txt"]["status"] == "failed"
    assert [by_path[n]["status"] for n in ("a.txt", "m.txt", "z.txt")] == ["ok", "ok", "ok"]
    assert summary.failed == 2  # type: ignore[attr-defined]


def test_an_input_that_hangs_is_timed_out(tmp_path: Path) -> None:
    started = time.monotonic()
    _run(tmp_path, ["a.txt", "hang.txt", "z.txt"], jobs=1, timeout=1.5)
    by_path = {line["path"]: line for line in _manifest(tmp_path)[:-1]}
    assert by_path["hang.txt"]["error"] == "hang.txt: timed out after 1.5 s while processing this input"
    assert by_path["z.txt"]["status"] == "ok"
    assert time.monotonic() - started < 30


def test_workers_are_recycled(tmp_path: Path) -> None:
    names = [f"f{i}.txt" for i in range(7)]
    _run(tmp_path, names, jobs=1, max_tasks_per_worker=2)
    pids = {json.loads((tmp_path / "out" / f"f{i}.json").read_text())["pid"] for i in range(7)}
    assert len(pids) == 4  # 2 + 2 + 2 + 1
    assert all(line.get("status", "ok") == "ok" for line in _manifest(tmp_path)[:-1])


def test_resume_skips_finished_inputs_and_reruns_changed_missing_or_failed_ones(tmp_path: Path) -> None:
    _run(tmp_path, ["a.txt", "b.txt", "bad.txt", "c.txt", "d.txt"], jobs=2)
    (tmp_path / "in" / "b.txt").write_text("changé\n", encoding="utf-8")
    (tmp_path / "out" / "c.json").unlink()
    (tmp_path / "out" / ".pvparse-tmp-leftover.tmp").write_text("{", encoding="utf-8")
    tasks = collect_tasks([tmp_path / "in"], tmp_path / "out")
    seen: list[Record] = []
    options = BatchOptions(out_dir=tmp_path / "out", jobs=2, resume=True)
    summary = run_batch(tasks, options, on_record=seen.append, process=_fake_process, prepare=_no_model)
    assert {r.path: r.skipped for r in seen} == {
        "a.txt": True,
        "b.txt": False,
        "bad.txt": False,
        "c.txt": False,
        "d.txt": True,
    }
    assert (summary.total, summary.skipped, summary.failed) == (5, 2, 1)
    lines = _manifest(tmp_path)
    assert [line.get("path") for line in lines[:-1]] == ["a.txt", "b.txt", "bad.txt", "c.txt", "d.txt"]
    assert lines[1]["sha256"] == sha256_of(tmp_path / "in" / "b.txt")
    assert not list((tmp_path / "out").glob(".pvparse-tmp-*"))


def test_without_resume_everything_is_rerun(tmp_path: Path) -> None:
    _run(tmp_path, ["a.txt"], jobs=1)
    tasks = collect_tasks([tmp_path / "in"], tmp_path / "out")
    summary = run_batch(
        tasks, BatchOptions(out_dir=tmp_path / "out"), process=_fake_process, prepare=_no_model
    )
    assert (summary.total, summary.skipped) == (1, 0)
