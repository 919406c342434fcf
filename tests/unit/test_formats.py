"""Office formats → text: each fixture is written at test time with the format's own library
(python-docx, odfpy, fpdf2, HTML strings), except the legacy .doc, made once with LibreOffice."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from pvparse.errors import InputError
from pvparse.formats import archive, detect_format, extract_document
from pvparse.formats.pdf import _join_wrapped
from pvparse.read import read_source

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "formats"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RANDOM = bytes(range(256)) * 8
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive_:
        for name, data in members.items():
            archive_.writestr(name, data)
    return buffer.getvalue()


def _replace_member(data: bytes, name: str, content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info.filename) for info in source.infolist()}
    members[name] = content
    return _zip(members)


def _text(name: str, data: bytes) -> str:
    result = extract_document(Path(name), data)
    assert result is not None
    return result[0]


# --- detection -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("pv.txt", "Procès-verbal du conseil".encode(), None),
        ("pv.md", b"<html><body>un texte qui parle de HTML</body></html>", None),
        ("pv", b"Compte rendu", None),
        ("pv", b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("pv.htm", b"texte sans balises", "html"),
        ("pv.data", b"%PDF-1.4\n...", "pdf"),
        ("pv.xml", b'<?xml version="1.0"?><root/>', None),
    ],
)
def test_detect_format(name: str, data: bytes, expected: str | None) -> None:
    assert detect_format(Path(name), data) == expected


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("pv.pdf", RANDOM, "not a valid PDF"),
        ("pv.docx", RANDOM, "not a valid Word .docx"),
        ("pv.odt", RANDOM, "not a valid OpenDocument"),
        ("pv.doc", RANDOM, "not a valid Word .doc"),
        ("pv.docx", _zip({"hello.txt": b"hi"}), "neither a Word .docx nor an OpenDocument"),
        ("pv.docx", b"PK\x03\x04" + RANDOM, "damaged zip"),
        ("pv.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "not a text"),
        ("pv.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + RANDOM, "not a Word document"),
        ("pv.rtf", b"{\\rtf1\\ansi Bonjour}", "RTF is not supported"),
        ("pv.pdf", b"%PDF-1.7\n" + RANDOM, "unreadable PDF"),
    ],
)
def test_wrong_content_is_a_clear_input_error(name: str, data: bytes, message: str) -> None:
    with pytest.raises(InputError) as info:
        extract_document(Path(name), data)
    assert str(info.value).startswith(f"{name}: ")
    assert message in str(info.value)


# --- docx ------------------------------------------------------------------------------------------


def _docx_bytes(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def test_docx_structure() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Procès-verbal du conseil d'administration", 0)
    document.add_heading("1. Ouverture de la séance", 1)
    document.add_paragraph("La séance est ouverte à 18 h.")
    document.add_paragraph("Présents :")
    document.add_paragraph("Odile Ferrand", style="List Bullet")
    document.add_paragraph("Karim Belkacem", style="List Bullet 2")
    paragraph = document.add_paragraph("Odile Ferrand : ")
    paragraph.add_run("bonjour").bold = True
    paragraph.add_run().add_break()
    paragraph.add_run("à tous.")
    table = document.add_table(rows=2, cols=2)
    for (r, c), value in {(0, 0): "Nom", (0, 1): "Structure", (1, 0): "Hélène Roux", (1, 1): ""}.items():
        table.cell(r, c).text = value
    document.add_heading("2. Vote", 2)
    document.add_paragraph("")
    document.add_paragraph("Adopté à l'unanimité.")
    text, media_type = extract_document(Path("pv.docx"), _docx_bytes(document)) or ("", "")
    assert media_type == DOCX
    assert text == (
        "# Procès-verbal du conseil d'administration\n\n"
        "# 1. Ouverture de la séance\n\n"
        "La séance est ouverte à 18 h.\n\n"
        "Présents :\n\n"
        "- Odile Ferrand\n"
        "- Karim Belkacem\n\n"
        "Odile Ferrand : bonjour\nà tous.\n\n"
        "Nom | Structure\n"
        "Hélène Roux\n\n"
        "## 2. Vote\n\n"
        "Adopté à l'unanimité.\n"
    )


def test_docx_french_style_names_outline_levels_and_revisions() -> None:
    docx = pytest.importorskip("docx")
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    document = docx.Document()
    style = document.styles.add_style("Titre 2", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Questions diverses", style=style)
    outlined = document.add_paragraph("Budget")
    outlined.paragraph_format.element.get_or_add_pPr().append(
        parse_xml(f'<w:outlineLvl xmlns:w="{W_NS}" w:val="2"/>')
    )
    revised = document.add_paragraph("Le budget est ")
    revised._p.append(
        parse_xml(f'<w:ins xmlns:w="{W_NS}" w:id="1" w:author="a"><w:r><w:t>adopté</w:t></w:r></w:ins>')
    )
    revised._p.append(
        parse_xml(
            f'<w:del xmlns:w="{W_NS}" w:id="2" w:author="a"><w:r><w:delText>rejeté</w:delText></w:r></w:del>'
        )
    )
    assert (
        _text("pv.docx", _docx_bytes(document))
        == "## Questions diverses\n\n### Budget\n\nLe budget est adopté\n"
    )


def test_docx_plain_paragraph_is_not_a_heading() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Titre 1 de la convention : adopté.")
    document.add_paragraph("Liste des présents ci-dessous")
    assert _text("pv.docx", _docx_bytes(document)) == (
        "Titre 1 de la convention : adopté.\n\nListe des présents ci-dessous\n"
    )


def test_docx_typed_with_empty_paragraphs_keeps_its_lines() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in ["Présents :", "Odile Ferrand", "Karim Belkacem", "", "Ordre du jour", "", "", "Vote"]:
        document.add_paragraph(line)
    assert _text("pv.docx", _docx_bytes(document)) == (
        "Présents :\nOdile Ferrand\nKarim Belkacem\n\nOrdre du jour\n\nVote\n"
    )


def test_empty_docx_is_an_input_error(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    path = tmp_path / "vide.docx"
    path.write_bytes(_docx_bytes(docx.Document()))
    assert _text("vide.docx", path.read_bytes()) == ""
    with pytest.raises(InputError, match=r"vide\.docx: no text found"):
        read_source(path)


def test_billion_laughs_docx_is_refused() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Bonjour")
    data = _docx_bytes(document)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        xml = source.read("word/document.xml").decode()
    body = xml[xml.index("<w:document") :].replace("Bonjour", "&lol3;")
    bomb = _replace_member(data, "word/document.xml", (BILLION_LAUGHS + body).encode())
    with pytest.raises(InputError, match=r"pv\.docx: XML part word/document\.xml declares a DTD"):
        extract_document(Path("pv.docx"), bomb)


def test_zip_bomb_by_ratio_is_refused() -> None:
    bomb = _zip({"word/document.xml": b"<a/>", "word/media/image1.png": b"\0" * (8 * 1024 * 1024)})
    with pytest.raises(InputError, match=r"pv\.docx: zip member 'word/media/image1\.png' inflates \d+x"):
        extract_document(Path("pv.docx"), bomb)


def test_zip_bomb_by_total_size_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_UNCOMPRESSED_BYTES", 1024 * 1024)
    members = {"word/document.xml": b"<a/>"} | {f"word/media/{i}.bin": os.urandom(300_000) for i in range(4)}
    with pytest.raises(InputError, match=r"pv\.docx: zip container inflates to \d+ bytes .*zip bomb"):
        extract_document(Path("pv.docx"), _zip(members))


def test_zip_within_limits_is_accepted() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Ordre du jour")
    data = _replace_member(_docx_bytes(document), "word/media/blank.bin", b"\0" * (512 * 1024))
    assert _text("pv.docx", data) == "Ordre du jour\n"


def test_docx_with_broken_document_part() -> None:
    docx = pytest.importorskip("docx")
    data = _replace_member(_docx_bytes(docx.Document()), "word/document.xml", b"<w:document><unclosed>")
    with pytest.raises(InputError, match=r"pv\.docx: unreadable Word document \("):
        extract_document(Path("pv.docx"), data)


# --- odt -------------------------------------------------------------------------------------------


def _odt_bytes(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def test_odt_structure() -> None:
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, LineBreak, List, ListItem, Note, NoteBody, NoteCitation, P, S

    document = OpenDocumentText()
    document.text.addElement(P(stylename="Title", text="Compte rendu du conseil"))
    document.text.addElement(H(outlinelevel=1, text="Ordre du jour"))
    paragraph = P(text="La séance")
    paragraph.addElement(S(c=3))
    paragraph.addText("est ouverte.")
    note = Note(noteclass="footnote")
    note.addElement(NoteCitation(text="1"))
    note_body = NoteBody()
    note_body.addElement(P(text="une note de bas de page"))
    note.addElement(note_body)
    paragraph.addElement(note)
    paragraph.addElement(LineBreak())
    paragraph.addText("Suite")
    document.text.addElement(paragraph)
    outer = List()
    for name in ("Odile Ferrand", "Karim Belkacem"):
        entry = ListItem()
        entry.addElement(P(text=name))
        outer.addElement(entry)
    inner = List()
    inner_entry = ListItem()
    inner_entry.addElement(P(text="représenté"))
    inner.addElement(inner_entry)
    entry.addElement(inner)
    document.text.addElement(outer)
    table = Table(name="Budget")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for left, right in (("Recettes", "12 400 €"), ("Dépenses", "11 950 €")):
        table_row = TableRow()
        for value in (left, right):
            cell = TableCell()
            cell.addElement(P(text=value))
            table_row.addElement(cell)
        table.addElement(table_row)
    document.text.addElement(table)
    document.text.addElement(H(outlinelevel=2, text="Vote"))
    text, media_type = extract_document(Path("cr.odt"), _odt_bytes(document)) or ("", "")
    assert media_type == ODT
    assert text == (
        "# Compte rendu du conseil\n\n"
        "# Ordre du jour\n\n"
        "La séance   est ouverte.\nSuite\n\n"
        "- Odile Ferrand\n- Karim Belkacem\n  - représenté\n\n"
        "Recettes | 12 400 €\nDépenses | 11 950 €\n\n"
        "## Vote\n"
    )


def test_odt_typed_with_empty_paragraphs_keeps_its_lines() -> None:
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Bureau"))
    for line in ["Présents :", "Odile Ferrand", "Karim Belkacem", "", "Ordre du jour", "", "Vote"]:
        document.text.addElement(P(text=line))
    assert _text("cr.odt", _odt_bytes(document)) == (
        "# Bureau\n\nPrésents :\nOdile Ferrand\nKarim Belkacem\n\nOrdre du jour\n\nVote\n"
    )


def test_billion_laughs_odt_is_refused() -> None:
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    document.text.addElement(P(text="Bonjour"))
    data = _odt_bytes(document)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        xml = source.read("content.xml").decode()
    body = xml[xml.index("<office:document-content") :].replace("Bonjour", "&lol3;")
    bomb = _replace_member(data, "content.xml", (BILLION_LAUGHS + body).encode())
    with pytest.raises(InputError, match=r"cr\.odt: XML part content\.xml declares a DTD"):
        extract_document(Path("cr.odt"), bomb)


def test_odt_with_broken_content() -> None:
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentText

    data = _replace_member(_odt_bytes(OpenDocumentText()), "content.xml", b"<office:document-content>")
    with pytest.raises(InputError, match=r"cr\.odt: unreadable OpenDocument text \("):
        extract_document(Path("cr.odt"), data)


# --- html ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "<html><head><title>ignoré</title><style>p{color:red}</style></head><body>"
            "<h1>Assemblée générale</h1><p>Le <b>budget</b> est\n adopté.</p>"
            "<script>alert('x')</script><!-- commentaire --><h3>Vote</h3><div>Pour : 12<br>Contre : 0</div>"
            "</body></html>",
            "# Assemblée générale\n\nLe budget est adopté.\n\n### Vote\n\nPour : 12\nContre : 0\n",
        ),
        (
            "<p>Présents :</p><ul><li>Odile Ferrand</li><li>Karim <i>Belkacem</i><ul><li>représenté</li></ul>"
            "</li></ul><p>Fin</p>",
            "Présents :\n\n- Odile Ferrand\n- Karim Belkacem\n  - représenté\n\nFin\n",
        ),
        (
            "<table><thead><tr><th>Nom</th><th>Structure</th></tr></thead>"
            "<tbody><tr><td>Hélène Roux</td><td>Ville de <b>Tours</b></td></tr></tbody></table>",
            "Nom | Structure\nHélène Roux | Ville de Tours\n",
        ),
        (
            "<p class=MsoListParagraphCxSpFirst><span style='mso-list:Ignore'>·<span>&nbsp;&nbsp; </span>"
            "</span>Odile Ferrand</p><p class=MsoNormal>o rien à signaler</p>",
            "- Odile Ferrand\n\no rien à signaler\n",
        ),
        ("<p>Caf&eacute; &amp; th&eacute;</p>", "Café & thé\n"),
        (
            "<body><pre>Présents :\nOdile Ferrand\nKarim   Belkacem\n\n\nOrdre du jour</pre></body>",
            "Présents :\nOdile Ferrand\nKarim   Belkacem\n\nOrdre du jour\n",
        ),
        (
            "<div><span>en ligne </span> <em>avec</em> <a href='#'>un lien</a></div>",
            "en ligne avec un lien\n",
        ),
        ("<p>Pour : 12<br/>\n  Contre : 0</p>", "Pour : 12\nContre : 0\n"),
    ],
)
def test_html_blocks(html: str, expected: str) -> None:
    assert _text("pv.html", html.encode()) == expected


def test_html_declared_charset_is_honoured() -> None:
    data = '<html><head><meta charset="iso-8859-1"></head><body><p>Séance levée</p></body></html>'
    assert _text("pv.htm", data.encode("latin-1")) == "Séance levée\n"


def test_html_without_text_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "vide.html"
    path.write_text("<html><body><script>x()</script></body></html>")
    with pytest.raises(InputError, match=r"vide\.html: no text found"):
        read_source(path)


# --- pdf -------------------------------------------------------------------------------------------


def _pdf(pages: list[list[tuple[float, float, float, str]]], *, header: str | None = None) -> bytes:
    """A PDF of text lines placed at (x mm, y mm, size pt, text), with an optional running header."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(format="A4")
    pdf.set_auto_page_break(False)
    fonts = (
        sorted(Path("/usr/share/fonts").rglob("DejaVuSans.ttf")) if Path("/usr/share/fonts").exists() else []
    )
    family = "helvetica"
    if fonts:
        pdf.add_font("dejavu", "", str(fonts[0]))
        family = "dejavu"
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        if header:
            pdf.set_font(family, size=8)
            pdf.text(80, 10, header)
            pdf.text(100, 290, f"Page {number} / {len(pages)}")
        for x, y, size, text in lines:
            pdf.set_font(family, size=size)
            pdf.text(
                x, y, text if family == "dejavu" else text.encode("latin-1", "replace").decode("latin-1")
            )
    return bytes(pdf.output())


