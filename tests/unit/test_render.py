"""The HTML review page: every span anchored, everything from the minutes escaped, output deterministic."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pvparse.errors import InputError
from pvparse.render import render_file, render_html
from pvparse.schema import (
    Attendance,
    Counts,
    Decision,
    Diagnostic,
    Document,
    Generator,
    ListEntry,
    Meeting,
    Membership,
    Organization,
    Person,
    PersonList,
    Section,
    Source,
    Span,
    Turn,
)

TEXT = """PROCÈS-VERBAL DU CONSEIL D'ADMINISTRATION DU 3 MARS 2023

Présents : Alice Martin (Ville de Lyon), Bruno Petit.

10h00-10h30 : 1. OUVERTURE

Alice : bonjour à tous, nous commençons.
La séance est ouverte.

Bruno Petit : merci. Je propose d'adopter le budget.

Le budget est adopté à l'unanimité.

10h30-11h00 : 2. QUESTIONS DIVERSES

Xavier : une question <script>window.pwned=1</script> sur le
<img src=x onerror="window.pwned=2"> calendrier & co.
"""


def at(needle: str, nth: int = 0, text: str = TEXT) -> Span:
    """The span of the nth occurrence of `needle` in the text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start=start, end=start + len(needle))


def upto(first: str, last: str, text: str = TEXT) -> Span:
    """From the start of `first` to the end of `last` (both in the text, in that order)."""
    a = at(first, text=text)
    b = text.index(last, a.start) + len(last)
    return Span(start=a.start, end=b)


def sample_document(text: str = TEXT) -> Document:
    """A hand-built extraction of TEXT, with nested and crossing spans on purpose."""
    return Document(
        generator=Generator(version="0.0.test"),
        source=Source(
            path="ca.txt", sha256="0" * 64, encoding="utf-8", media_type="text/plain", length=len(text)
        ),
        meeting=Meeting(
            title="PROCÈS-VERBAL DU CONSEIL D'ADMINISTRATION DU 3 MARS 2023",
            title_span=at("PROCÈS-VERBAL DU CONSEIL D'ADMINISTRATION DU 3 MARS 2023"),
            organization="o2",
            kind="board",
            date="2023-03-03",
            date_span=at("3 MARS 2023"),
            start_time="10:00",
            end_time="11:00",
            attendance=Attendance(present_count=2, span=upto("Présents", "Petit.")),
        ),
        persons=[
            Person(
                id="p1",
                name="Alice Martin",
                given_name="Alice",
                family_name="Martin",
                aliases=["Alice"],
                memberships=[Membership(organization="o1", role="adjointe")],
                mentions=[at("Alice Martin"), at("Alice", 1)],
            ),
            Person(id="p2", name="Bruno Petit", mentions=[at("Bruno Petit"), at("Bruno Petit", 1)]),
        ],
        organizations=[
            Organization(
                id="o1", name="Ville de Lyon", classification="commune", mentions=[at("Ville de Lyon")]
            ),
            Organization(id="o2", name="Conseil", aliases=["CA"]),
        ],
        sections=[
            Section(
                id="s1",
                level=1,
                number="1",
                title="OUVERTURE",
                start_time="10:00",
                end_time="10:30",
                heading_span=at("10h00-10h30 : 1. OUVERTURE"),
                span=upto("10h00-10h30", "unanimité."),
            ),
            Section(
                id="s2",
                level=1,
                number="2",
                title="QUESTIONS DIVERSES",
                start_time="10:30",
                end_time="11:00",
                heading_span=at("10h30-11h00 : 2. QUESTIONS DIVERSES"),
                span=upto("10h30-11h00", "& co."),
            ),
        ],
        turns=[
            Turn(
                id="t1",
                section="s1",
                label="Alice",
                label_span=at("Alice", 1),
                speakers=["p1"],
                resolution="given_name",
                text="bonjour à tous, nous commençons.\nLa séance est ouverte.",
                span=upto("Alice :", "ouverte."),
            ),
            Turn(
                id="t2",
                section="s1",
                label="Bruno Petit",
                label_span=at("Bruno Petit", 1),
                speakers=["p2"],
                resolution="exact",
                # runs into the decision line, so the decision crosses the turn's end
                text="merci. Je propose d'adopter le budget.\n\nLe budget",
                span=upto("Bruno Petit :", "Le budget"),
            ),
            Turn(
                id="t3",
                section="s2",
                label="Xavier",
                label_span=at("Xavier"),
                resolution="unresolved",
                text=TEXT[at("une question").start : at("& co.").end],
                span=upto("Xavier", "& co."),
            ),
        ],
        lists=[
            PersonList(
                id="l1",
                kind="present",
                title="Présents",
                span=upto("Présents", "Petit."),
                entries=[
                    ListEntry(
                        text="Alice Martin (Ville de Lyon)",
                        span=at("Alice Martin (Ville de Lyon)"),
                        person="p1",
                        organization="o1",
                    ),
                    ListEntry(text="Bruno Petit", span=at("Bruno Petit"), person="p2"),
                ],
            )
        ],
        decisions=[
            Decision(
                id="d1",
                section="s1",
                subject="budget",
                result="adopted",
                unanimous=True,
                counts=Counts(),
                span=at("Le budget est adopté à l'unanimité."),
            )
        ],
        diagnostics=[
            Diagnostic(
                code="unresolved_speaker",
                severity="warning",
                message="no person matches “Xavier”",
                span=at("Xavier"),
            ),
            Diagnostic(
                code="empty_span",
                severity="info",
                message="zero-length <b>span</b>",
                span=Span(start=3, end=3),
            ),
            Diagnostic(code="no_signature", severity="info", message="no signature block"),
        ],
    )


