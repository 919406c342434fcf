"""Word 97-2003 .doc → text through an external converter: `antiword`, else LibreOffice (`soffice`).

Neither is a Python package, so each is looked up on PATH; without both the error says what to install.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError
from .blocks import BLANK, Block, item, paragraph, render_blocks, row

MEDIA_TYPE = "application/msword"
TIMEOUT_SECONDS = 120
INSTALL_HINT = "install antiword (apt-get install antiword) or LibreOffice (soffice)"

_BULLET_RE = re.compile(r"^\s*[•▪◦o\-–*]\s+")
_ANTIWORD_ROW_RE = re.compile(r"^\|(.*)\|\s*$")


def extract_doc(path: Path, data: bytes) -> tuple[str, str]:
    """Text of a .doc; paragraphs, bullets and antiword's `|cell|cell|` table rows kept."""
    with tempfile.TemporaryDirectory(prefix="pvparse-doc-") as tmp:
        source = Path(tmp) / "input.doc"
        source.write_bytes(data)
        antiword = shutil.which("antiword")
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if antiword:
            try:
                raw = _run(path, [antiword, "-m", "UTF-8.txt", "-w", "0", str(source)], "antiword")
                # antiword lays the page out: its blank lines are the document's visible paragraph gaps.
                return render_blocks(_blocks(raw), typed=True), MEDIA_TYPE
            except InputError:
                if not soffice:  # antiword refuses some files (very short ones, Word 6): LibreOffice may not
                    raise
        if soffice:
            raw = _libreoffice(path, soffice, source, Path(tmp))
            return render_blocks(_blocks(raw)), MEDIA_TYPE
        raise InputError(f"{path}: legacy Word .doc needs a converter: {INSTALL_HINT}")


def _run(path: Path, command: list[str], tool: str) -> str:
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise InputError(f"{path}: {tool} took more than {TIMEOUT_SECONDS} s") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot run {tool} ({exc.strerror or exc})") from None
    if done.returncode != 0:
        message = " ".join(done.stderr.decode("utf-8", "replace").split())[:200] or f"exit {done.returncode}"
        raise InputError(f"{path}: {tool} cannot read this .doc ({message})")
    return done.stdout.decode("utf-8", "replace")


def _libreoffice(path: Path, soffice: str, source: Path, tmp: Path) -> str:
    profile = (tmp / "profile").as_uri()  # a private profile: parallel workers would fight over one
    command = [
        # The Word import filter named: otherwise LibreOffice reads a broken file as plain text.
        soffice, f"-env:UserInstallation={profile}", "--headless", "--infilter=MS Word 97", "--convert-to",
        "txt:Text (encoded):UTF8", "--outdir", str(tmp / "out"), str(source),
    ]  # fmt: skip
    _run(path, command, "LibreOffice")
    result = tmp / "out" / "input.txt"
    if not result.exists():
        raise InputError(f"{path}: LibreOffice produced no text for this .doc")
    return result.read_text(encoding="utf-8-sig", errors="replace")


def _blocks(raw: str) -> list[Block]:
    """One block per line (the converters do not wrap), an empty line as a blank block."""
    blocks: list[Block] = []
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            blocks.append(BLANK)
            continue
        table = _ANTIWORD_ROW_RE.match(stripped)
        bullet = _BULLET_RE.match(line)
        if table:
            blocks.append(row(cell for cell in table.group(1).split("|")))
        elif bullet:
            blocks.append(item(line[bullet.end() :]))
        else:
            blocks.append(paragraph(stripped))
    return blocks