def _body_page(y0: float, prefix: str) -> list[tuple[float, float, float, str]]:
    return [
        (20, y0, 11, f"{prefix} : le rapport moral présenté par la présidente fait état d'une"),
        (20, y0 + 5.5, 11, "année riche en projets menés avec les communes partenaires et les"),
        (20, y0 + 11, 11, "associations du territoire, dont le bilan complet est joint en annexe."),
        (20, y0 + 22, 11, "Le rapport moral est adopté."),
    ]


def test_pdf_structure_headers_and_page_numbers() -> None:
    pages = [
        [(20, 30, 18, "Assemblée générale du 3 mars 2023"), *_body_page(45, "Ouverture")],
        [(20, 30, 14, "Rapport financier"), *_body_page(45, "Trésorerie")],
        [(20, 30, 14, "Questions diverses"), *_body_page(45, "Divers")],
    ]
    text, media_type = extract_document(Path("pv.pdf"), _pdf(pages, header="Amis du parc - PV")) or ("", "")
    assert media_type == "application/pdf"
    body = (
        "{} : le rapport moral présenté par la présidente fait état d'une année riche en projets menés avec "
        "les communes partenaires et les associations du territoire, dont le bilan complet est joint en "
        "annexe.\n\nLe rapport moral est adopté."
    )
    assert text == (
        "# Assemblée générale du 3 mars 2023\n\n"
        + body.format("Ouverture")
        + "\n\n## Rapport financier\n\n"
        + body.format("Trésorerie")
        + "\n\n## Questions diverses\n\n"
        + body.format("Divers")
        + "\n"
    )
    assert "Amis du parc" not in text and "Page" not in text


