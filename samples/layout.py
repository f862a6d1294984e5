"""Flows blocks onto A4 pages: drawing operations plus each page's true text, in reading order."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

from samples.blocks import Block, Signatory

PAGE_W, PAGE_H = A4
LEFT, RIGHT, TOP, BOTTOM = 72.0, 64.0, 64.0, 92.0
BODY_W = PAGE_W - LEFT - RIGHT
INDENT = 18.0
SIGN_GAP = 62.0
KEEP_TOGETHER = 8  # paragraphs up to this many lines never split across pages

Op = tuple  # ("text", x, y, font, size, s) | ("line", x0, y0, x1, y1) | ("sig"|"stamp"|"rect", ...)


@dataclass
class Style:
    regular: str = "Times-Roman"
    bold: str = "Times-Bold"
    italic: str = "Times-Italic"
    size: float = 11.0

    @property
    def leading(self) -> float:
        return self.size * 1.38


@dataclass
class Line:
    text: str
    font: str
    size: float
    dx: float = 0.0
    center: bool = False
    label: str = ""


@dataclass
class Page:
    ops: list[Op] = field(default_factory=list)
    truth: list[str] = field(default_factory=list)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; never breaks inside a word."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}" if cur else word
        if cur and stringWidth(trial, font, size) > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    return lines + ([cur] if cur else [])


def block_lines(b: Block, st: Style, width: float) -> list[Line]:
    """The printed lines of a text block within a column `width` wide."""
    if b.kind == "gap":
        return [Line("", st.regular, st.size)]
    if b.kind in ("title", "heading", "center"):
        font = st.regular if b.kind == "center" else st.bold
        size = st.size + (1 if b.kind == "title" else 0)
        return [Line(t, font, size, center=True) for t in wrap(b.text, font, size, width)]
    dx = b.indent * INDENT
    text_dx = dx + (INDENT if b.label else 0)
    wrapped = wrap(b.text, st.regular, st.size, width - text_dx)
    out = [Line(t, st.regular, st.size, text_dx) for t in wrapped]
    if out and b.label:
        out[0].label = b.label
        out[0].dx = text_dx
    return out


class Layout:
    """Places blocks top to bottom, breaking pages; keeps the true text of each page."""

    def __init__(self, style: Style) -> None:
        self.st = style
        self.pages: list[Page] = []
        self.y = 0.0
        self.columns: tuple[list[str], list[str]] = ([], [])
        self.new_page()

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def new_page(self) -> None:
        self.flush_columns()
        self.pages.append(Page())
        self.y = PAGE_H - TOP

    def room(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.new_page()

    def emit(self, line: Line, x0: float, width: float, truth: list[str] | None = None) -> None:
        """Draw one line at the cursor's height (does not move the cursor)."""
        if not line.text:
            return
        x = x0 + line.dx
        if line.center:
            x = x0 + (width - stringWidth(line.text, line.font, line.size)) / 2
        if line.label:
            self.page.ops.append(("text", x - INDENT, self.y, line.font, line.size, line.label))
        self.page.ops.append(("text", x, self.y, line.font, line.size, line.text))
        (self.page.truth if truth is None else truth).append(f"{line.label} {line.text}".strip())

    def flush_columns(self) -> None:
        """Side-by-side text reads column by column: the page's left column, then its right one."""
        left, right = self.columns
        if self.pages:
            self.page.truth += left + right
        self.columns = ([], [])

    def add(self, b: Block) -> None:
        if b.kind != "pair":
            self.flush_columns()
        if b.kind == "break":
            self.new_page()
        elif b.kind == "pair":
            self.add_pair(b)
        elif b.kind == "sign":
            self.add_signatures(b.signatories)
        elif b.kind == "table":
            self.add_table(b.rows, b.widths, b.sign_col)
        else:
            lines = block_lines(b, self.st, BODY_W)
            if b.kind == "heading":
                self.room(self.st.leading * 4)
            elif len(lines) <= KEEP_TOGETHER:
                self.room(self.st.leading * len(lines))
            for line in lines:
                self.room(self.st.leading)
                self.emit(line, LEFT, BODY_W)
                self.y -= self.st.leading
            if b.kind == "para":
                self.y -= self.st.leading * 0.3

    def add_pair(self, b: Block) -> None:
        """Indonesian left, English right, kept on one page (see flush_columns for the reading order)."""
        col = (BODY_W - 20) / 2
        left = [ln for blk in b.left for ln in block_lines(blk, self.st, col)]
        right = [ln for blk in b.right for ln in block_lines(blk, self.st, col)]
        rows = max(len(left), len(right))
        self.room(self.st.leading * (rows + (3 if any(x.kind == "heading" for x in b.left) else 0)))
        y0 = self.y
        for lines, x0, truth in ((left, LEFT, self.columns[0]), (right, LEFT + col + 20, self.columns[1])):
            self.y = y0
            for ln in lines:
                self.emit(ln, x0, col, truth)
                self.y -= self.st.leading
        self.y = y0 - rows * self.st.leading
        self.page.ops.append(("line", LEFT + col + 10, y0 + self.st.size, LEFT + col + 10, self.y + 4, 0.4))
        self.y -= self.st.leading * 0.3

    def add_signatures(self, sigs: list[Signatory]) -> None:
        col = BODY_W / 2
        for r in range(0, len(sigs), 2):
            row = sigs[r : r + 2]
            columns = [self._sign_lines(s, col) for s in row]
            height = max(len(c) for c in columns) * self.st.leading + SIGN_GAP
            self.room(height + self.st.leading)
            top = self.y
            for j, (s, lines) in enumerate(zip(row, columns, strict=True)):
                x0 = LEFT + (col * j if len(row) == 2 else col / 2)
                self.y = top
                self._one_signature(s, lines, x0, col)
            self.y = top - height - self.st.leading

    def _sign_lines(self, s: Signatory, col: float) -> list[Line]:
        out = [ln for t in s.above for ln in block_lines(Block("heading", t), self.st, col - 10)]
        below = [ln for t in s.below for ln in block_lines(Block("center", t), self.st, col - 10)]
        return out + [Line(s.name, self.st.bold, self.st.size, center=True)] + below

    def _one_signature(self, s: Signatory, lines: list[Line], x0: float, col: float) -> None:
        below = [ln for t in s.below for ln in block_lines(Block("center", t), self.st, col - 10)]
        lines = lines[: len(lines) - len(below)]
        for ln in lines[:-1]:
            self.emit(ln, x0, col)
            self.y -= self.st.leading
        cx = x0 + col / 2
        self.page.ops.append(("stamp", cx - 38, self.y - SIGN_GAP / 2 + 8, 34.0, s.stamp, s.seed))
        self.page.ops.append(("sig", cx - 40, self.y - SIGN_GAP + 22, 90.0, s.seed))
        self.y -= SIGN_GAP
        self.emit(lines[-1], x0, col)
        width = stringWidth(s.name, self.st.bold, self.st.size)
        self.page.ops.append(("line", cx - width / 2, self.y - 2, cx + width / 2, self.y - 2, 0.6))
        self.y -= self.st.leading
        for ln in below:
            self.emit(ln, x0, col)
            self.y -= self.st.leading

    def add_table(
        self, rows: list[list[str]], fracs: list[float] | None = None, sign_col: bool = False
    ) -> None:
        fracs = fracs or [0.05, 0.32, 0.18, 0.16, 0.14, 0.15][: len(rows[0])]
        widths = [f * BODY_W for f in fracs]
        size = self.st.size - 2
        lead = size * 1.3
        for r, row in enumerate(rows):
            cells = [wrap(c, self.st.regular, size, w - 6) for c, w in zip(row, widths, strict=True)]
            h = max(max(len(c) for c in cells) * lead + 6, 40.0 if sign_col and r else 0.0)
            self.room(h)
            if sign_col and r:
                self.page.ops.append(
                    ("sig", LEFT + BODY_W - widths[-1] + 4, self.y - h + 6, widths[-1] - 10, r)
                )
            x = LEFT
            for c, w in zip(cells, widths, strict=True):
                self.page.ops.append(("rect", x, self.y - h, w, h))
                for k, t in enumerate(c):
                    self.page.ops.append(
                        ("text", x + 3, self.y - 3 - size - k * lead, self.st.regular, size, t)
                    )
                x += w
            self.page.truth.append(" ".join(" ".join(c) for c in cells if c))
            self.y -= h


