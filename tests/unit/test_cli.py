"""The command line: JSON on stdout, one clear line on stderr for bad input, documented exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pvparse.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "absent.txt", "no such file"),
        (lambda d: d, "is a folder"),
        (lambda d: (d / "vide.txt", (d / "vide.txt").write_bytes(b""))[0], "empty"),
        (lambda d: (d / "blanc.txt", (d / "blanc.txt").write_bytes(b"  \n \n"))[0], "empty"),
        (lambda d: (d / "bin.txt", (d / "bin.txt").write_bytes(bytes(range(32)) * 64))[0], "binary"),
    ],
)
def test_bad_input_is_one_line_exit_1_no_output(tmp_path: Path, make, message: str) -> None:
    target = make(tmp_path)
    out = tmp_path / "out" / "result.json"
    res = run("parse", str(target), "-o", str(out))
    assert res.exit_code == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and str(target) in lines[0]
    assert "Traceback" not in res.output
    assert not out.exists()


def test_usage_error_exits_2() -> None:
    assert run("parse").exit_code == 2
    assert run("nonsense-command").exit_code == 2


def test_parse_writes_json_atomically(tmp_path: Path, nlp) -> None:
    f = tmp_path / "pv.txt"
    f.write_text("Compte rendu du bureau\n\n## Budget\n\nClaire Martin : le budget est voté.\n", encoding="utf-8")
    out = tmp_path / "pv.json"
    res = run("parse", str(f), "-o", str(out))
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema_version"] == "1.0"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_schema_command_prints_the_json_schema() -> None:
    res = run("schema")
    assert res.exit_code == 0
    assert json.loads(res.output)["title"] == "Document"


def test_python_dash_m_reports_errors_without_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pvparse", "parse", str(tmp_path / "nope.txt")], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"pvparse: {tmp_path / 'nope.txt'}: no such file"
    assert proc.stdout == ""