def test_pdf_short_lines_and_bullets_keep_their_breaks() -> None:
    lines = [
        (20, 30, 11, "Présents :"),
        (20, 35.5, 11, "Odile Ferrand"),
        (20, 41, 11, "Karim Belkacem"),
        (20, 52, 11, "• approbation du budget"),
        (20, 57.5, 11, "• élection du bureau"),
    ]
    assert _text("pv.pdf", _pdf([lines])) == (
        "Présents :\nOdile Ferrand\nKarim Belkacem\n\n- approbation du budget\n- élection du bureau\n"
    )


def test_pdf_dehyphenation_end_to_end() -> None:
    lines = [
        (20, 30, 11, "Le conseil municipal examine le budget primitif qui est ap-"),
        (20, 35.5, 11, "prouvé par les élus présents, puis Jean-Marie Ferrand et Jean-"),
        (20, 41, 11, "Paul Roux présentent le rapport du vice-président du syndicat."),
    ]
    assert _text("pv.pdf", _pdf([lines])) == (
        "Le conseil municipal examine le budget primitif qui est approuvé par les élus présents, puis "
        "Jean-Marie Ferrand et Jean-Paul Roux présentent le rapport du vice-président du syndicat.\n"
    )


@pytest.mark.parametrize(
    ("head", "tail", "joined"),
    [
        ("est ap-", "prouvé", "est approuvé"),
        ("Jean-", "Marie", "Jean-Marie"),
        ("pensez-", "vous", "pensez-vous"),
        ("le vice-", "président", "le vice-président"),
        ("période 2021-", "2022", "période 2021-2022"),
        ("le budget", "est voté", "le budget est voté"),
        ("le budget -", "voté", "le budget - voté"),
        ("inter\u00ad", "communal", "intercommunal"),
        ("voir https://exemple.fr/bilan-", "carbone/", "voir https://exemple.fr/bilan-carbone/"),
    ],
)
def test_join_wrapped(head: str, tail: str, joined: str) -> None:
    assert _join_wrapped(head, tail) == joined


