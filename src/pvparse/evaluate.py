"""Evaluation: score pvparse outputs (the JSON contract) against gold annotations (GOLD_FORMAT v1).

Semantics follow the shared scorer of the evaluation kit, so figures agree with it on the same inputs:
sections and turns are matched by the line of their heading / label, decisions by line within ±3 of the
predicted span, list entries by fuzzy name within the same list kind; attributes of matched items and
meeting fields are scored as accuracies. A gold field that is null is not evaluated; an empty gold list
is, so every prediction against it is a false positive.

Only `evaluate_folder` touches files; `score_document` is pure. Nothing here prints: the caller
(`scripts/evaluate.py`, the CLI) formats the `Report` with `format_report`.
"""

from __future__ import annotations

import bisect
import difflib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

JSON = dict[str, Any]

NAME_THRESHOLD = 0.9
FUZZY_FIELD_THRESHOLD = 0.85
ORG_THRESHOLD = 0.85
LIST_NAME_THRESHOLD = 0.85
ROLE_THRESHOLD = 0.8
DECISION_LINE_TOLERANCE = 3

LIST_KIND_ALIASES: Mapping[str, str] = {"participants": "present", "team": "staff"}
MEETING_FIELDS: tuple[str, ...] = (
    "date",
    "start_time",
    "end_time",
    "kind",
    "mode",
    "place",
    "organisation",
    "chair",
    "secretary",
    "present_count",
    "members_present",
    "members_total",
    "quorum_reached",
)
FUZZY_MEETING_FIELDS = frozenset({"place", "organisation", "chair", "secretary"})
COUNT_KEYS: tuple[str, ...] = ("for", "against", "abstain")

_NON_WORD_RE = re.compile(r"[^\w]+")


# --- fuzzy comparison -------------------------------------------------------------------------


def normalise_name(value: object) -> str:
    """Accent-, case- and punctuation-free, tokens sorted: "Jean-Marie BERGÈRE" → "bergere jean marie"."""
    if not isinstance(value, str) or not value:
        return ""
    decomposed = unicodedata.normalize("NFKD", value)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(sorted(_NON_WORD_RE.sub(" ", bare).split()))


def same_name(expected: object, found: object, threshold: float = NAME_THRESHOLD) -> bool:
    """Fuzzy equality of names; `expected` may be a list of accepted alternatives."""
    if isinstance(expected, list):
        return any(same_name(alt, found, threshold) for alt in expected)
    if not isinstance(found, str):
        return False
    a, b = normalise_name(expected), normalise_name(found)
    if not a or not b:
        return False
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= threshold


def organisation_matches(found: list[str], spec: object) -> bool:
    """`spec` is a name, None ("no organisation stated") or a list of such alternatives."""
    alternatives = spec if isinstance(spec, list) else [spec]
    for alt in alternatives:
        if alt is None and not found:
            return True
        if alt is not None and any(_org_close(alt, name) for name in found):
            return True
    return False


def _org_close(expected: object, found: str) -> bool:
    key = normalise_name(expected)
    return same_name(expected, found, ORG_THRESHOLD) or bool(key and key in normalise_name(found))


# --- counters ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """Matching outcome for one item type: true positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 0.0 if self.fn else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Accuracy:
    """Share of checked attributes that were right."""

    ok: int = 0
    n: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.ok + other.ok, self.n + other.n)

    @property
    def value(self) -> float | None:
        return self.ok / self.n if self.n else None


@dataclass
class _Card:
    """Mutable tally used while one document is scored, frozen into a `DocScore` at the end."""

    counts: dict[str, Counts] = field(default_factory=dict)
    accuracies: dict[str, Accuracy] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def count(self, item: str, tp: int, fp: int, fn: int) -> None:
        self.counts[item] = self.counts.get(item, Counts()) + Counts(tp, fp, fn)

    def check(self, attribute: str, ok: bool) -> None:
        self.accuracies[attribute] = self.accuracies.get(attribute, Accuracy()) + Accuracy(int(bool(ok)), 1)

    def problem(self, message: str) -> None:
        self.problems.append(message)


@dataclass(frozen=True)
class DocScore:
    name: str
    counts: Mapping[str, Counts]
    accuracies: Mapping[str, Accuracy]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    documents: tuple[DocScore, ...]
    missing_texts: tuple[str, ...] = ()
    failures: tuple[tuple[str, str], ...] = ()  # (name, why): scored as an empty output

    @property
    def counts(self) -> dict[str, Counts]:
        return _merge((d.counts for d in self.documents), Counts())

    @property
    def accuracies(self) -> dict[str, Accuracy]:
        return _merge((d.accuracies for d in self.documents), Accuracy())


