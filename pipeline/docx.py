"""DOCX input: paragraphs and table cells in document order, as one text-layer page."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from pipeline.errors import CorruptFileError
from schemas.pages import Page, Word


def read_docx(path: Path) -> list[Page]:
    """A DOCX has no fixed pages: its whole text becomes page 1 (words without boxes)."""
    try:
        document = Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptFileError(f"{path.name}: not a readable DOCX ({exc})") from exc
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            blocks.append(block.text)
        elif isinstance(block, Table):
            blocks.extend(_table_lines(block))
    text = "\n".join(blocks).strip("\n")
    return [Page(1, text, "text_layer", _words(text), None)]


def _table_lines(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        cells = [cell.text.strip() for cell in row.cells]
        lines.append(" | ".join(c for c in cells if c))
    return lines


def _words(text: str) -> list[Word]:
    words = []
    start = None
    for i, ch in enumerate(text + " "):
        if ch.isspace():
            if start is not None:
                words.append(Word(text[start:i], start, i))
                start = None
        elif start is None:
            start = i
    return words