def test_join_wrapped_keeps_a_compound_the_document_writes_whole() -> None:
    assert _join_wrapped("une démarche socio-", "environnementale") == "une démarche socioenvironnementale"
    compounds = frozenset({"socio-environnementale"})
    assert _join_wrapped("une démarche socio-", "environnementale", compounds) == (
        "une démarche socio-environnementale"
    )


def test_pdf_two_columns_are_read_column_by_column() -> None:
    left = [(15, 30 + 5.5 * i, 10, f"Gauche ligne {i:02d} du compte rendu, texte suivi") for i in range(12)]
    right = [(112, 30 + 5.5 * i, 10, f"Droite ligne {i:02d} du compte rendu, texte suivi") for i in range(12)]
    text = _text("pv.pdf", _pdf([left + right]))
    assert text.index("Gauche ligne 11") < text.index("Droite ligne 00")
    assert "Gauche ligne 00" in text and "Droite ligne 11" in text


def test_pdf_two_column_name_table_is_not_split() -> None:
    lines = []
    for i in range(12):
        lines += [(20, 30 + 5.5 * i, 11, f"Membre {i:02d}"), (120, 30 + 5.5 * i, 11, f"Commune {i:02d}")]
    text = _text("pv.pdf", _pdf([lines]))
    assert "Membre 00 Commune 00\nMembre 01 Commune 01" in text


