"""Scoring pvparse outputs against gold annotations (pvparse.evaluate).

Predictions are built from small hand-written gold files by `_predict`, which places every item on the
line the gold gives, so each test changes one thing and checks the one figure that must move.
The parity tests run the shared evaluation-kit scorer on the same inputs and demand identical numbers.
"""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pvparse.evaluate import (
    Counts,
    Report,
    evaluate_folder,
    format_report,
    normalise_name,
    organisation_matches,
    predictions_by_parsing,
    predictions_from,
    report_json,
    same_name,
    score_document,
)

SHARED_SCORER = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"
PROJECT_CORPUS = Path(__file__).resolve().parents[2] / "corpus"

TEXT = """\
Compte rendu du bureau du 4 mai 2021

Présents : Jeanne Roux (Les Amis du Rail), Paul Girard

## 1. Budget

Jeanne : le budget est prêt.
Paul Girard : je le valide.
Remarque : rien à ajouter.

Le budget est adopté à l'unanimité.

## 2. Divers

* Paul : la fête aura lieu en juin.
Pour : 5 — Contre : 1 — Abstentions : 0
La proposition est adoptée.
"""

GOLD: dict[str, Any] = {
    "file": "doc.md",
    "meeting": {"organisation": "Les Amis du Rail", "kind": "bureau", "date": "2021-05-04", "chair": None},
    "lists": [
        {
            "kind": "present",
            "line": 3,
            "entries": [
                {
                    "name": "Jeanne Roux",
                    "organisation": "Les Amis du Rail",
                    "role": "présidente",
                    "is_new": False,
                },
                {"name": "Paul Girard", "organisation": None, "role": None},
            ],
        }
    ],
    "sections": [
        {"line": 5, "title": "1. Budget", "level": 1},
        {"line": 13, "title": "2. Divers", "level": 1},
    ],
    "turns": [
        {"line": 7, "label": "Jeanne", "speakers": ["Jeanne Roux"], "organisations": ["Les Amis du Rail"]},
        {"line": 8, "label": "Paul Girard", "speakers": ["Paul Girard"], "organisations": [None]},
        {"line": 15, "label": "Paul", "speakers": ["Paul Girard"], "organisations": [None]},
    ],
    "not_turns": [9],
    "decisions": [
        {"line": 11, "subject": "budget", "result": "adopted", "unanimous": True},
        {
            "line": 17,
            "subject": "fête",
            "result": "adopted",
            "unanimous": False,
            "for": 5,
            "against": 1,
            "abstain": 0,
        },
    ],
}


# --- building predictions from gold ---------------------------------------------------------------


def _line_offsets(text: str) -> list[int]:
    starts = [0]
    for i, c in enumerate(text):
        if c == "\n":
            starts.append(i + 1)
    return starts


def _span_on_line(text: str, line: int, needle: str | None = None) -> dict[str, int]:
    starts = _line_offsets(text)
    start = starts[line - 1]
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    if needle:
        found = text.find(needle, start, end)
        if found >= 0:
            return {"start": found, "end": found + len(needle)}
    return {"start": start, "end": end}


def _first(value: Any) -> Any:
    """Gold may give a list of accepted alternatives: predict the first one."""
    return value[0] if isinstance(value, list) else value


class _Registry:
    def __init__(self) -> None:
        self.persons: dict[str, dict[str, Any]] = {}
        self.orgs: dict[str, dict[str, Any]] = {}

    def org(self, name: Any) -> str:
        name = _first(name)
        if name not in self.orgs:
            self.orgs[name] = {"id": f"o{len(self.orgs) + 1}", "name": name, "aliases": []}
        return self.orgs[name]["id"]

    def person(self, name: Any, org: Any = None) -> str:
        name = _first(name)
        if name not in self.persons:
            self.persons[name] = {"id": f"p{len(self.persons) + 1}", "name": name, "memberships": []}
        org = _first(org)
        record = self.persons[name]
        if isinstance(org, str) and not record["memberships"]:
            record["memberships"].append({"organization": self.org(org), "role": None})
        return record["id"]