def finish(pages: list[Page], style: Style, paraf_roles: list[str], footer: str, header: str = "") -> None:
    """Adds running headers (from page 2), paraf boxes (all but the last page) and page-number footers."""
    n = len(pages)
    for i, page in enumerate(pages):
        if header and i > 0:
            page.ops.append(("text", LEFT, PAGE_H - 40, style.italic, 8.0, header))
            page.ops.append(("line", LEFT, PAGE_H - 44, PAGE_W - RIGHT, PAGE_H - 44, 0.4))
            page.truth.insert(0, header)
        if i < n - 1 and paraf_roles:
            w = 46.0
            x0 = PAGE_W - RIGHT - w * len(paraf_roles)
            for j, role in enumerate(paraf_roles):
                page.ops.append(("rect", x0 + j * w, BOTTOM - 58, w, 30))
                page.ops.append(("text", x0 + j * w + 4, BOTTOM - 38, style.regular, 7.0, role))
                page.ops.append(("sig", x0 + j * w + 8, BOTTOM - 54, 24.0, i * 7 + j))
            page.ops.append(("text", x0, BOTTOM - 20, style.regular, 8.0, "Paraf"))
            page.truth.append("Paraf " + " ".join(paraf_roles))
        text = footer.format(page=i + 1, pages=n)
        x = (PAGE_W - stringWidth(text, style.regular, 9)) / 2
        page.ops.append(("text", x, 36.0, style.regular, 9.0, text))
        page.truth.append(text)