class _Collector(HTMLParser):
    """Collects start tags (with attributes), scripts, and checks that elements nest properly."""

    VOID = frozenset({"meta", "link", "input", "br", "img", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.scripts: list[str] = []
        self.in_pre = False
        self.pre_text: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = True
            self.scripts.append("")
        if tag == "pre":
            self.in_pre = True
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        if tag == "script":
            self._script = False
        if tag == "pre":
            self.in_pre = False

    def handle_data(self, data: str) -> None:
        if self._script:
            self.scripts[-1] += data
        if self.in_pre:
            self.pre_text.append(data)


def parse(page: str) -> _Collector:
    c = _Collector()
    c.feed(page)
    c.close()
    return c


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(sample_document(), TEXT)


def ids_of(c: _Collector) -> list[str]:
    return [a["id"] for _, a in c.tags if a.get("id")]


def test_page_is_well_formed_and_ids_unique(page: str) -> None:
    c = parse(page)
    assert c.errors == []
    assert c.stack == []
    ids = ids_of(c)
    assert len(ids) == len(set(ids))


def test_pre_shows_exactly_the_source_text(page: str) -> None:
    # one newline after <pre> is eaten by the HTML parser, as in a browser
    shown = "".join(parse(page).pre_text)
    assert shown == "\n" + TEXT


@pytest.mark.parametrize(
    ("anchor", "evidence"),
    [
        ("ev-meeting-title", "PROCÈS-VERBAL DU CONSEIL D'ADMINISTRATION DU 3 MARS 2023"),
        ("ev-meeting-date", "3 MARS 2023"),
        ("ev-attendance", "Présents : Alice Martin (Ville de Lyon), Bruno Petit."),
        ("ev-s1-heading", "10h00-10h30 : 1. OUVERTURE"),
        ("ev-s2-heading", "10h30-11h00 : 2. QUESTIONS DIVERSES"),
        ("ev-t1-label", "Alice"),
        ("ev-t2-label", "Bruno Petit"),
        ("ev-t3-label", "Xavier"),
        ("ev-l1-1", "Alice Martin (Ville de Lyon)"),
        ("ev-l1-2", "Bruno Petit"),
        ("ev-p1-m1", "Alice Martin"),
        ("ev-o1-m1", "Ville de Lyon"),
        ("ev-diag-1", "Xavier"),
    ],
)
def test_anchor_holds_its_evidence_text(page: str, anchor: str, evidence: str) -> None:
    """The element with the anchor id starts with the evidence (a split mark continues after it)."""
    m = re.search(rf'id="{anchor}"[^>]*>(.*)', page, re.S)
    assert m is not None, anchor
    shown = html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))
    assert shown.startswith(evidence)