def _merge(parts: Iterable[Mapping[str, Any]], zero: Any) -> dict[str, Any]:
    total: dict[str, Any] = {}
    for part in parts:
        for key, value in part.items():
            total[key] = total.get(key, zero) + value
    return dict(sorted(total.items()))


# --- the prediction as seen by the scorer ------------------------------------------------------


@dataclass(frozen=True)
class Prediction:
    """A pvparse output with its source text: offsets → line numbers, ids → names."""

    text: str
    data: JSON
    line_starts: tuple[int, ...]
    persons: Mapping[Any, JSON]
    organisations: Mapping[Any, JSON]

    @classmethod
    def build(cls, text: str, data: object) -> Prediction:
        doc = data if isinstance(data, dict) else {}
        starts = (0, *(m.end() for m in re.finditer("\n", text)))
        persons = {p.get("id"): p for p in doc.get("persons") or [] if isinstance(p, dict)}
        orgs = {o.get("id"): o for o in doc.get("organizations") or [] if isinstance(o, dict)}
        return cls(text, doc, starts, persons, orgs)

    def items(self, key: str) -> list[JSON]:
        return [x for x in self.data.get(key) or [] if isinstance(x, dict)]

    def line(self, offset: int) -> int:
        """1-based line holding code-point `offset`."""
        return max(1, bisect.bisect_right(self.line_starts, offset))

    def span_line(self, item: JSON, key: str) -> int | None:
        try:
            return self.line(item[key]["start"])
        except (KeyError, TypeError):
            return None

    def person_name(self, pid: object) -> str | None:
        person = self.persons.get(pid) if isinstance(pid, str) else None
        return person.get("name") if person else None

    def person_organisations(self, pid: object) -> list[str]:
        """Names and aliases of the organisations a person is a member of."""
        person = (self.persons.get(pid) if isinstance(pid, str) else None) or {}
        names: list[str] = []
        for membership in person.get("memberships") or []:
            org = self.organisations.get(membership.get("organization"))
            if org:
                names.append(org.get("name", ""))
                names.extend(org.get("aliases") or [])
        return names

    def organisation_name(self, oid: object) -> str | None:
        org = self.organisations.get(oid) if isinstance(oid, str) else None
        return org.get("name") if org else None


# --- scoring, one item type per function --------------------------------------------------------


def score_document(name: str, gold: JSON, text: str, predicted: object) -> DocScore:
    """Score one prediction (contract JSON, or anything unreadable → empty) against its gold file."""
    pred = Prediction.build(text, predicted)
    card = _Card()
    _score_meeting(gold, pred, card)
    if gold.get("sections") is not None:
        _score_sections(gold, pred, card)
    if gold.get("turns") is not None:
        _score_turns(gold, pred, card)
    if gold.get("lists") is not None:
        _score_lists(gold, pred, card)
    if gold.get("decisions") is not None:
        _score_decisions(gold, pred, card)
    _score_label_spans(pred, card)
    return DocScore(name, dict(card.counts), dict(card.accuracies), tuple(card.problems))


def _meeting_getters(pred: Prediction) -> dict[str, Callable[[], object]]:
    meeting = pred.data.get("meeting") or {}
    attendance = meeting.get("attendance") or {}
    return {
        "date": lambda: meeting.get("date"),
        "start_time": lambda: meeting.get("start_time"),
        "end_time": lambda: meeting.get("end_time"),
        "kind": lambda: meeting.get("kind"),
        "mode": lambda: meeting.get("mode"),
        "place": lambda: meeting.get("place"),
        "organisation": lambda: pred.organisation_name(meeting.get("organization")),
        "chair": lambda: pred.person_name(meeting.get("chair")),
        "secretary": lambda: pred.person_name(meeting.get("secretary")),
        "present_count": lambda: attendance.get("present_count"),
        "members_present": lambda: attendance.get("members_present"),
        "members_total": lambda: attendance.get("members_total"),
        "quorum_reached": lambda: attendance.get("quorum_reached"),
    }


def _score_meeting(gold: JSON, pred: Prediction, card: _Card) -> None:
    expected = gold.get("meeting") or {}
    getters = _meeting_getters(pred)
    for key in MEETING_FIELDS:
        want = expected.get(key)
        if want is None:
            continue
        try:
            got = getters[key]()
        except (AttributeError, TypeError):
            got = None
        ok = same_name(want, got, FUZZY_FIELD_THRESHOLD) if key in FUZZY_MEETING_FIELDS else want == got
        card.check("meeting." + key, ok)
        if not ok:
            card.problem(f"meeting.{key}: gold={want!r} pred={got!r}")
    _score_signature(expected.get("signature"), pred, card)


