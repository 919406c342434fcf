"""The reviewed gold files of corpus/gold stay consistent with the texts they annotate.

A corpus text edited without its gold (a line added at the top) silently shifts every line number; these
checks catch that: every turn label is printed on its line before a colon, every section title on its
line, every annotated line exists and is not blank, every value is one the gold format allows.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from pathlib import Path
from typing import Any, get_args

import pytest

from pvparse.schema import ListKind, MeetingKind

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

GOLD_FILES = sorted((CORPUS / "gold").glob("*.json"))

# The gold format's closed sets are the contract's (../shared/eval/GOLD_FORMAT.md uses the same words).
KINDS = set(get_args(MeetingKind))
LIST_KINDS = set(get_args(ListKind))
RESULTS = {"adopted", "rejected", "unknown"}
DATE_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
TIME_RE = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def _alternatives(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def gold_problems(gold: dict[str, Any], text: str) -> list[str]:
    """Everything in `gold` that does not fit `text` or the gold format."""
    lines = text.split("\n")
    problems: list[str] = []

    def line(n: int) -> str:
        return lines[n - 1] if 1 <= n <= len(lines) else ""

    meeting = gold.get("meeting") or {}
    if meeting.get("kind") not in KINDS | {None}:
        problems.append(f"meeting.kind {meeting.get('kind')!r}")
    if meeting.get("date") is not None and not DATE_RE.fullmatch(meeting["date"]):
        problems.append(f"meeting.date {meeting['date']!r}")
    for key in ("start_time", "end_time"):
        if meeting.get(key) is not None and not TIME_RE.fullmatch(meeting[key]):
            problems.append(f"meeting.{key} {meeting[key]!r}")
    for s in gold.get("sections") or []:
        if _fold(s["title"])[:25] not in _fold(line(s["line"])):
            problems.append(f"section L{s['line']} {s['title']!r} not on its line")
        if not isinstance(s["level"], int) or s["level"] < 1:
            problems.append(f"section L{s['line']} level {s['level']!r}")
        for key in ("start_time", "end_time"):
            if s.get(key) is not None and not TIME_RE.fullmatch(s[key]):
                problems.append(f"section L{s['line']} {key} {s[key]!r}")
    turn_lines = set()
    for t in gold.get("turns") or []:
        printed = line(t["line"])
        at = printed.find(t["label"])
        if at < 0 or ":" not in printed[at + len(t["label"]) :][:4]:
            problems.append(f"turn L{t['line']} label {t['label']!r} not printed before a colon")
        orgs = t.get("organisations")
        if orgs is not None and len(orgs) != len(t["speakers"]):
            problems.append(f"turn L{t['line']}: one organisation spec per speaker")
        turn_lines.add(t["line"])
    for n in gold.get("not_turns") or []:
        if not line(n).strip():
            problems.append(f"not_turn L{n} is blank")
        if n in turn_lines:
            problems.append(f"not_turn L{n} is also a turn")
    for d in gold.get("decisions") or []:
        if not line(d["line"]).strip():
            problems.append(f"decision L{d['line']} is blank")
        if d["result"] not in RESULTS:
            problems.append(f"decision L{d['line']} result {d['result']!r}")
    folded = _fold(text)
    for lst in gold.get("lists") or []:
        if lst["kind"] not in LIST_KINDS:
            problems.append(f"list L{lst['line']} kind {lst['kind']!r}")
        if not line(lst["line"]).strip():
            problems.append(f"list L{lst['line']} starts on a blank line")
        for e in lst["entries"]:
            key = e.get("name") or _alternatives(e.get("organisation"))[0] or ""
            missing = [w for w in re.split(r"[\s-]+", _fold(key)) if len(w) > 2 and w not in folded]
            if not key or missing:
                problems.append(f"list L{lst['line']} entry {key!r} not in the text")
    return problems


def _load(gold_path: Path) -> tuple[dict[str, Any], str]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return gold, (CORPUS / gold["file"]).read_text(encoding="utf-8")


def test_corpus_has_gold_for_varied_minutes() -> None:
    kinds = {json.loads(p.read_text(encoding="utf-8"))["meeting"]["kind"] for p in GOLD_FILES}
    assert len(GOLD_FILES) >= 10
    assert {"municipal_council", "board", "constitutive_assembly", "general_assembly", "committee"} <= kinds


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_gold_fits_its_text(gold_path: Path) -> None:
    gold, text = _load(gold_path)
    assert gold["file"] == gold_path.stem + Path(gold["file"]).suffix
    assert gold_problems(gold, text) == []


@pytest.mark.parametrize(
    ("break_it", "expected"),
    [
        (lambda g, t: (g, "\n" + t), "not printed before a colon"),  # a line added above: everything shifts
        (lambda g, t: (dict(g, turns=[dict(g["turns"][0], label="Quelqu'un")]), t), "not printed"),
        (lambda g, t: (dict(g, not_turns=[g["turns"][0]["line"]]), t), "is also a turn"),
        (lambda g, t: (dict(g, decisions=[dict(g["decisions"][0], result="voted")]), t), "result 'voted'"),
        (lambda g, t: (dict(g, meeting=dict(g["meeting"], date="12/04/2016")), t), "meeting.date"),
    ],
)
def test_gold_check_catches_broken_gold(break_it: Any, expected: str) -> None:
    gold, text = _load(CORPUS / "gold" / "cm-saint-florent-des-bois-2016-04-12.json")
    broken_gold, broken_text = break_it(copy.deepcopy(gold), text)
    assert any(expected in p for p in gold_problems(broken_gold, broken_text))