def expected_anchors(doc: Document) -> set[str]:
    anchors = {"ev-meeting-title", "ev-meeting-date", "ev-attendance"}
    for s in doc.sections:
        anchors |= {f"ev-{s.id}", f"ev-{s.id}-heading"}
    for t in doc.turns:
        anchors |= {f"ev-{t.id}", f"ev-{t.id}-label"}
    for lst in doc.lists:
        anchors.add(f"ev-{lst.id}")
        anchors |= {f"ev-{lst.id}-{i}" for i in range(1, len(lst.entries) + 1)}
    anchors |= {f"ev-{d.id}" for d in doc.decisions}
    for p in doc.persons:
        anchors |= {f"ev-{p.id}-m{i}" for i in range(1, len(p.mentions) + 1)}
    for o in doc.organizations:
        anchors |= {f"ev-{o.id}-m{i}" for i in range(1, len(o.mentions) + 1)}
    anchors |= {f"ev-diag-{i}" for i, d in enumerate(doc.diagnostics, 1) if d.span}
    return anchors


def test_every_span_is_an_anchor_in_the_text(page: str) -> None:
    c = parse(page)
    ids = set(ids_of(c))
    expected = expected_anchors(sample_document())
    assert expected - ids == set()
    assert "ev-diag-3" not in ids  # a diagnostic without span has nothing to point at


def test_every_internal_link_resolves(page: str) -> None:
    c = parse(page)
    ids = set(ids_of(c))
    hrefs = [a["href"] for tag, a in c.tags if tag == "a" and a.get("href", "").startswith("#")]
    assert hrefs
    assert [h for h in hrefs if h[1:] not in ids] == []


def test_crossing_spans_are_split_and_continuation_marked(page: str) -> None:
    # decision d1 starts inside turn t2 and ends after it: one of them must be split
    c = parse(page)
    conts = [a for _, a in c.tags if "cont" in (a.get("class") or "").split()]
    assert any(a.get("data-of") == "ev-d1" for a in conts)


@pytest.mark.parametrize(
    "payload",
    ["<script>window.pwned=1</script>", '<img src=x onerror="window.pwned=2">'],
)
def test_minutes_markup_is_shown_as_text(page: str, payload: str) -> None:
    assert payload not in page
    assert html.escape(payload, quote=False) in page


def test_no_script_or_event_handler_but_ours(page: str) -> None:
    c = parse(page)
    assert [t for t, _ in c.tags].count("script") == 1
    assert [t for t, _ in c.tags].count("img") == 0
    handlers = [(t, k) for t, a in c.tags for k in a if k.startswith("on")]
    assert handlers == []


def test_attribute_values_from_the_minutes_are_escaped() -> None:
    text = TEXT.replace("Xavier", 'X" onmouseover="window.pwned=3" x="')
    doc = sample_document(text)
    label = text[doc.turns[2].label_span.start : doc.turns[2].label_span.end]
    doc = doc.model_copy(update={"turns": [*doc.turns[:2], doc.turns[2].model_copy(update={"label": label})]})
    c = parse(render_html(doc, text))
    assert [(t, k) for t, a in c.tags for k in a if k.startswith("on")] == []


