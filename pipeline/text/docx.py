"""DOCX input: paragraphs and table cells in document order, as one text-layer page (XML only, no macros)."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from pipeline.errors import CorruptFileError, MacroDocumentError, TooLargeError
from schemas.pages import Page, Word

# A real agreement's XML is a few MB at most; more is a zip bomb (tiny file, gigabytes when inflated).
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MACRO_CONTENT = "macroEnabled"  # content type of .docm/.dotm main parts


def read_docx(path: Path) -> list[Page]:
    """A DOCX has no fixed pages: its whole text becomes page 1 (words without boxes)."""
    check_package(path)
    try:
        document = Document(str(path))
    except Exception as exc:  # python-docx/lxml raise many types on damaged packages
        reason = str(exc).replace(str(path), path.name)
        raise CorruptFileError(f"{path.name}: not a readable DOCX ({reason})") from exc
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            blocks.append(block.text)
        elif isinstance(block, Table):
            blocks.extend(_table_lines(block))
    text = "\n".join(blocks).strip("\n")
    return [Page(1, text, "text_layer", _words(text), None)]


def check_package(path: Path) -> None:
    """Refuse, before parsing, a DOCX that carries macros or would inflate to an absurd size."""
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
            content_types = _head(package, "[Content_Types].xml")
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, KeyError, EOFError) as exc:
        raise CorruptFileError(f"{path.name}: not a readable DOCX (not a valid ZIP package: {exc})") from exc
    macros = [m.filename for m in members if m.filename.lower().endswith("vbaproject.bin")]
    if macros or MACRO_CONTENT.encode() in content_types:
        where = macros[0] if macros else "[Content_Types].xml: macro-enabled document"
        raise MacroDocumentError(f"{path.name}: the document contains macros ({where}); macros are never run")
    inflated = sum(m.file_size for m in members)
    if inflated > MAX_UNCOMPRESSED_BYTES:
        raise TooLargeError(
            f"{path.name}: the DOCX would inflate to {inflated / 2**20:.0f} MB "
            f"(limit {MAX_UNCOMPRESSED_BYTES / 2**20:.0f} MB): a zip bomb or a document full of media"
        )


def _head(package: zipfile.ZipFile, name: str, size: int = 1 << 20) -> bytes:
    """The first `size` bytes of a member (b"" when absent): never inflates a whole bomb."""
    if name not in package.namelist():
        return b""
    with package.open(name) as member:
        return member.read(size)


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