def _predict(gold: dict[str, Any], text: str) -> dict[str, Any]:
    """A contract-shaped output that says exactly what the gold says."""
    reg = _Registry()
    g_meeting = gold.get("meeting") or {}
    meeting: dict[str, Any] = {"attendance": {}}
    for key in ("date", "start_time", "end_time", "kind", "mode", "place"):
        meeting[key] = _first(g_meeting.get(key))
    for key in ("present_count", "members_present", "members_total", "quorum_reached"):
        meeting["attendance"][key] = g_meeting.get(key)
    if g_meeting.get("organisation"):
        meeting["organization"] = reg.org(g_meeting["organisation"])
    for key in ("chair", "secretary"):
        if g_meeting.get(key):
            meeting[key] = reg.person(g_meeting[key])
    sections = [
        {
            "id": f"s{i}",
            "level": s["level"],
            "title": s["title"],
            "start_time": s.get("start_time"),
            "end_time": s.get("end_time"),
            "heading_span": _span_on_line(text, s["line"]),
        }
        for i, s in enumerate(gold.get("sections") or [], 1)
    ]
    turns = []
    for i, t in enumerate(gold.get("turns") or [], 1):
        orgs = t.get("organisations") or [None] * len(t["speakers"])
        ids = [reg.person(name, org) for name, org in zip(t["speakers"], orgs, strict=True)]
        turns.append(
            {
                "id": f"t{i}",
                "label": t["label"],
                "label_span": _span_on_line(text, t["line"], t["label"]),
                "speakers": ids,
            }
        )
    lists = []
    for i, lst in enumerate(gold.get("lists") or [], 1):
        entries = []
        for e in lst["entries"]:
            entry: dict[str, Any] = {
                "text": e.get("name") or e.get("organisation"),
                "role": e.get("role"),
                "is_new": bool(e.get("is_new")),
            }
            if e.get("name"):
                entry["person"] = reg.person(e["name"], e.get("organisation"))
            elif e.get("organisation"):
                entry["organization"] = reg.org(e["organisation"])
            entries.append(entry)
        lists.append({"id": f"l{i}", "kind": lst["kind"], "entries": entries})
    decisions = [
        {
            "id": f"d{i}",
            "subject": d.get("subject"),
            "result": d["result"],
            "unanimous": d.get("unanimous"),
            "counts": {k: d.get(k) for k in ("for", "against", "abstain")},
            "span": _span_on_line(text, d["line"]),
        }
        for i, d in enumerate(gold.get("decisions") or [], 1)
    ]
    return {
        "meeting": meeting,
        "persons": list(reg.persons.values()),
        "organizations": list(reg.orgs.values()),
        "sections": sections,
        "turns": turns,
        "lists": lists,
        "decisions": decisions,
    }


def _score(pred: Any, gold: dict[str, Any] | None = None, text: str = TEXT) -> Report:
    return Report((score_document("doc", gold or GOLD, text, pred),))


# --- fuzzy helpers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Jean-Marie Bergère", "BERGERE Jean-Marie", True),
        ("Élodie Martin", "elodie martin", True),
        ("Claire Martin", "Claire Martine", True),
        (["Nico", "Nicolas Perrin"], "Nicolas Perrin", True),
        ("Claire Martin", "Clair Marti", True),  # ratio 0.92
        ("Claire Martin", "Clai Mart", False),  # ratio 0.82
        ("Jeanne Roux", "Jeannette Roux", False),  # ratio 0.88
        ("Claire Martin", "Claire Marchand", False),
        ("Claire Martin", None, False),
        ("", "", False),
        ("Paul", "Pauline Girard", False),
    ],
)
def test_same_name(a: Any, b: Any, expected: bool) -> None:
    assert same_name(a, b) is expected


def test_normalise_name_sorts_tokens_and_drops_accents() -> None:
    assert normalise_name("Jean-Marie BERGÈRE") == "bergere jean marie"
    assert normalise_name(None) == ""


@pytest.mark.parametrize(
    ("found", "spec", "expected"),
    [
        (["Les Amis du Rail"], "Les Amis du Rail", True),
        (["Mairie de Vierzon (Cher)"], "Mairie de Vierzon", True),  # close enough (0.87)
        (["Office municipal des sports (OMS)"], "OMS", True),  # contained once tokens are sorted
        (["Association Les Amis du Rail de Vierzon"], "Les Amis du Rail", False),  # sorted tokens interleave
        ([], None, True),
        (["Mairie de Vierzon"], None, False),
        ([], ["Mairie de Vierzon", None], True),
        ([], "Mairie de Vierzon", False),
        (["Comité des fêtes"], "Les Amis du Rail", False),
    ],
)
def test_organisation_matches(found: list[str], spec: Any, expected: bool) -> None:
    assert organisation_matches(found, spec) is expected


