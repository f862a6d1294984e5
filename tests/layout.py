"""A page built from a laid-out text: OCR-style single-spaced text, word boxes in the layout's columns."""

from __future__ import annotations

from schemas.pages import Page, Word

CHAR = 20  # pixels per character column of the layout
LINE = 50  # pixels per line


def layout_page(layout: str, number: int = 1) -> Page:
    """A page whose text is read line by line, single-spaced as OCR gives it, while each word's box keeps
    the column it has in `layout` (so columns can be told apart only from the boxes)."""
    lines, words, pos = [], [], 0
    for y, row in enumerate(layout.split("\n")):
        parts: list[str] = []
        col = 0
        for token in row.split(" "):
            if token:
                start = pos + len(" ".join(parts)) + (1 if parts else 0)
                box = (col * CHAR, y * LINE, (col + len(token)) * CHAR, y * LINE + 40)
                words.append(Word(token, start, start + len(token), box, 0.9))
                parts.append(token)
            col += len(token) + 1
        line = " ".join(parts)
        lines.append(line)
        pos += len(line) + 1
    return Page(number, "\n".join(lines), "ocr", words=words)
