"""`pvparse batch` as a user runs it: a real subprocess, real formats, a corrupt file in the middle,
and a `kill -9` followed by `--resume`."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pvparse.schema import Document

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def _pvparse(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pvparse", *args], capture_output=True, text=True, timeout=600, **kwargs
    )  # type: ignore[call-overload]


def _manifest(out: Path) -> tuple[list[dict[str, object]], dict[str, object]]:
    lines = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert "summary" in lines[-1] and all("summary" not in line for line in lines[:-1])
    return lines[:-1], lines[-1]["summary"]


def _processes_mentioning(marker: str) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def _wait_until_gone(marker: str, timeout: float) -> list[int]:
    """Orphaned workers finish the input they hold, then see their parent gone and exit."""
    deadline = time.monotonic() + timeout
    while (pids := _processes_mentioning(marker)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return pids


def _docx(path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Conseil d'administration du 4 février 2021", 1)
    document.add_paragraph("Présents : Odile Ferrand, Karim Belkacem, Hélène Roux.")
    document.add_heading("1. Budget", 2)
    document.add_paragraph("Karim Belkacem : le budget est à l'équilibre.")
    document.add_paragraph("Odile Ferrand : merci, nous passons au vote.")
    document.add_paragraph("Le budget est adopté à l'unanimité.")
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())


@pytest.mark.slow
def test_batch_mixed_folder_with_a_corrupt_file(tmp_path: Path) -> None:
    src = tmp_path / "archives"
    (src / "2021").mkdir(parents=True)
    shutil.copy(CORPUS / "ag-2022-07-07.txt", src / "ag-2022.txt")
    _docx(src / "2021" / "ca.docx")
    (src / "2021" / "ca.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(2000))  # same stem, and corrupt
    (src / "2021" / "cr.html").write_text(
        "<html><body><h1>Bureau du 9 mars 2021</h1><p>Hélène Roux : la séance est ouverte.</p>"
        "<p>Karim Belkacem : rien à signaler.</p></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    done = _pvparse("batch", str(src), "--out", str(out), "--jobs", "2", "--emit-text")
    assert done.returncode == 1, done.stderr
    assert "2021/ca.pdf: unreadable PDF" in done.stderr
    records, summary = _manifest(out)
    by_path = {r["path"]: r for r in records}
    assert list(by_path) == ["2021/ca.docx", "2021/ca.pdf", "2021/cr.html", "ag-2022.txt"]
    assert {p: r["status"] for p, r in by_path.items()} == {
        "2021/ca.docx": "ok",
        "2021/ca.pdf": "failed",
        "2021/cr.html": "ok",
        "ag-2022.txt": "ok",
    }
    assert {p: r["output"] for p, r in by_path.items()} == {
        "2021/ca.docx": "2021/ca.docx.json",
        "2021/ca.pdf": None,
        "2021/cr.html": "2021/cr.json",
        "ag-2022.txt": "ag-2022.json",
    }
    assert by_path["2021/ca.docx"]["media_type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert str(by_path["2021/ca.pdf"]["error"]).startswith("2021/ca.pdf: unreadable PDF")
    assert str(tmp_path) not in (out / "manifest.jsonl").read_text(encoding="utf-8")
    counts = by_path["ag-2022.txt"]["counts"]
    assert isinstance(counts, dict) and counts["sections"] > 5 and counts["turns"] > 20
    assert (summary["total"], summary["ok"], summary["failed"], summary["skipped"]) == (4, 3, 1, 0)
    for record in records:
        if record["output"] is None:
            continue
        document = Document.model_validate_json((out / str(record["output"])).read_text(encoding="utf-8"))
        text = (out / str(record["output"]).replace(".json", ".txt")).read_text(encoding="utf-8")
        assert document.source.sha256 == record["sha256"]
        assert document.source.length == len(text)
        for turn in document.turns:
            assert text[turn.label_span.start : turn.label_span.end] == turn.label
    assert not (out / "2021" / "ca.pdf.json").exists()
    assert not list(out.rglob(".pvparse-tmp-*"))


@pytest.mark.slow
def test_kill_9_then_resume_ends_with_every_output_complete(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    sources = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".rst"))
    names = []
    for i in range(10):
        source = sources[i % len(sources)]
        name = f"pv-{i:02d}{source.suffix}"
        shutil.copy(source, src / name)
        names.append(name)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pvparse", "batch", str(src), "--out", str(out), "--jobs", "2"]
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    manifest = out / "manifest.jsonl"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and first.poll() is None:
        if manifest.exists() and len(manifest.read_text(encoding="utf-8").splitlines()) >= 3:
            break
        time.sleep(0.05)
    if first.poll() is not None:
        pytest.fail(
            f"the batch ended (exit {first.returncode}) before it could be killed: {first.stderr.read()}"
        )
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL
    before = [line for line in manifest.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert 3 <= len(before) < len(names) and not any('"summary"' in line for line in before)

    second = _pvparse("batch", str(src), "--out", str(out), "--jobs", "2", "--resume")
    assert second.returncode == 0, second.stderr
    records, summary = _manifest(out)
    assert [r["path"] for r in records] == names
    assert all(r["status"] == "ok" for r in records)
    assert summary["total"] == len(names) and summary["skipped"] >= 3
    for name in names:
        output = out / (Path(name).stem + ".json")
        Document.model_validate_json(output.read_text(encoding="utf-8"))
    assert not list(out.rglob(".pvparse-tmp-*"))
    assert _wait_until_gone(str(out), timeout=120) == [], "workers of the killed batch outlived it"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [Path(n).stem + ".json" for n in names] + ["manifest.jsonl"]
    )


def test_batch_render_writes_a_page_beside_each_json(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "pv.md").write_text(
        "# Conseil d'administration\n\n## Budget\n\nClaire Martin : le budget est <b>voté</b>.\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    done = _pvparse("batch", str(src), "--out", str(out), "--render")
    assert done.returncode == 0, done.stderr
    page = (out / "pv.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") or page.lower().startswith("<!doctype html>")
    assert "&lt;b&gt;voté&lt;/b&gt;" in page and "<b>voté</b>" not in page
    assert (out / "pv.json").exists()