def _score_signature(expected: JSON | None, pred: Prediction, card: _Card) -> None:
    if not expected:
        return
    signature = (pred.data.get("meeting") or {}).get("signature") or {}
    card.check("meeting.signature.date", signature.get("date") == expected.get("date"))
    names = [pred.person_name(s.get("person")) for s in signature.get("signatories") or []]
    for wanted in expected.get("signatories", []):
        card.check("meeting.signatories", any(same_name(wanted, n) for n in names))


def _by_line(pred: Prediction, items: list[JSON], span_key: str) -> dict[int, JSON]:
    """First predicted item on each line (by the start of `span_key`)."""
    found: dict[int, JSON] = {}
    for item in items:
        line = pred.span_line(item, span_key)
        if line is not None:
            found.setdefault(line, item)
    return found


def _score_sections(gold: JSON, pred: Prediction, card: _Card) -> None:
    expected = {s["line"]: s for s in gold["sections"]}
    found = _by_line(pred, pred.items("sections"), "heading_span")
    for line in gold.get("optional_sections") or []:
        if line not in expected:
            found.pop(line, None)
    _count_by_line(card, "sections", expected, found)
    for line in sorted(expected.keys() - found.keys()):
        card.problem(f"section missed L{line}: {expected[line]['title'][:60]}")
    for line in sorted(found.keys() - expected.keys()):
        card.problem(f"section spurious L{line}: {found[line].get('title', '')[:60]}")
    for line in sorted(expected.keys() & found.keys()):
        want, got = expected[line], found[line]
        card.check("sections.level", want.get("level") == got.get("level"))
        for key in ("start_time", "end_time"):
            if want.get(key):
                card.check("sections.times", want[key] == got.get(key))


def _count_by_line(card: _Card, item: str, expected: Mapping[int, Any], found: Mapping[int, Any]) -> None:
    both = expected.keys() & found.keys()
    card.count(item, len(both), len(found.keys() - both), len(expected.keys() - both))


def _score_turns(gold: JSON, pred: Prediction, card: _Card) -> None:
    expected = {t["line"]: t for t in gold["turns"]}
    found = _by_line(pred, pred.items("turns"), "label_span")
    _count_by_line(card, "turns", expected, found)
    for line in sorted(expected.keys() - found.keys()):
        card.problem(f"turn missed L{line}: {expected[line]['label']}")
    for line in sorted(found.keys() - expected.keys()):
        card.problem(f"turn spurious L{line}: {found[line].get('label', '')[:50]}")
    for line in sorted(expected.keys() & found.keys()):
        _score_turn_speakers(line, expected[line], found[line], pred, card)
    for line in gold.get("not_turns") or []:
        card.check("turns.hard_negatives", line not in found)


def _score_turn_speakers(line: int, want: JSON, got: JSON, pred: Prediction, card: _Card) -> None:
    speaker_ids = got.get("speakers") or []
    names = [pred.person_name(pid) for pid in speaker_ids]
    wanted = want["speakers"]
    ok = len(names) == len(wanted) and all(any(same_name(w, n) for n in names) for w in wanted)
    card.check("turns.speaker", ok)
    if not ok:
        card.problem(f"turn speaker L{line}: gold={wanted} pred={names}")
        return
    specs = want.get("organisations")
    if specs is None:
        return
    for speaker, spec in zip(wanted, specs, strict=False):
        pid = next((p for p in speaker_ids if same_name(speaker, pred.person_name(p))), None)
        orgs = pred.person_organisations(pid)
        org_ok = organisation_matches(orgs, spec)
        card.check("turns.organisation", org_ok)
        if not org_ok:
            card.problem(f"turn org L{line} {speaker}: gold={spec} pred={orgs[:3]}")


def _list_kind(kind: object) -> object:
    return LIST_KIND_ALIASES.get(kind, kind) if isinstance(kind, str) else kind


def _score_lists(gold: JSON, pred: Prediction, card: _Card) -> None:
    expected: dict[object, list[JSON]] = {}
    for lst in gold["lists"]:
        expected.setdefault(_list_kind(lst["kind"]), []).extend(lst["entries"])
    found: dict[object, list[JSON]] = {}
    for lst in pred.items("lists"):
        entries = [e for e in lst.get("entries") or [] if isinstance(e, dict)]
        found.setdefault(_list_kind(lst.get("kind")), []).extend(entries)
    for kind in sorted(expected.keys() | found.keys(), key=str):
        _score_list_kind(str(kind), expected.get(kind, []), list(found.get(kind, [])), pred, card)


