"""Renders an assembled agreement into each delivery format: PDFs, TIFF, JPG or DOCX, plus page truth."""

from __future__ import annotations

import io
from random import Random

from samples.compose import Assembled
from samples.docx_out import render_docx
from samples.draw import draw_image_page, draw_page, new_canvas
from samples.layout import Layout, Page, Style, finish
from samples.scan import SCAN_PROFILES, ScannedPage, scan_pages
from samples.spec import Spec
from samples.words import ROMAN

FORMATS = ("text-pdf", "scan-pdf", "mixed-pdf", "tiff", "jpg", "docx")
EXTENSIONS = {
    "text-pdf": "pdf",
    "scan-pdf": "pdf",
    "mixed-pdf": "pdf",
    "tiff": "tif",
    "jpg": "jpg",
    "docx": "docx",
}
FONTS = (("Times-Roman", "Times-Bold", "Times-Italic"), ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"))


def lay_out(spec: Spec, asm: Assembled, rng: Random) -> list[Page]:
    """Pages with drawing operations and true text."""
    regular, bold, italic = rng.choice(FONTS) if spec.language != "id+en" else FONTS[0]
    size = {"addendum": 9.5, "bilingual": 10.0}.get(spec.kind) or rng.choice([10.5, 11.0, 11.5])
    if regular == "Helvetica":
        size -= 0.5
    style = Style(regular, bold, italic, size)
    layout = Layout(style)
    for block in asm.blocks:
        layout.add(block)
    en = spec.language == "en"
    footer = rng.choice(
        ["Page {page} of {pages}", "- {page} -"]
        if en
        else ["Halaman {page} dari {pages}", "- {page} -", "{page}"]
    )
    roles = [f"Pihak {ROMAN[i]}" for i in range(len(spec.parties))]
    header = ""
    if rng.random() < 0.4:
        header = (
            f"{asm.gold.title.split(' ANTARA ')[0].split(' BETWEEN ')[0].title()} - {spec.parties[0].short}"
        )
    layout.flush_columns()
    finish(layout.pages, style, roles if rng.random() < 0.7 else [], footer, header)
    return layout.pages


def text_pdf(pages: list[Page], title: str, scans: dict[int, ScannedPage] | None = None) -> bytes:
    """A PDF with a text layer; pages listed in `scans` are drawn as their scanned image instead."""
    buf = io.BytesIO()
    c = new_canvas(buf, title)
    for i, page in enumerate(pages):
        if scans and i in scans:
            draw_image_page(c, scans[i].jpeg, scans[i].rotation in (90, 270))
        else:
            draw_page(c, page)
        c.showPage()
    c.save()
    return buf.getvalue()


def tiff(scans: list[ScannedPage]) -> bytes:
    """A multi-page JPEG-compressed TIFF of the scanned pages."""
    images = [s.image for s in scans]
    buf = io.BytesIO()
    images[0].save(
        buf,
        format="TIFF",
        save_all=True,
        append_images=images[1:],
        compression="jpeg",
        quality=scans[0].quality,
        dpi=(scans[0].dpi, scans[0].dpi),
    )
    return buf.getvalue()


def _scanned_set(fmt: str, n: int, rng: Random) -> list[int]:
    if fmt != "mixed-pdf":
        return list(range(n))
    chosen = [i for i in range(n - 1) if rng.random() < 0.3]
    return sorted(set(chosen + [n - 1]))


def render(
    spec: Spec,
    asm: Assembled,
    fmt: str,
    profile: str,
    rng: Random,
    max_dpi: int | None = None,
    compact: bool = False,
) -> tuple[bytes, list[str], str, str]:
    """The document's bytes, each page's true text, the format actually used, and a note on the scans.

    A JPG holds one page, so a multi-page document asked for as JPG becomes a TIFF; a one-page
    document asked for as a mixed PDF becomes a scanned PDF.
    """
    if fmt == "docx":
        data, truth = render_docx(asm.blocks, asm.gold.title)
        return data, truth, fmt, ""
    pages = lay_out(spec, asm, rng)
    truth = ["\n".join(p.truth) for p in pages]
    pdf = text_pdf(pages, asm.gold.title)
    if fmt == "text-pdf":
        return pdf, truth, fmt, ""
    if fmt == "jpg" and len(pages) > 1:
        fmt = "tiff"
    if fmt == "mixed-pdf" and len(pages) == 1:
        fmt = "scan-pdf"
    prof = SCAN_PROFILES[profile]
    which = _scanned_set(fmt, len(pages), rng)
    scans = scan_pages(pdf, which, prof, rng, max_dpi, compact)
    note = scan_note(scans)
    if fmt in ("scan-pdf", "mixed-pdf"):
        return text_pdf(pages, asm.gold.title, scans), truth, fmt, note
    if fmt == "jpg":
        return scans[0].jpeg, truth, fmt, note
    return tiff([scans[i] for i in which]), truth, fmt, note


def scan_note(scans: dict[int, ScannedPage]) -> str:
    """'Scanned pages (dpi, skew, rotation): p1 200 dpi skew 0.8 ...' for the label notes."""
    parts = [
        f"p{i + 1} {s.dpi} dpi skew {s.skew:+.1f} deg" + (f" rotated {s.rotation}" if s.rotation else "")
        for i, s in sorted(scans.items())
    ]
    return "Scanned pages: " + "; ".join(parts) + "."


def choose_format(profile: str, rng: Random) -> str:
    by_profile: dict[str, dict[str, float]] = {
        "clean": {"text-pdf": 6, "docx": 3, "mixed-pdf": 1},
        "office": {"scan-pdf": 6, "tiff": 1.5, "mixed-pdf": 1.5, "jpg": 0.5, "text-pdf": 0.5},
        "poor": {"scan-pdf": 5, "tiff": 2.5, "jpg": 1, "mixed-pdf": 1.5},
    }
    weights = by_profile[profile]
    return rng.choices(list(weights), weights=list(weights.values()))[0]
