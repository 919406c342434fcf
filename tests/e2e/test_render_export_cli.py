"""`pvparse render` and `pvparse export`: files written, errors as one line and an exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pvparse.cli import cli
from pvparse.schema import Document
from tests.conftest import AG2022

MINUTES = """PROCÈS-VERBAL DU CONSEIL D'ADMINISTRATION DU 3 MARS 2023

10h00-10h30 : 1. OUVERTURE

Alice Martin : bonjour à tous, nous commençons <script>window.pwned=1</script>.

Bruno Petit : merci, je propose d'adopter le budget.
"""


@pytest.fixture()
def minutes(tmp_path: Path) -> Path:
    path = tmp_path / "ca.txt"
    path.write_text(MINUTES, encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_render_writes_the_page(minutes: Path, tmp_path: Path, nlp) -> None:
    out = tmp_path / "page.html"
    result = run("render", str(minutes), "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
    assert result.stdout == ""


def test_render_to_stdout(minutes: Path, nlp) -> None:
    result = run("render", str(minutes))
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")


def test_export_popolo(minutes: Path, tmp_path: Path, nlp) -> None:
    out = tmp_path / "popolo.json"
    result = run("export", "--format", "popolo", str(minutes), "-o", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == [
        "persons",
        "organizations",
        "memberships",
        "events",
        "speeches",
        "motions",
        "vote_events",
    ]
    assert [s["attribution_text"] for s in data["speeches"]] == ["Alice Martin", "Bruno Petit"]
    # printed to stdout, byte for byte the same
    assert run("export", str(minutes)).stdout == out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["render", "missing.txt", "-o", "page.html"], 1, "missing.txt: no such file"),
        (["export", "--format", "popolo", "missing.txt"], 1, "missing.txt: no such file"),
        (["export", "--format", "csv", "x.txt"], 2, "Invalid value for '--format'"),
        (["render"], 2, "Missing argument 'FILE'"),
    ],
)
def test_errors_are_one_line_and_an_exit_code(
    args: list[str], code: int, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    if code == 1:
        assert result.stderr.count("\n") == 1
    assert not (tmp_path / "page.html").exists()


def test_export_of_the_2022_minutes_keeps_every_person_organisation_membership(
    ag2022_doc: Document, tmp_path: Path
) -> None:
    out = tmp_path / "ag.popolo.json"
    result = run("export", "--format", "popolo", str(AG2022), "-o", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [(p["id"], p["name"]) for p in data["persons"]] == [(p.id, p.name) for p in ag2022_doc.persons]
    assert [(o["id"], o["name"]) for o in data["organizations"]] == [
        (o.id, o.name) for o in ag2022_doc.organizations
    ]
    memberships = [(m["person_id"], m.get("organization_id"), m.get("role")) for m in data["memberships"]]
    assert memberships == [(p.id, m.organization, m.role) for p in ag2022_doc.persons for m in p.memberships]
    assert len(data["speeches"]) == len(ag2022_doc.turns)