def _entry_matches(want: JSON, got: JSON, pred: Prediction) -> bool:
    """By person name, or by organisation for entries that name only an organisation."""
    key = want.get("name") or want.get("organisation")
    if want.get("name"):
        candidate = pred.person_name(got.get("person"))
    else:
        candidate = pred.organisation_name(got.get("organization"))
    if same_name(key, candidate, LIST_NAME_THRESHOLD) or same_name(key, got.get("text"), LIST_NAME_THRESHOLD):
        return True
    norm_key = normalise_name(key)
    return not want.get("name") and bool(norm_key) and norm_key in normalise_name(got.get("text"))


def _score_list_kind(
    kind: str, expected: list[JSON], remaining: list[JSON], pred: Prediction, card: _Card
) -> None:
    tp = 0
    for want in expected:
        index = next((i for i, got in enumerate(remaining) if _entry_matches(want, got, pred)), None)
        if index is None:
            card.problem(f"list[{kind}] missed: {want.get('name') or want.get('organisation')}")
            continue
        tp += 1
        _score_entry_attributes(want, remaining.pop(index), pred, card)
    card.count("list_entries", tp, len(remaining), len(expected) - tp)
    for got in remaining[:5]:
        card.problem(f"list[{kind}] spurious: {got.get('text', '')[:50]}")


def _score_entry_attributes(want: JSON, got: JSON, pred: Prediction, card: _Card) -> None:
    if want.get("name") and want.get("organisation"):
        names = [
            pred.organisation_name(got.get("organization")) or "",
            *pred.person_organisations(got.get("person")),
        ]
        card.check("lists.organisation", organisation_matches([n for n in names if n], want["organisation"]))
    if "is_new" in want:
        card.check("lists.is_new", bool(got.get("is_new")) == bool(want["is_new"]))
    role = want.get("role")
    if role:
        card.check(
            "lists.role",
            same_name(role, got.get("role"), ROLE_THRESHOLD)
            or normalise_name(role) in normalise_name(got.get("role")),
        )


def _decision_ranges(pred: Prediction) -> list[tuple[int, int, JSON]]:
    """(first line, last line, decision) of every predicted decision with a readable span."""
    ranges: list[tuple[int, int, JSON]] = []
    for decision in pred.items("decisions"):
        try:
            start, end = decision["span"]["start"], decision["span"]["end"]
            ranges.append((pred.line(start), pred.line(max(start, end - 1)), decision))
        except (KeyError, TypeError):
            continue
    return ranges


def _score_decisions(gold: JSON, pred: Prediction, card: _Card) -> None:
    ranges = _decision_ranges(pred)
    used: set[int] = set()
    for want in gold["decisions"]:
        line = want["line"]
        hit = next(
            (
                i
                for i, (first, last, _) in enumerate(ranges)
                if i not in used and first - DECISION_LINE_TOLERANCE <= line <= last + DECISION_LINE_TOLERANCE
            ),
            None,
        )
        if hit is None:
            card.problem(f"decision missed L{line}: {want.get('subject', '')[:50]}")
            continue
        used.add(hit)
        _score_decision_attributes(want, ranges[hit][2], card)
    card.count("decisions", len(used), len(ranges) - len(used), len(gold["decisions"]) - len(used))
    for i, (first, _, decision) in enumerate(ranges):
        if i not in used:
            card.problem(f"decision spurious L{first}: {str(decision.get('subject'))[:50]}")


def _score_decision_attributes(want: JSON, got: JSON, card: _Card) -> None:
    card.check("decisions.result", got.get("result") == want.get("result"))
    if want.get("unanimous") is not None:
        card.check("decisions.unanimous", got.get("unanimous") == want["unanimous"])
    counts = got.get("counts") or {}
    for key in COUNT_KEYS:
        if want.get(key) is not None:
            card.check("decisions.counts", counts.get(key) == want[key])


def _score_label_spans(pred: Prediction, card: _Card) -> None:
    """Every turn's label_span must spell its label exactly."""
    for turn in pred.items("turns"):
        try:
            span = turn["label_span"]
            card.check("spans.turn_label_exact", pred.text[span["start"] : span["end"]] == turn["label"])
        except (KeyError, TypeError):
            card.check("spans.turn_label_exact", False)


# --- folders -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PredictionFailure:
    """No output for a text (unreadable prediction, parser error): scored as empty, and reported."""

    reason: str


Predictor = Callable[[Path], object]


def read_source(path: Path) -> str:
    """The text the scorer counts lines and slices spans in (UTF-8, BOM dropped, bad bytes replaced)."""
    return path.read_bytes().decode("utf-8-sig", errors="replace")