def test_counts_conventions() -> None:
    assert Counts().f1 == 1.0  # nothing expected, nothing found
    assert Counts(fn=2).precision == 0.0 and Counts(fn=2).f1 == 0.0
    assert Counts(tp=1, fp=1, fn=0).precision == 0.5
    assert Counts(tp=1, fp=0, fn=3).recall == 0.25


# --- item scoring ------------------------------------------------------------------------------------


def test_perfect_prediction_scores_one_everywhere() -> None:
    report = _score(_predict(GOLD, TEXT))
    assert {k: c.f1 for k, c in report.counts.items()} == {
        "decisions": 1.0,
        "list_entries": 1.0,
        "sections": 1.0,
        "turns": 1.0,
    }
    assert all(a.value == 1.0 for a in report.accuracies.values())
    assert report.documents[0].problems == ()
    assert {
        "turns.organisation",
        "turns.hard_negatives",
        "lists.organisation",
        "decisions.counts",
        "meeting.organisation",
        "spans.turn_label_exact",
    } <= set(report.accuracies)


def test_missing_prediction_misses_everything() -> None:
    report = _score({})
    assert all(c.tp == 0 and c.fp == 0 and c.f1 == 0.0 for c in report.counts.values())
    assert report.accuracies["meeting.date"].value == 0.0


def test_a_missing_turn_lowers_recall_only() -> None:
    pred = _predict(GOLD, TEXT)
    pred["turns"].pop(1)
    turns = _score(pred).counts["turns"]
    assert (turns.tp, turns.fp, turns.fn) == (2, 0, 1)
    assert turns.precision == 1.0 and turns.recall == pytest.approx(2 / 3)


def test_a_spurious_turn_lowers_precision_and_fails_the_hard_negative() -> None:
    pred = _predict(GOLD, TEXT)
    pred["turns"].append(
        {"id": "t9", "label": "Remarque", "label_span": _span_on_line(TEXT, 9, "Remarque"), "speakers": []}
    )
    report = _score(pred)
    turns = report.counts["turns"]
    assert (turns.tp, turns.fp, turns.fn) == (3, 1, 0)
    assert turns.recall == 1.0 and turns.precision == 0.75
    assert report.accuracies["turns.hard_negatives"].value == 0.0
    assert "turn spurious L9: Remarque" in report.documents[0].problems


def test_a_wrong_speaker_counts_as_found_but_wrong() -> None:
    pred = _predict(GOLD, TEXT)
    pred["persons"].append({"id": "p99", "name": "Pauline Garnier", "memberships": []})
    pred["turns"][2]["speakers"] = ["p99"]
    report = _score(pred)
    assert report.counts["turns"].f1 == 1.0
    assert report.accuracies["turns.speaker"].ok == 2 and report.accuracies["turns.speaker"].n == 3


def test_a_wrong_turn_organisation_lowers_its_accuracy() -> None:
    pred = _predict(GOLD, TEXT)
    jeanne = next(p for p in pred["persons"] if p["name"] == "Jeanne Roux")
    jeanne["memberships"] = []
    assert _score(pred).accuracies["turns.organisation"].value == pytest.approx(2 / 3)


def test_label_span_must_spell_the_label() -> None:
    pred = _predict(GOLD, TEXT)
    pred["turns"][0]["label_span"]["end"] += 2
    assert _score(pred).accuracies["spans.turn_label_exact"].ok == 2


@pytest.mark.parametrize(
    ("predicted_name", "matched"),
    [
        ("Jeanne Roux", True),
        ("ROUX Jeanne", True),  # order and case
        ("Jeanne Rouxe", True),  # one letter off
        ("Jeane Roux", True),
        ("Jeannette Roux", True),  # ratio 0.88: enough for a list entry (0.85), not for a speaker (0.9)
        ("Jeanne Rousseau", False),
        ("Jeanne", False),
    ],
)
def test_list_entries_match_by_fuzzy_name(predicted_name: str, matched: bool) -> None:
    pred = _predict(GOLD, TEXT)
    entry = pred["lists"][0]["entries"][0]
    pred["persons"].append({"id": "p50", "name": predicted_name, "memberships": []})
    entry["person"], entry["text"] = "p50", predicted_name
    entries = _score(pred).counts["list_entries"]
    assert (entries.tp, entries.fp, entries.fn) == ((2, 0, 0) if matched else (1, 1, 1))


