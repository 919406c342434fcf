"""Builders of hostile input files, shared by the hostile tests and scripts/bench_linearity.py.

Each builder writes one file (or nothing, for the missing path) into a folder and returns its path.
Everything is generated from a fixed seed, so a failure can be replayed.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AG2022 = ROOT / "corpus" / "ag-2022-07-07.txt"
SEED = 20220707

BILLION_LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "' + f"&lol{i - 1 if i > 1 else ''};" * 10 + '">' for i in range(1, 10))
    + "]>\n"
)

_DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def ag2022_text() -> str:
    return AG2022.read_text(encoding="utf-8")


def repeated_minutes(times: int) -> str:
    """The 2022 minutes `times` times over, one blank line between copies."""
    return "\n\n".join([ag2022_text()] * times)


def _docx_document(
    body_xml: str, prolog: str = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
) -> str:
    return f'{prolog}<w:document xmlns:w="{_W}"><w:body>{body_xml}</w:body></w:document>'


def _paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _zip(members: dict[str, bytes | str], level: int = 9) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes(body_xml: str, prolog: str | None = None) -> bytes:
    document = _docx_document(body_xml) if prolog is None else _docx_document(body_xml, prolog)
    return _zip(
        {"[Content_Types].xml": _DOCX_CONTENT_TYPES, "_rels/.rels": _DOCX_RELS, "word/document.xml": document}
    )


def odt_bytes(content_xml: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        manifest = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>"
        )
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content_xml, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _odt_content(body: str, prolog: str = '<?xml version="1.0" encoding="UTF-8"?>\n') -> str:
    return (
        f"{prolog}<office:document-content "
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )


def _zip_bomb_docx(inflated: int) -> bytes:
    """A .docx whose document part inflates to `inflated` bytes (valid XML: one huge run of spaces)."""
    head = _docx_document("").split("<w:body>")[0] + "<w:body>" + _paragraph("Compte rendu")
    tail = "</w:body></w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _DOCX_CONTENT_TYPES)
        archive.writestr("_rels/.rels", _DOCX_RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head.encode())
            chunk = b" " * (1 << 20)
            for _ in range(inflated // len(chunk)):
                part.write(chunk)
            part.write(tail.encode())
    return buffer.getvalue()


def _lying_zip_bomb_docx(inflated: int) -> bytes:
    """A zip bomb whose headers claim the part is small (4 KiB): the reader must trust nothing."""
    data = bytearray(_zip_bomb_docx(inflated))
    claimed = 4096
    # local file header: signature PK\3\4, uncompressed size at +22; central directory: PK\1\2, size at +24
    name = b"word/document.xml"
    pos = 0
    while (pos := data.find(b"PK\x03\x04", pos)) != -1:
        (name_len,) = struct.unpack_from("<H", data, pos + 26)
        if data[pos + 30 : pos + 30 + name_len] == name:
            struct.pack_into("<I", data, pos + 22, claimed)
        pos += 4
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) != -1:
        (name_len,) = struct.unpack_from("<H", data, pos + 28)
        if data[pos + 46 : pos + 46 + name_len] == name:
            struct.pack_into("<I", data, pos + 24, claimed)
            # a zip64 extra field holds the real sizes; blank its tag so only the lie remains
            (extra_len,) = struct.unpack_from("<H", data, pos + 30)
            extra = pos + 46 + name_len
            if extra_len and struct.unpack_from("<H", data, extra)[0] == 1:
                struct.pack_into("<H", data, extra, 0xCAFE)
        pos += 4
    return bytes(data)


# --- the builders --------------------------------------------------------------------------------


def build_empty(d: Path) -> Path:
    p = d / "vide.txt"
    p.write_bytes(b"")
    return p


def build_whitespace(d: Path) -> Path:
    p = d / "blanc.txt"
    p.write_text(" \n\t\r\n\u00a0\u202f \n\n   \r", encoding="utf-8")
    return p


def build_random_bytes(d: Path) -> Path:
    p = d / "aleatoire.txt"
    p.write_bytes(random.Random(SEED).randbytes(256 * 1024))
    return p


def build_nul_bytes(d: Path) -> Path:
    text = ag2022_text()
    p = d / "nul.txt"
    cut = [len(text) // 5 * k for k in range(1, 5)]
    pieces = [
        text[: cut[0]],
        text[cut[0] : cut[1]],
        text[cut[1] : cut[2]],
        text[cut[2] : cut[3]],
        text[cut[3] :],
    ]
    p.write_text("\x00".join(pieces).replace("Marc Trinquet :", "Marc\x00Trinquet :"), encoding="utf-8")
    return p


def build_ten_mb(d: Path) -> Path:
    one = len(ag2022_text().encode("utf-8"))
    p = d / "dix-mo.txt"
    p.write_text(repeated_minutes(10 * 1024 * 1024 // one + 1), encoding="utf-8")
    return p


def build_long_line(d: Path) -> Path:
    rng = random.Random(SEED)
    words = ag2022_text().split()
    out: list[str] = ["Marc Trinquet : "]
    size = 0
    while size < 1024 * 1024:
        w = rng.choice(words)
        out.append(w)
        size += len(w) + 1
    p = d / "une-ligne.txt"
    p.write_text(" ".join(out), encoding="utf-8")  # no newline at all
    return p


def build_label_lines(d: Path) -> Path:
    rng = random.Random(SEED)
    given = ["Jean", "Marie", "Paul", "Anne", "Luc", "Sophie", "Pierre", "Claire", "Louis", "Julie", "Élodie"]
    family = ["Dupont", "Martin", "Durand", "Bernard", "Petit", "Robert", "Richard", "Lefèvre", "Moreau"]
    # one line in three names someone new ("Martin3 Paul"): the registry grows with the text
    lines = [
        f"{rng.choice(family)}{'' if i % 3 else i} {rng.choice(given)} : "
        f"{rng.choice(['le budget est voté', 'd’accord', 'pour', 'contre', 'texte'])}."
        for i in range(100_000)
    ]
    p = d / "cent-mille-lignes.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def build_nested_brackets(d: Path) -> Path:
    n = 50_000
    text = (
        "Compte rendu du bureau\n\nPrésents : "
        + "(" * n
        + "Jean Dupont"
        + ")" * n
        + "\n\n"
        + "Marie Martin ("
        + "[{(" * (n // 3)
        + " : texte\n"
        + "«" * n
        + " Pour : 12 — Contre : 2\n"
    )
    p = d / "crochets.txt"
    p.write_text(text, encoding="utf-8")
    return p


def build_spaces_before_colon(d: Path) -> Path:
    half = 512 * 1024
    text = (
        "Compte rendu du conseil\n\n"
        + "Présents"
        + " " * half
        + ": Jean Dupont, Marie Martin\n"
        + "Marie Martin"
        + "\u00a0" * (half // 4)
        + " : le budget est voté.\n"
        + " " * (half // 4)
        + "\n"
        + "Pour"
        + " " * (half // 4)
        + ": 12\n"
    )
    p = d / "espaces.txt"
    p.write_text(text, encoding="utf-8")
    return p


ENGLISH = """Minutes of the Annual General Meeting of the Riverside Rowing Club, 12 March 2021

