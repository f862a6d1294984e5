"""Writes a composed agreement as DOCX with fixed metadata and zip timestamps (byte-reproducible)."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from samples.blocks import Block

FIXED_TIME = datetime(2024, 1, 1, 0, 0, 0)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _para(doc, b: Block, truth: list[str]) -> None:  # noqa: ANN001 - python-docx document
    if b.kind == "gap":
        doc.add_paragraph("")
        return
    text = f"{b.label} {b.text}".strip()
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = b.kind in ("title", "heading")
    if b.kind in ("title", "heading", "center"):
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif b.indent:
        p.paragraph_format.left_indent = Pt(18 * b.indent)
    truth.append(text)


def _table(doc, rows: list[list[str]], truth: list[str], grid: bool = True) -> None:  # noqa: ANN001
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    if grid:
        table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
        truth.append(" ".join(c for c in row if c))


def _signatures(doc, b: Block, truth: list[str]) -> None:  # noqa: ANN001
    sigs = b.signatories
    table = doc.add_table(rows=(len(sigs) + 1) // 2, cols=2)
    for k, s in enumerate(sigs):
        cell = table.cell(k // 2, k % 2)
        lines = [*s.above, "", "", s.name, *s.below]
        cell.text = "\n".join(lines)
        truth += [t for t in s.above] + [s.name] + list(s.below)


def _add(doc, b: Block, truth: list[str]) -> None:  # noqa: ANN001
    if b.kind == "break":
        doc.add_page_break()
    elif b.kind == "table":
        _table(doc, b.rows, truth)
    elif b.kind == "sign":
        _signatures(doc, b, truth)
    elif b.kind == "pair":
        table = doc.add_table(rows=1, cols=2)
        for col, blocks in ((0, b.left), (1, b.right)):
            texts = [f"{x.label} {x.text}".strip() for x in blocks if x.kind != "gap"]
            table.cell(0, col).text = "\n".join(texts)
            truth += texts
    else:
        _para(doc, b, truth)


def render_docx(blocks: list[Block], title: str) -> tuple[bytes, list[str]]:
    """DOCX bytes and the document's text as one 'page' (DOCX has no fixed pages)."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11)
    truth: list[str] = []
    for b in blocks:
        _add(doc, b, truth)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title[:200], "kerjasama samples", "kerjasama samples"
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return _restamp(buf.getvalue()), ["\n".join(truth)]


def _restamp(data: bytes) -> bytes:
    """Rewrites the zip with fixed member timestamps so equal content gives equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
