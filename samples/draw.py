"""Draws laid-out pages with reportlab: text, rules, boxes, signatures, stamps and scanned images."""

from __future__ import annotations

import io
import math
from functools import lru_cache
from random import Random

from PIL import Image, ImageDraw, ImageFont
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from samples.layout import PAGE_H, PAGE_W, Page

rl_config.useA85 = 0  # embed images as raw binary streams: ASCII85 is slow and 25% larger
STAMP_COLOURS = [(60, 60, 170), (110, 50, 150), (40, 90, 160)]


@lru_cache(maxsize=64)
def stamp_png(text: str, seed: int, px: int = 240) -> bytes:
    """A round office stamp as a translucent RGBA PNG (kept out of the PDF's text layer)."""
    rng = Random(f"{text}/{seed}")
    colour = rng.choice(STAMP_COLOURS)
    img = Image.new("RGBA", (px, px), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    ink = (*colour, 170)
    d.ellipse((4, 4, px - 4, px - 4), outline=ink, width=7)
    d.ellipse((30, 30, px - 30, px - 30), outline=ink, width=3)
    font = ImageFont.load_default(size=17)
    words = text.split()
    for k, word in enumerate(words[:14]):  # letters around the ring, one word per step
        angle = math.pi * (0.85 + 1.3 * k / max(1, min(len(words), 14) - 1))
        x = px / 2 + (px / 2 - 19) * math.cos(angle)
        y = px / 2 - (px / 2 - 19) * math.sin(angle)
        d.text((x, y), word[:4], fill=ink, font=font, anchor="mm")
    d.regular_polygon((px / 2, px / 2, 22), 5, fill=ink)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def _squiggle(c: Canvas, x: float, y: float, width: float, seed: int) -> None:
    rng = Random(seed * 7919 + int(width))
    p = c.beginPath()
    p.moveTo(x, y)
    steps = 5 if width > 40 else 3
    for k in range(steps):
        x1 = x + width * (k + 0.5) / steps
        x2 = x + width * (k + 1) / steps
        h = width * 0.25
        p.curveTo(
            x1,
            y + rng.uniform(-h, h * 1.5),
            x1 + 4,
            y + rng.uniform(-h, h),
            x2,
            y + rng.uniform(-h / 2, h / 2),
        )
    c.setStrokeColorRGB(0.1, 0.1, 0.35)
    c.setLineWidth(1.2)
    c.drawPath(p, stroke=1, fill=0)
    c.setStrokeColorRGB(0, 0, 0)


def draw_page(c: Canvas, page: Page) -> None:
    """Replays one page's operations onto the canvas (the caller ends the page)."""
    for op in page.ops:
        kind = op[0]
        if kind == "text":
            _, x, y, font, size, s = op
            c.setFont(font, size)
            c.drawString(x, y, s)
        elif kind == "line":
            _, x0, y0, x1, y1, w = op
            c.setLineWidth(w)
            c.line(x0, y0, x1, y1)
        elif kind == "rect":
            _, x, y, w, h = op
            c.setLineWidth(0.6)
            c.rect(x, y, w, h, stroke=1, fill=0)
        elif kind == "sig":
            _, x, y, w, seed = op
            _squiggle(c, x, y, w, seed)
        elif kind == "stamp":
            _, x, y, r, text, seed = op
            img = ImageReader(io.BytesIO(stamp_png(text, seed)))
            c.drawImage(img, x - r, y - r, 2 * r, 2 * r, mask="auto")


def draw_image_page(c: Canvas, jpeg: bytes, landscape: bool) -> None:
    """A scanned page: the JPEG fills the page (rotated scans keep their sideways media box)."""
    w, h = (PAGE_H, PAGE_W) if landscape else (PAGE_W, PAGE_H)
    c.setPageSize((w, h))
    c.drawImage(ImageReader(io.BytesIO(jpeg)), 0, 0, w, h)


def new_canvas(buf: io.BytesIO, title: str) -> Canvas:
    """A canvas whose output is byte-identical for identical drawing (no timestamps, fixed ids)."""
    c = Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
    c.setTitle(title[:120])
    c.setAuthor("kerjasama samples")
    c.setCreator("kerjasama samples")
    return c