def test_list_entries_are_matched_within_their_kind_only() -> None:
    pred = _predict(GOLD, TEXT)
    pred["lists"][0]["kind"] = "excused"
    entries = _score(pred).counts["list_entries"]
    assert (entries.tp, entries.fp, entries.fn) == (0, 2, 2)


def test_list_kind_alias_participants_is_present() -> None:
    pred = _predict(GOLD, TEXT)
    pred["lists"][0]["kind"] = "participants"
    assert _score(pred).counts["list_entries"].f1 == 1.0


def test_organisation_only_entry_matches_on_text() -> None:
    gold = copy.deepcopy(GOLD)
    gold["lists"] = [
        {"kind": "excused", "line": 3, "entries": [{"name": None, "organisation": "Mairie de Vierzon"}]}
    ]
    pred = _predict(gold, TEXT)
    pred["lists"][0]["entries"] = [{"text": "Mairie de Vierzon (Cher)", "organization": None}]
    assert _score(pred, gold).counts["list_entries"].tp == 1
    gold["lists"][0]["entries"] = [{"name": None, "organisation": "OMS"}]
    pred["lists"][0]["entries"] = [
        {"text": "Office municipal des sports (OMS), excusé", "organization": None}
    ]
    assert _score(pred, gold).counts["list_entries"].tp == 1  # organisation contained in the entry text
    pred["lists"][0]["entries"] = [{"text": "Mairie d'Orléans", "organization": None}]
    assert _score(pred, gold).counts["list_entries"].tp == 0


@pytest.mark.parametrize(("shift", "matched"), [(0, True), (3, True), (-3, True), (4, False), (-4, False)])
def test_decisions_match_within_three_lines(shift: int, matched: bool) -> None:
    gold = dict(GOLD, decisions=GOLD["decisions"][:1])
    pred = _predict(gold, TEXT)
    pred["decisions"][0]["span"] = _span_on_line(TEXT, 11 + shift)
    decisions = _score(pred, gold).counts["decisions"]
    assert (decisions.tp, decisions.fp, decisions.fn) == ((1, 0, 0) if matched else (0, 1, 1))


def test_a_decision_span_over_several_lines_matches_inside_it() -> None:
    pred = _predict(GOLD, TEXT)
    pred["decisions"] = [
        dict(
            pred["decisions"][1],
            span={"start": _span_on_line(TEXT, 1)["start"], "end": _span_on_line(TEXT, 17)["end"]},
        )
    ]
    decisions = _score(pred).counts["decisions"]
    # one prediction can only match one gold decision: the first one inside its span
    assert (decisions.tp, decisions.fp, decisions.fn) == (1, 0, 1)


def test_decision_counts_and_result_are_checked() -> None:
    pred = _predict(GOLD, TEXT)
    pred["decisions"][1]["counts"]["against"] = 2
    pred["decisions"][1]["result"] = "rejected"
    report = _score(pred)
    assert report.accuracies["decisions.counts"].ok == 2 and report.accuracies["decisions.counts"].n == 3
    assert report.accuracies["decisions.result"].value == 0.5


def test_optional_sections_are_right_either_way() -> None:
    gold = dict(GOLD, optional_sections=[1])
    pred = _predict(gold, TEXT)
    with_title = copy.deepcopy(pred)
    with_title["sections"].append(
        {"id": "s9", "level": 1, "title": "Compte rendu", "heading_span": _span_on_line(TEXT, 1)}
    )
    assert _score(pred, gold).counts["sections"].f1 == 1.0
    assert _score(with_title, gold).counts["sections"].f1 == 1.0
    assert _score(with_title).counts["sections"].fp == 1


def test_null_gold_fields_are_not_scored_but_empty_lists_are() -> None:
    gold = dict(GOLD, turns=None, decisions=[])
    report = _score(_predict(GOLD, TEXT), gold)
    assert "turns" not in report.counts and "turns.speaker" not in report.accuracies
    assert report.counts["decisions"].fp == 2 and report.counts["decisions"].f1 == 0.0
    assert "meeting.chair" not in report.accuracies


