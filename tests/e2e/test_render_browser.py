"""The review page in a real headless Chromium (Debian's chromium + chromium-driver, driven by selenium).

Skipped, with the reason, when the browser or its driver is missing; set PVPARSE_REQUIRE_BROWSER=1 (CI)
to make that a failure instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pvparse.render import render_file
from pvparse.schema import Document, Generator, Meeting, Person, Section, Source, Span, Turn

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1440,900",
)


def _missing_browser() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium not installed (pip install -e '.[test]')"
    for exe, package in (("chromium", "chromium"), ("chromedriver", "chromium-driver")):
        if shutil.which(exe) is None:
            return f"{exe} not installed (apt-get install -y chromium chromium-driver; missing: {package})"
    return None


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    reason = _missing_browser()
    if reason:
        if os.environ.get("PVPARSE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests required but {reason}")
        pytest.skip(f"headless browser tests skipped: {reason}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(shutil.which("chromium"))
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # An explicit driver path keeps selenium from looking for (and downloading) a driver of its own.
    service = Service(executable_path=str(shutil.which("chromedriver")))
    drv = webdriver.Chrome(options=options, service=service)
    drv.set_page_load_timeout(60)
    try:
        yield drv
    finally:
        drv.quit()


def open_page(drv: Any, path: Path) -> list[dict[str, Any]]:
    """Load a page; returns the console entries logged while loading (the log is drained)."""
    drv.get_log("browser")
    drv.get(path.as_uri())
    return drv.get_log("browser")


def severe(entries: list[dict[str, Any]]) -> list[str]:
    return [e["message"] for e in entries if e.get("level") == "SEVERE"]


# ---- the 2022 minutes, through the whole pipeline -------------------------------------------------


@pytest.fixture(scope="module")
def doc_2022(ag2022_doc: Document) -> Document:
    return ag2022_doc


@pytest.fixture(scope="module")
def page_2022(doc_2022: Document, ag2022_text: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("render") / "ag-2022.html"
    render_file(doc_2022, ag2022_text, out)
    return out


@pytest.fixture(scope="module")
def loaded_2022(driver: Any, page_2022: Path) -> list[dict[str, Any]]:
    entries = open_page(driver, page_2022)
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "render-ag-2022.png"))
    return entries


def test_2022_page_loads_without_console_error(loaded_2022: list[dict[str, Any]]) -> None:
    assert severe(loaded_2022) == []


def test_2022_outline_lists_the_four_timed_sections(driver: Any, loaded_2022: Any) -> None:
    from selenium.webdriver.common.by import By

    timed = [
        el.text.strip()
        for el in driver.find_elements(By.CSS_SELECTOR, "nav.outline li > .time")
        if el.is_displayed()
    ]
    assert timed == ["14:05–14:15", "14:15–15:15", "15:15–15:55", "15:55–16:30"]


def test_2022_page_shows_every_turn_person_and_organisation(
    driver: Any, loaded_2022: Any, doc_2022: Document
) -> None:
    from selenium.webdriver.common.by import By

    assert len(driver.find_elements(By.CSS_SELECTOR, "pre.src .turn:not(.cont)")) == len(doc_2022.turns)
    assert len(driver.find_elements(By.CSS_SELECTOR, "pre.src .label:not(.cont)")) == len(doc_2022.turns)
    assert len(driver.find_elements(By.CSS_SELECTOR, "#g-turns li[id^=turn-]")) == len(doc_2022.turns)
    assert len(driver.find_elements(By.CSS_SELECTOR, "#g-people li[id^=person-]")) == len(doc_2022.persons)
    orgs = driver.find_elements(By.CSS_SELECTOR, "#g-organizations li[id^=org-]")
    assert len(orgs) == len(doc_2022.organizations)
    for lst in doc_2022.lists:
        entries = driver.find_elements(By.CSS_SELECTOR, f"pre.src [id^=ev-{lst.id}-]")
        assert len(entries) == len(lst.entries), lst.id
    sections = driver.find_elements(By.CSS_SELECTOR, "#g-outline li[id^=section-]")
    assert len(sections) == len(doc_2022.sections)


def test_2022_clicking_a_turn_scrolls_to_it(driver: Any, loaded_2022: Any, doc_2022: Document) -> None:
    from selenium.webdriver.common.by import By

    last = doc_2022.turns[-1].id
    driver.execute_script("window.scrollTo(0, 0)")
    driver.find_element(By.CSS_SELECTOR, "#g-turns > summary").click()
    link = driver.find_element(By.CSS_SELECTOR, f'#turn-{last} a[href="#ev-{last}"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    target = driver.find_element(By.ID, f"ev-{last}")
    top, height, scrolled = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();return [r.top, window.innerHeight, window.scrollY];",
        target,
    )
    assert scrolled > 0
    assert 0 <= top < height, (top, height)
    assert driver.execute_script("return location.hash") == f"#ev-{last}"
    driver.save_screenshot(str(ARTIFACTS / "render-ag-2022-turn.png"))


def test_2022_clicking_a_speaker_label_shows_the_person_and_keeps_the_text_still(
    driver: Any, loaded_2022: Any, doc_2022: Document
) -> None:
    from selenium.webdriver.common.by import By

    turn = next(t for t in doc_2022.turns if len(t.speakers) == 1)
    label = driver.find_element(By.ID, f"ev-{turn.id}-label")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
    before = driver.execute_script("return window.scrollY")
    label.click()
    card = driver.find_element(By.ID, f"person-{turn.speakers[0]}")
    assert driver.execute_script("return window.scrollY") == before
    assert "hit" in card.get_attribute("class").split()
    top, height = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.top, window.innerHeight];", card
    )
    assert 0 <= top < height


def test_2022_layer_toggle_runs_our_script(driver: Any, loaded_2022: Any) -> None:
    from selenium.webdriver.common.by import By

    box = driver.find_element(By.CSS_SELECTOR, 'input[data-layer="turns"]')
    box.click()
    assert "hide-turns" in driver.find_element(By.TAG_NAME, "body").get_attribute("class").split()
    box.click()
    assert "hide-turns" not in (driver.find_element(By.TAG_NAME, "body").get_attribute("class") or "")


def test_2022_first_tab_reaches_the_skip_link(driver: Any, page_2022: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_page(driver, page_2022)
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    focused = driver.switch_to.active_element
    assert focused.get_attribute("class") == "skip"
    focused.send_keys(Keys.ENTER)
    assert driver.execute_script("return document.activeElement.id") == "text"


# ---- minutes that try to inject markup ------------------------------------------------------------

HOSTILE = (
    "</title><script>document.title='pwned';window.pwned=1</script>\n\n"
    '10h00-10h30 : 1. OUVERTURE <svg onload="window.pwned=2">\n\n'
    'Xavier <b onmouseover="window.pwned=3">: une image <img src=x onerror="window.pwned=4"> '
    'et un lien <a href="javascript:window.pwned=5">ici</a>\n'
    '<iframe src="javascript:parent.pwned=6"></iframe>.\n'
)


def hostile_document(text: str) -> Document:
    """A hand-built extraction whose every string field carries the injected markup."""

    def at(needle: str) -> Span:
        start = text.index(needle)
        return Span(start=start, end=start + len(needle))

    label = 'Xavier <b onmouseover="window.pwned=3">'
    body_start = text.index(": une image") + 2
    return Document(
        generator=Generator(version="0.0.test"),
        source=Source(sha256="0" * 64, encoding="utf-8", media_type="text/plain", length=len(text)),
        meeting=Meeting(
            title=text.splitlines()[0],
            title_span=at(text.splitlines()[0]),
            place='<img src=x onerror="pwned=7">',
        ),
        persons=[Person(id="p1", name="<script>window.pwned=8</script>", aliases=['"><svg onload=pwned=9>'])],
        sections=[
            Section(
                id="s1",
                level=1,
                title='OUVERTURE <svg onload="window.pwned=2">',
                start_time="10:00",
                end_time="10:30",
                heading_span=at('10h00-10h30 : 1. OUVERTURE <svg onload="window.pwned=2">'),
                span=Span(start=text.index("10h00"), end=len(text)),
            )
        ],
        turns=[
            Turn(
                id="t1",
                section="s1",
                label=label,
                label_span=at(label),
                speakers=["p1"],
                resolution="exact",
                text=text[body_start:].strip(),
                span=Span(start=text.index("Xavier"), end=len(text) - 1),
            )
        ],
    )


def test_injected_minutes_execute_nothing(driver: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    out = tmp_path / "hostile.html"
    render_file(hostile_document(HOSTILE), HOSTILE, out)
    entries = open_page(driver, out)
    for el in driver.find_elements(By.CSS_SELECTOR, "a, b, span, li"):
        if el.is_displayed():
            driver.execute_script(
                "arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))", el
            )
    assert driver.execute_script("return typeof window.pwned") == "undefined"
    assert driver.title != "pwned"
    assert driver.find_elements(By.CSS_SELECTOR, "pre.src img, pre.src svg, pre.src iframe, pre.src b") == []
    shown = driver.find_element(By.CSS_SELECTOR, "pre.src").text
    assert "<script>document.title='pwned';window.pwned=1</script>" in shown
    assert '<img src=x onerror="window.pwned=4">' in shown
    assert severe(entries) == []


def test_injected_minutes_through_the_pipeline_execute_nothing(driver: Any, tmp_path: Path) -> None:
    from pvparse import parse_text

    doc = parse_text(HOSTILE, source_name="hostile.txt")
    out = tmp_path / "hostile-parsed.html"
    render_file(doc, HOSTILE, out)
    entries = open_page(driver, out)
    assert driver.execute_script("return typeof window.pwned") == "undefined"
    assert driver.title != "pwned"
    assert severe(entries) == []
