"""Hostile inputs through the real command line, each in its own process with bounded time and memory.

Every run must end with exit 0 and valid JSON whose spans hold, or exit 1 and exactly one clear line on
stderr naming the file (no traceback); `--debug` shows the traceback. Bounds are generous (a noisy CI
machine); a hang or a quadratic blow-up overshoots them by far. The outcome table of the closing note
of issue 6 comes from `-s` output of this module (one line per input).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.inputs import BUILDERS

WALL_SECONDS = 180  # model load (~10 s) + 100 000 label lines (~60 s) on a busy 2-core machine, with margin
MEMORY_BYTES = 6 * 1024**3  # address space; the spaCy model process needs ~2 GiB
RSS_BOUND_KIB = 3 * 1024 * 1024
REFUSED_RSS_BOUND_KIB = 400 * 1024

# name → (allowed exit code, text the error line must contain, or None when JSON is expected)
EXPECTED: dict[str, tuple[int, str | None]] = {
    "empty": (1, "empty file"),
    "whitespace": (1, "empty file"),
    "random_bytes": (1, "binary"),
    "nul_bytes": (0, None),
    "ten_mb": (1, "text too long"),
    "long_line": (0, None),
    "label_lines": (0, None),
    "nested_brackets": (0, None),
    "spaces_before_colon": (0, None),
    "separator_lines": (0, None),
    "english": (0, None),
    "random_pdf": (1, "not a valid PDF"),
    "random_pdf_header": (1, "unreadable PDF"),
    "random_docx": (1, "not a valid Word .docx"),
    "billion_laughs_docx": (1, "declares a DTD"),
    "billion_laughs_odt": (1, "declares a DTD"),
    "zip_bomb_docx": (1, "zip bomb"),
    "lying_zip_bomb_docx": (1, "damaged zip member"),
    "missing": (1, "no such file"),
    "folder": (1, "is a folder"),
}


@dataclass(frozen=True)
class Run:
    code: int
    stdout: Path
    stderr: str
    seconds: float
    max_rss_kib: int


# The child sets its own address-space limit and runs `python -m pvparse`; at exit it writes its peak
# resident set (VmHWM of its own image). The rusage of the child would not do: it counts the pages of
# this big pytest process, which the child shared until its exec.
_LIMITED = (
    "import atexit, os, resource, runpy, sys; "
    f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_BYTES}, {MEMORY_BYTES})); "
    "hwm = lambda: next(ln for ln in open('/proc/self/status') if ln.startswith('VmHWM')).split()[1]; "
    "atexit.register(lambda: open(os.environ['PVPARSE_HWM_FILE'], 'w').write(hwm())); "
    "sys.argv = ['pvparse', *sys.argv[1:]]; "
    "runpy.run_module('pvparse', run_name='__main__')"
)


def run_cli(args: list[str], out_dir: Path) -> Run:
    """`python -m pvparse ARGS` in a child with an address-space limit, killed after WALL_SECONDS."""
    out, err = out_dir / "stdout.json", out_dir / "stderr.txt"
    hwm = out_dir / "vmhwm.txt"
    env = {**os.environ, "PYTHONFAULTHANDLER": "1", "PVPARSE_HWM_FILE": str(hwm)}
    start = time.perf_counter()
    with out.open("wb") as fo, err.open("wb") as fe:
        proc = subprocess.Popen([sys.executable, "-c", _LIMITED, *args], stdout=fo, stderr=fe, env=env)
        timer = threading.Timer(WALL_SECONDS, proc.kill)
        timer.start()
        try:
            _, status, _usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    peak = int(hwm.read_text()) if hwm.exists() else 0
    return Run(proc.returncode, out, err.read_text(encoding="utf-8", errors="replace"), seconds, peak)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("hostile")
    return {name: build(d) for name, build in BUILDERS.items()}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(EXPECTED))
def test_hostile_input_ends_cleanly(name: str, inputs: dict[str, Path], tmp_path: Path) -> None:
    path = inputs[name]
    run = run_cli(["parse", str(path)], tmp_path)
    code, message = EXPECTED[name]
    size = path.stat().st_size if path.is_file() else 0
    outcome = "JSON" if run.code == 0 else run.stderr.strip()[:90]
    print(
        f"\nHOSTILE | {name} | {size} B | exit {run.code} | {run.seconds:.1f} s | "
        f"{run.max_rss_kib // 1024} MiB | {outcome}"
    )
    assert run.seconds < WALL_SECONDS, f"{name}: killed after {WALL_SECONDS} s"
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.max_rss_kib < RSS_BOUND_KIB, f"{name}: {run.max_rss_kib} KiB resident"
    if code == 1:  # refused before any model is loaded: a bomb must not have been inflated
        assert run.max_rss_kib < REFUSED_RSS_BOUND_KIB, f"{name}: {run.max_rss_kib} KiB resident"
    assert run.code == code, f"{name}: exit {run.code}, stderr {run.stderr[-500:]!r}"
    if message is None:
        data = json.loads(run.stdout.read_text(encoding="utf-8"))
        assert data["schema_version"] == "1.0"
        _check_json(data, path)
    else:
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1, f"{name}: one error line expected, got {lines}"
        assert lines[0].startswith("pvparse: ") and message in lines[0], lines[0]
        assert str(path) in lines[0], f"the error line must name the file: {lines[0]}"
        assert run.stdout.read_bytes() == b""


def _check_json(data: dict, path: Path) -> None:
    """Spans of the CLI's JSON against the file's decoded text; every entry text is its evidence."""
    from pvparse import Document
    from pvparse.read import read_source
    from tests.spans import span_problems

    text = read_source(path).text
    doc = Document.model_validate(data)
    assert span_problems(doc, text) == []


@pytest.mark.parametrize("name", ["missing", "random_docx", "zip_bomb_docx"])
def test_debug_shows_the_traceback(name: str, inputs: dict[str, Path], tmp_path: Path) -> None:
    run = run_cli(["--debug", "parse", str(inputs[name])], tmp_path)
    assert run.code == 1
    assert "Traceback" in run.stderr and "InputError" in run.stderr
    assert run.stderr.strip().splitlines()[-1].startswith("pvparse: ")


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    for args in (["parse"], ["parse", "a.txt", "b.txt"], ["no-such-command"], ["parse", "--nope", "a.txt"]):
        run = run_cli(args, tmp_path)
        assert run.code == 2, (args, run.stderr)
        assert "Traceback" not in run.stderr