def test_page_is_self_contained(page: str) -> None:
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "@import" not in page
    assert "url(" not in page
    assert "Content-Security-Policy" in page


def test_output_is_deterministic() -> None:
    assert render_html(sample_document(), TEXT) == render_html(sample_document(), TEXT)


@pytest.mark.parametrize(
    ("needle", "present"),
    [
        ("10:00–10:30", True),  # section times in the outline
        ("OUVERTURE", True),
        ("aka “Alice”", True),  # aliases
        ("1 turn", True),
        ("2 members", False),  # Ville de Lyon has one member
        ("1 member:", True),
        ('Ville de Lyon</a> <span class="count">· 1 turn</span>', True),  # turns by its members
        ('Conseil</strong> <span class="count">· 0 turns</span>', True),
        ("unresolved", True),
        ("zero-length &lt;b&gt;span&lt;/b&gt;", True),  # diagnostic messages are escaped too
        ("zero-length <b>", False),
        ("adopted, unanimous", True),
    ],
)
def test_side_panel_content(page: str, needle: str, present: bool) -> None:
    side = page[page.index('<aside id="side"') : page.index("</aside>")]
    assert (needle in side) is present


def test_speakers_get_distinct_colours_and_unresolved_none(page: str) -> None:
    c = parse(page)
    cls = {a["id"]: a.get("class", "") for _, a in c.tags if a.get("id", "").startswith("ev-t")}
    assert "spk-0" in cls["ev-t1-label"].split()
    assert "spk-1" in cls["ev-t2-label"].split()
    assert "spk-none" in cls["ev-t3-label"].split()


def test_text_of_another_length_is_refused() -> None:
    with pytest.raises(InputError, match="characters"):
        render_html(sample_document(), TEXT + "x")


def test_render_file_writes_utf8(tmp_path) -> None:
    out = tmp_path / "page.html"
    render_file(sample_document(), TEXT, out)
    assert out.read_text(encoding="utf-8") == render_html(sample_document(), TEXT)


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = draw(st.text(alphabet=st.sampled_from("ab <>&\"'\n\té"), min_size=1, max_size=60))
    bounds = st.integers(min_value=0, max_value=len(text))
    spans = [
        Span(start=min(a, b), end=max(a, b))
        for a, b in draw(st.lists(st.tuples(bounds, bounds), max_size=12))
    ]
    return text, spans


@settings(max_examples=200, deadline=None)
@given(text_and_spans())
def test_any_spans_give_a_well_formed_page_showing_the_text(case: tuple[str, list[Span]]) -> None:
    """Whatever the spans (nested, crossing, empty, equal), the page parses and shows the text unchanged."""
    text, spans = case
    doc = Document(
        generator=Generator(version="0"),
        source=Source(sha256="0" * 64, encoding="utf-8", media_type="text/plain", length=len(text)),
        diagnostics=[Diagnostic(code="c", severity="info", message="m", span=s) for s in spans],
    )
    c = parse(render_html(doc, text))
    assert c.errors == [] and c.stack == []
    assert "".join(c.pre_text) == "\n" + text
    ids = ids_of(c)
    assert {f"ev-diag-{i}" for i in range(1, len(spans) + 1)} <= set(ids)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\x00b", "a\ufffdb"),  # NUL would be replaced by the browser anyway: say so
        ("a\x01b", "a\ufffdb"),
        ("a\x0cb", "a\x0cb"),  # a form feed (PDF page break) is white space in HTML: kept
        ("a\tb\r\nc", "a\tb\r\nc"),
        ("a & b", "a &amp; b"),
    ],
)
def test_control_characters(raw: str, shown: str) -> None:
    doc = Document(
        generator=Generator(version="0"),
        source=Source(sha256="0" * 64, encoding="utf-8", media_type="text/plain", length=len(raw)),
    )
    page = render_html(doc, raw)
    assert f'aria-label="Source text">\n{shown}</pre>' in page