def test_pdf_ruled_table_becomes_rows() -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.cell(text="Budget :")
    pdf.ln(12)
    with pdf.table() as table:
        for cells in (("Poste", "Montant"), ("Recettes", "12400"), ("Depenses", "11950")):
            table_row = table.row()
            for value in cells:
                table_row.cell(value)
    assert (
        _text("pv.pdf", bytes(pdf.output()))
        == "Budget :\n\nPoste | Montant\nRecettes | 12400\nDepenses | 11950\n"
    )


def test_pdf_without_text_layer() -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")
    with pytest.raises(InputError, match=r"^scan\.pdf: no text layer \(scanned\?\)$"):
        extract_document(Path("scan.pdf"), bytes(pdf.output()))


def test_encrypted_pdf() -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.cell(text="Confidentiel")
    with pytest.raises(InputError, match=r"^pv\.pdf: encrypted PDF"):
        extract_document(Path("pv.pdf"), bytes(pdf.output()))


# --- legacy .doc -----------------------------------------------------------------------------------

_HAS_DOC_CONVERTER = bool(shutil.which("antiword") or shutil.which("soffice") or shutil.which("libreoffice"))


@pytest.mark.skipif(not _HAS_DOC_CONVERTER, reason="needs antiword (apt-get install antiword) or LibreOffice")
def test_legacy_doc(tmp_path: Path) -> None:
    source = read_source(FIXTURES / "bureau-2019.doc")
    assert source.media_type == "application/msword"
    assert "Compte rendu du bureau du 12 mars 2019\n\n" in source.text
    assert "La séance est ouverte à 18 h 30 sous la présidence de Mme Odile Ferrand.\n" in source.text
    assert "Karim Belkacem : les comptes de l'exercice sont équilibrés." in source.text
    assert "Le bureau approuve les comptes à l'unanimité." in source.text