def test_meeting_fields_exact_and_fuzzy() -> None:
    pred = _predict(GOLD, TEXT)
    pred["organizations"][0]["name"] = "les amis du rail"  # fuzzy field
    pred["meeting"]["date"] = "2021-05"  # exact field
    report = _score(pred)
    assert report.accuracies["meeting.organisation"].value == 1.0
    assert report.accuracies["meeting.date"].value == 0.0


# --- folders, output, parity with the shared scorer ----------------------------------------------------


def _write_fixture(root: Path, docs: dict[str, tuple[str, dict[str, Any], Any]]) -> tuple[Path, Path, Path]:
    gold_dir, text_dir, pred_dir = root / "gold", root / "texts", root / "pred"
    for d in (gold_dir, text_dir, pred_dir):
        d.mkdir()
    for name, (text, gold, pred) in docs.items():
        (text_dir / f"{name}.md").write_text(text, encoding="utf-8")
        (gold_dir / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        if pred is not None:
            (pred_dir / f"{name}.json").write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    return gold_dir, text_dir, pred_dir


def _nudge(name: str, rng: random.Random) -> str:
    """A near miss or a far one: drop, double or swap letters, or reverse the name."""
    if not name:
        return name
    i = rng.randrange(len(name))
    k = rng.randint(1, 4)
    return rng.choice([name[:i] + name[i + k :], name[:i] + name[i] * k + name[i:], name.upper(), name[::-1]])


def _perturb(pred: dict[str, Any], text: str, rng: random.Random) -> dict[str, Any]:
    """Drop, move, rename and invent items at random: exercises every branch of the scorers."""
    pred = copy.deepcopy(pred)
    n_lines = text.count("\n") + 1
    span_keys = {"sections": "heading_span", "turns": "label_span", "decisions": "span"}
    for key, span_key in span_keys.items():
        items = [x for x in pred[key] if rng.random() > 0.2]
        for x in items:
            if rng.random() < 0.3:
                line = _line_of(text, x[span_key]["start"]) + rng.choice([-4, -3, -1, 1, 3, 4])
                x[span_key] = _span_on_line(text, min(max(line, 1), n_lines))
            elif rng.random() < 0.1:
                x[span_key] = _span_on_line(text, rng.randint(1, n_lines))
        pred[key] = items
    for person in pred["persons"]:
        if rng.random() < 0.3:
            person["name"] = _nudge(person["name"], rng)
        if rng.random() < 0.2:
            person["memberships"] = []
    for org in pred["organizations"]:
        if rng.random() < 0.3:
            org["name"] = _nudge(org["name"], rng)
    for lst in pred["lists"]:
        lst["entries"] = [e for e in lst["entries"] if rng.random() > 0.15]
        for e in lst["entries"]:
            if e.get("role") and rng.random() < 0.4:
                e["role"] = _nudge(e["role"], rng)
            if rng.random() < 0.1:
                e["is_new"] = not e["is_new"]
        if rng.random() < 0.15:
            lst["kind"] = rng.choice(["present", "excused", "other", "participants"])
    for d in pred["decisions"]:
        if rng.random() < 0.3:
            d["counts"] = {k: (v or 0) + 1 for k, v in d["counts"].items()}
        if rng.random() < 0.2:
            d["result"] = "unknown"
        if rng.random() < 0.2:
            d["unanimous"] = not d["unanimous"]
    for key in ("date", "start_time", "place", "kind"):
        if rng.random() < 0.3:
            pred["meeting"][key] = None
    return pred


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _run_shared_scorer(gold_dir: Path, pred_dir: Path, text_dir: Path, out: Path) -> dict[str, Any]:
    subprocess.run(
        [
            sys.executable,
            str(SHARED_SCORER),
            "--gold",
            str(gold_dir),
            "--pred",
            str(pred_dir),
            "--text",
            str(text_dir),
            "--json",
            str(out),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def _fixture_docs(rng: random.Random) -> dict[str, tuple[str, dict[str, Any], Any]]:
    perfect = _predict(GOLD, TEXT)
    docs: dict[str, tuple[str, dict[str, Any], Any]] = {
        "a-perfect": (TEXT, GOLD, perfect),
        "b-missing": (TEXT, GOLD, None),
    }
    for i in range(12):
        docs[f"c-noisy-{i}"] = (TEXT, GOLD, _perturb(perfect, TEXT, rng))
    for gold_path in sorted((PROJECT_CORPUS / "gold").glob("*.json")):
        text_path = next(iter(sorted(PROJECT_CORPUS.glob(gold_path.stem + ".*"))), None)
        if text_path is None:
            continue
        text = text_path.read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        docs[gold_path.stem] = (text, gold, _perturb(_predict(gold, text), text, rng))
    return docs


@pytest.mark.skipif(not SHARED_SCORER.is_file(), reason="shared evaluation kit not present")
@pytest.mark.parametrize("seed", [4, 11, 23])
def test_same_numbers_as_the_shared_scorer(tmp_path: Path, seed: int) -> None:
    docs = _fixture_docs(random.Random(seed))
    gold_dir, text_dir, pred_dir = _write_fixture(tmp_path, docs)
    theirs = _run_shared_scorer(gold_dir, pred_dir, text_dir, tmp_path / "theirs.json")
    ours = report_json(evaluate_folder(gold_dir, text_dir, predictions_from(pred_dir)))
    assert ours["summary"] == theirs["summary"]
    assert {n: d["f1"] for n, d in ours["docs"].items()} == {n: d["f1"] for n, d in theirs["docs"].items()}
    assert {n: d["acc"] for n, d in ours["docs"].items()} == {n: d["acc"] for n, d in theirs["docs"].items()}
    # the fixture is not trivial: some items are wrong, some right
    f1s = [v["f1"] for v in ours["summary"]["f1"].values()]
    assert all(0.0 < f < 1.0 for f in f1s)


def test_format_report_prints_one_row_per_item(tmp_path: Path) -> None:
    gold_dir, text_dir, pred_dir = _write_fixture(tmp_path, {"doc": (TEXT, GOLD, _predict(GOLD, TEXT))})
    (gold_dir / "orphan.json").write_text("{}", encoding="utf-8")
    report = evaluate_folder(gold_dir, text_dir, predictions_from(pred_dir))
    out = format_report(report, verbose=True)
    assert "no text for orphan" in out
    assert "== doc: decisions=1.00 list_entries=1.00 sections=1.00 turns=1.00" in out
    assert "turns                        P=1.000 R=1.000 F1=1.000  (tp=3 fp=0 fn=0)" in out
    assert "decisions.counts             acc=1.000  (n=3)" in out


def test_a_missing_prediction_is_scored_empty_and_reported(tmp_path: Path) -> None:
    docs = {"one": (TEXT, GOLD, _predict(GOLD, TEXT)), "two": (TEXT, GOLD, None)}
    gold_dir, text_dir, pred_dir = _write_fixture(tmp_path, docs)
    report = evaluate_folder(gold_dir, text_dir, predictions_from(pred_dir))
    assert [name for name, _ in report.failures] == ["two"]
    assert report.counts["turns"].fn == 3 and report.counts["turns"].tp == 3
    assert "scored as empty: two: no readable prediction (FileNotFoundError)" in format_report(report)


def test_a_parser_error_is_scored_empty_and_reported(tmp_path: Path) -> None:
    from pvparse.errors import InputError

    def parse(path: Path) -> Any:
        if path.stem == "two":
            raise InputError(f"{path.name}: empty file")
        return _predict(GOLD, TEXT)

    docs = {"one": (TEXT, GOLD, None), "two": (TEXT, GOLD, None)}
    gold_dir, text_dir, _ = _write_fixture(tmp_path, docs)
    report = evaluate_folder(gold_dir, text_dir, predictions_by_parsing(parse))
    assert report.failures == (("two", "pvparse failed: two.md: empty file"),)
    assert report.counts["sections"].tp == 2 and report.counts["sections"].fn == 2


def test_only_restricts_the_documents(tmp_path: Path) -> None:
    docs = {"one": (TEXT, GOLD, _predict(GOLD, TEXT)), "two": (TEXT, GOLD, None)}
    gold_dir, text_dir, pred_dir = _write_fixture(tmp_path, docs)
    report = evaluate_folder(gold_dir, text_dir, predictions_from(pred_dir), only=["one"])
    assert [d.name for d in report.documents] == ["one"]
    assert report.counts["turns"].f1 == 1.0