Present: John Smith (Chair), Mary Jones (Treasurer), Peter Brown, Sarah O'Neil
Apologies: David White

1. Welcome
John Smith: Welcome everyone, and thank you for coming.
Mary Jones: Thank you, John. The accounts are on the table.

2. Accounts
The accounts for 2020 were approved unanimously. Votes for: 12, against: 0, abstentions: 1.

3. Any other business
None. The meeting closed at 9.15 pm.
"""


def build_separator_lines(d: Path) -> Path:
    """Separator lines of stars, dashes, underscores and arrows: the exponential-backtracking shapes."""
    seps = ["*" * 80, "-" * 80, "_" * 80, "=" * 80, "->" * 40, "* " * 40, "**" * 40 + " :", "#" * 80]
    text = ag2022_text()
    parts = text.split("\n\n")
    out = []
    for k, part in enumerate(parts):
        out.append(part)
        out.append(seps[k % len(seps)])
    p = d / "separateurs.txt"
    p.write_text("\n\n".join(out), encoding="utf-8")
    return p


def build_english(d: Path) -> Path:
    p = d / "minutes.txt"
    p.write_text(ENGLISH, encoding="utf-8")
    return p


def build_random_pdf(d: Path) -> Path:
    p = d / "aleatoire.pdf"
    p.write_bytes(random.Random(SEED + 1).randbytes(64 * 1024))
    return p


def build_random_docx(d: Path) -> Path:
    p = d / "aleatoire.docx"
    p.write_bytes(random.Random(SEED + 2).randbytes(64 * 1024))
    return p


def build_random_pdf_header(d: Path) -> Path:
    """Random bytes behind a real PDF header: the PDF reader itself must fail cleanly."""
    p = d / "entete.pdf"
    p.write_bytes(b"%PDF-1.7\n" + random.Random(SEED + 3).randbytes(64 * 1024))
    return p


def build_billion_laughs_docx(d: Path) -> Path:
    p = d / "rires.docx"
    p.write_bytes(docx_bytes(_paragraph("Compte rendu &lol9;"), prolog=BILLION_LAUGHS))
    return p


def build_billion_laughs_odt(d: Path) -> Path:
    p = d / "rires.odt"
    body = "<text:p>Compte rendu &lol9;</text:p>"
    p.write_bytes(odt_bytes(_odt_content(body, prolog=BILLION_LAUGHS)))
    return p


def build_zip_bomb_docx(d: Path) -> Path:
    p = d / "bombe.docx"
    p.write_bytes(_zip_bomb_docx(400 * 1024 * 1024))
    return p


def build_lying_zip_bomb_docx(d: Path) -> Path:
    p = d / "bombe-menteuse.docx"
    p.write_bytes(_lying_zip_bomb_docx(400 * 1024 * 1024))
    return p


def build_missing(d: Path) -> Path:
    return d / "absent" / "pv.txt"


def build_folder(d: Path) -> Path:
    p = d / "dossier"
    p.mkdir()
    (p / "pv.txt").write_text("Compte rendu\n\nJean Dupont : bonjour.\n", encoding="utf-8")
    return p


BUILDERS: dict[str, Callable[[Path], Path]] = {
    "empty": build_empty,
    "whitespace": build_whitespace,
    "random_bytes": build_random_bytes,
    "nul_bytes": build_nul_bytes,
    "ten_mb": build_ten_mb,
    "long_line": build_long_line,
    "label_lines": build_label_lines,
    "nested_brackets": build_nested_brackets,
    "spaces_before_colon": build_spaces_before_colon,
    "separator_lines": build_separator_lines,
    "english": build_english,
    "random_pdf": build_random_pdf,
    "random_pdf_header": build_random_pdf_header,
    "random_docx": build_random_docx,
    "billion_laughs_docx": build_billion_laughs_docx,
    "billion_laughs_odt": build_billion_laughs_odt,
    "zip_bomb_docx": build_zip_bomb_docx,
    "lying_zip_bomb_docx": build_lying_zip_bomb_docx,
    "missing": build_missing,
    "folder": build_folder,
}