@pytest.mark.skipif(not shutil.which("antiword"), reason="needs antiword (apt-get install antiword)")
def test_legacy_doc_table_rows_through_antiword() -> None:
    text = _text("bureau.doc", (FIXTURES / "bureau-2019.doc").read_bytes())
    assert "Recettes | 12 400 €\nDépenses | 11 950 €\n" in text


@pytest.mark.skipif(not shutil.which("antiword"), reason="needs antiword (apt-get install antiword)")
def test_legacy_doc_typed_layout_through_antiword() -> None:
    text = _text("conseil.doc", (FIXTURES / "conseil-2020.doc").read_bytes())
    assert text.startswith(
        "CONSEIL D'ADMINISTRATION DU 5 OCTOBRE 2020\n\n"
        "Présents :\nOdile Ferrand\nKarim Belkacem\nHélène Roux\n\n"
        "Ordre du jour : budget, questions diverses.\n\n"
        "Karim Belkacem : le budget est à l'équilibre.\nOdile Ferrand : merci.\n\n"
        "Point 1 : le conseil examine"
    )
    assert text.endswith("donne un avis favorable.\n\nLa séance est levée à 20 h.\n")


def test_short_legacy_doc_antiword_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    if not shutil.which("antiword"):
        pytest.skip("needs antiword (apt-get install antiword)")
    which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name: which(name) if name == "antiword" else None)
    with pytest.raises(InputError, match=r"^court\.doc: antiword cannot read this \.doc \(.*too small"):
        extract_document(Path("court.doc"), (FIXTURES / "court-2020.doc").read_bytes())