def find_text(text_dir: Path, name: str) -> Path | None:
    matches = sorted(p for p in text_dir.glob(name + ".*") if p.is_file())
    return matches[0] if matches else None


def read_prediction(pred_dir: Path, name: str) -> object:
    """A missing or unreadable prediction scores as empty."""
    try:
        return json.loads((pred_dir / (name + ".json")).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return PredictionFailure(f"no readable prediction ({type(exc).__name__})")


def evaluate_folder(
    gold_dir: Path,
    text_dir: Path,
    predict: Predictor,
    only: Iterable[str] | None = None,
) -> Report:
    """Score every `NAME.json` of `gold_dir`; `predict(text_path)` gives the contract JSON for a text."""
    wanted = set(only) if only else None
    scores: list[DocScore] = []
    missing: list[str] = []
    failures: list[tuple[str, str]] = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        name = gold_path.stem
        if wanted is not None and name not in wanted:
            continue
        text_path = find_text(text_dir, name)
        if text_path is None:
            missing.append(name)
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        predicted = predict(text_path)
        if isinstance(predicted, PredictionFailure):
            failures.append((name, predicted.reason))
            predicted = {}
        scores.append(score_document(name, gold, read_source(text_path), predicted))
    return Report(tuple(scores), tuple(missing), tuple(failures))


def predictions_from(pred_dir: Path) -> Predictor:
    """Predictor reading `pred_dir/NAME.json` written beforehand by `pvparse parse`."""
    return lambda text_path: read_prediction(pred_dir, text_path.stem)


def predictions_by_parsing(parse: Callable[[Path], Any]) -> Predictor:
    """Predictor running the parser in this process; a file it rejects scores as empty."""
    from .errors import PVParseError

    def predict(text_path: Path) -> object:
        try:
            document = parse(text_path)
        except PVParseError as exc:
            return PredictionFailure(f"pvparse failed: {exc}")
        if hasattr(document, "model_dump"):
            return document.model_dump(mode="json", by_alias=True)
        return document

    return predict


def run(
    gold_dir: Path,
    text_dir: Path,
    pred_dir: Path | None = None,
    only: Iterable[str] | None = None,
) -> Report:
    """Score `pred_dir` outputs, or parse every text with `pvparse.parse_file` when it is None."""
    if pred_dir is not None:
        return evaluate_folder(gold_dir, text_dir, predictions_from(pred_dir), only)
    from .pipeline import parse_file

    return evaluate_folder(gold_dir, text_dir, predictions_by_parsing(parse_file), only)


# --- output ------------------------------------------------------------------------------------


def summary(report: Report) -> JSON:
    """Rounded per-item P/R/F1 and attribute accuracies, as the shared scorer writes them."""
    f1 = {
        k: {
            "p": round(c.precision, 3),
            "r": round(c.recall, 3),
            "f1": round(c.f1, 3),
            "tp": c.tp,
            "fp": c.fp,
            "fn": c.fn,
        }
        for k, c in report.counts.items()
    }
    acc = {
        k: {"acc": round(a.value, 3), "n": a.n} for k, a in report.accuracies.items() if a.value is not None
    }
    return {"f1": f1, "acc": acc}


def report_json(report: Report) -> JSON:
    """Summary plus per-document F1, accuracies and problems."""
    docs = {
        d.name: {
            "f1": {k: round(c.f1, 3) for k, c in d.counts.items()},
            "acc": {k: round(a.value, 3) for k, a in d.accuracies.items() if a.value is not None},
            "problems": list(d.problems),
        }
        for d in report.documents
    }
    return {"summary": summary(report), "docs": docs}


def format_report(report: Report, verbose: bool = False, max_problems: int = 40) -> str:
    """The table printed by `scripts/evaluate.py`; with `verbose`, each document's F1s and problems first."""
    lines: list[str] = [f"no text for {name}" for name in report.missing_texts]
    lines.extend(f"scored as empty: {name}: {reason}" for name, reason in report.failures)
    if verbose:
        for doc in report.documents:
            f1s = " ".join(f"{k}={c.f1:.2f}" for k, c in sorted(doc.counts.items()))
            lines.append(f"== {doc.name}: {f1s}")
            lines.extend(f"    {p}" for p in doc.problems[:max_problems])
    table = summary(report)
    for k, v in table["f1"].items():
        lines.append(
            f"{k:28s} P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f}"
            f"  (tp={v['tp']} fp={v['fp']} fn={v['fn']})"
        )
    for k, v in table["acc"].items():
        lines.append(f"{k:28s} acc={v['acc']:.3f}  (n={v['n']})")
    return "\n".join(lines)