@pytest.mark.skipif(not shutil.which("soffice"), reason="needs LibreOffice (soffice)")
def test_short_legacy_doc_falls_back_to_libreoffice() -> None:
    text = _text("court.doc", (FIXTURES / "court-2020.doc").read_bytes())
    assert "Présents :\nOdile Ferrand\nKarim Belkacem\nHélène Roux\n\n" in text


@pytest.mark.skipif(not _HAS_DOC_CONVERTER, reason="needs antiword (apt-get install antiword) or LibreOffice")
def test_corrupt_legacy_doc() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + RANDOM
    with pytest.raises(InputError, match=r"^pv\.doc: "):
        extract_document(Path("pv.doc"), data)


def test_legacy_doc_without_converter_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(InputError, match=r"^pv\.doc: legacy Word \.doc needs a converter: install antiword"):
        extract_document(Path("pv.doc"), (FIXTURES / "bureau-2019.doc").read_bytes())


# --- through read_source ---------------------------------------------------------------------------


def test_read_source_keeps_sha256_of_the_file_bytes(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "pv.html"
    data = "<h1>Conseil</h1><p>Séance ouverte</p>".encode()
    path.write_bytes(data)
    source = read_source(path)
    assert (source.text, source.media_type, source.encoding) == (
        "# Conseil\n\nSéance ouverte\n",
        "text/html",
        "utf-8",
    )
    assert source.sha256 == hashlib.sha256(data).hexdigest()


def test_plain_text_still_goes_through_decoding(tmp_path: Path) -> None:
    path = tmp_path / "pv.txt"
    path.write_bytes("Séance du conseil\n".encode("cp1252"))
    source = read_source(path)
    assert (source.text, source.media_type) == ("Séance du conseil\n", "text/plain")


# --- real office files: a corpus PV round-tripped through LibreOffice -----------------------------

ROUNDTRIP = FIXTURES / "roundtrip"
ROUNDTRIP_SOURCE = Path(__file__).resolve().parents[2] / "corpus" / "cm-villers-sur-aulne-2011-03-03.txt"


@pytest.mark.parametrize("extension", ["docx", "odt", "html", "doc"])
def test_office_copies_of_a_corpus_pv_give_back_its_text(extension: str) -> None:
    """LibreOffice imported the plain-text PV (one paragraph per line, empty ones for blank lines)
    and saved it in each format; the text must come back line for line."""
    if extension == "doc" and not _HAS_DOC_CONVERTER:
        pytest.skip("needs antiword (apt-get install antiword) or LibreOffice")
    source = read_source(ROUNDTRIP / f"cm-villers-sur-aulne-2011-03-03.{extension}")
    assert source.text.strip() == ROUNDTRIP_SOURCE.read_text(encoding="utf-8").strip()


def test_pdf_copy_of_a_corpus_pv_gives_back_its_words_in_order() -> None:
    """The PDF was laid out by LibreOffice (wrapped lines, page breaks): reflow must restore every word
    in order; only spacing may differ (a signature block set with runs of spaces)."""
    source = read_source(ROUNDTRIP / "cm-villers-sur-aulne-2011-03-03.pdf")
    assert source.text.split() == ROUNDTRIP_SOURCE.read_text(encoding="utf-8").split()
    assert source.text.count("\n\n") >= ROUNDTRIP_SOURCE.read_text(encoding="utf-8").strip().count("\n\n")
