"""The image of a PDF page to OCR: its one embedded scan decoded at its own resolution, or a PDFium render."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

log = logging.getLogger(__name__)

# A scan under this resolution is raised to the render resolution (300 dpi): Tesseract reads 72 - 75 dpi
# scans poorly as they are (mean word confidence 53 - 71 on real pages, 85 - 92 raised). How far and by what
# (PDFium's render or Pillow's Lanczos) was chosen on extraction quality: README "OCR: resolution, language".
MIN_OCR_DPI = 200
# The image must cover the page to this tolerance (share of each side), so its pixels are the page's.
COVER_TOLERANCE = 0.015
# A decoded scan darker than this on average is probably inverted by a Decode array or mask: render it.
MIN_MEAN_GRAY = 100
Upsample = Literal["render", "lanczos"]


@dataclass(frozen=True)
class PageImagePlan:
    """How a page becomes the image OCR reads: `decode` its one scan, or `render` the page, at `dpi`."""

    method: Literal["decode", "render"]
    dpi: int
    reason: str
    source_dpi: float | None = None  # the scan's own resolution (decode only)
    flip: tuple[bool, bool] = (False, False)  # (left-right, top-bottom) mirroring of the image's matrix


def plan_page_image(
    page: pdfium.PdfPage,
    dpi: int,
    min_dpi: int = MIN_OCR_DPI,
    upsample: Upsample = "render",
    decode: bool = True,
) -> PageImagePlan:
    """The one decision on a page's OCR resolution. A page that is exactly one upright embedded image
    (an invisible scanner text layer allowed) is decoded at its own resolution, raised to `dpi` when under
    `min_dpi` (by PDFium's render, or `upsample="lanczos"` Pillow's), lowered to `dpi` when over it;
    anything else is rendered by PDFium at `dpi`."""
    if decode:
        plan = _plan(page, dpi, min_dpi, upsample)
    else:
        plan = PageImagePlan("render", dpi, "decoding embedded scans is off (KERJASAMA_OCR_DECODE_SCANS)")
    log.info("page image: %s at %d dpi: %s", plan.method, plan.dpi, plan.reason)
    return plan


def _plan(page: pdfium.PdfPage, dpi: int, min_dpi: int, upsample: Upsample) -> PageImagePlan:
    if rotation := page.get_rotation():
        return PageImagePlan("render", dpi, f"the page is rotated by {rotation} degrees")
    images, others = [], 0
    for obj in page.get_objects(max_depth=1):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images.append(obj)
        elif obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT or not _invisible(obj):
            others += 1
    if len(images) != 1 or others:
        return PageImagePlan("render", dpi, f"{len(images)} images and {others} other visible objects")
    image = images[0]
    a, b, c, d, _, _ = image.get_matrix().get()
    if abs(b) > 1e-3 * abs(a) or abs(c) > 1e-3 * abs(d):
        return PageImagePlan("render", dpi, "the image is drawn rotated or skewed")
    width, height = page.get_size()
    left, bottom, right, top = image.get_bounds()
    off = max(abs(left) / width, abs(bottom) / height, abs(right - width) / width, abs(top - height) / height)
    if off > COVER_TOLERANCE:
        return PageImagePlan("render", dpi, f"the image leaves {off:.1%} of a side of the page uncovered")
    if _is_stencil(image):
        return PageImagePlan("render", dpi, "the image is a mask")
    px_width, _ = image.get_px_size()
    source = px_width / (width / 72)
    target = dpi if round(source) < min_dpi else min(round(source), dpi)
    flip = (a < 0, d < 0)
    if target == round(source):
        why = f"one {source:.0f} dpi scan, read at its own resolution"
    elif target > source and upsample == "render":
        return PageImagePlan(
            "render", dpi, f"one {source:.0f} dpi scan under {min_dpi} dpi: rendered at {dpi}"
        )
    elif target > source:
        why = f"one {source:.0f} dpi scan, raised to {target} dpi for Tesseract's x-height"
    else:
        why = f"one {source:.0f} dpi scan, lowered to {target} dpi"
    return PageImagePlan("decode", target, why, source, flip)


def _invisible(obj: pdfium.PdfObject) -> bool:
    return pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE


def _is_stencil(image: pdfium.PdfImage) -> bool:
    try:
        return image.get_metadata().colorspace == 0 and image.get_metadata().bits_per_pixel == 1
    except pdfium.PdfiumError:
        return True


def decode_page_image(page: pdfium.PdfPage, plan: PageImagePlan) -> Image.Image | None:
    """The page's scan as grayscale at `plan.dpi`, or None when it cannot be trusted (then render)."""
    image = next(o for o in page.get_objects(max_depth=1) if o.type == pdfium_c.FPDF_PAGEOBJ_IMAGE)
    try:
        pil = image.get_bitmap(render=False).to_pil().convert("L")
    except (pdfium.PdfiumError, OSError, ValueError) as exc:
        log.info("page image: the scan cannot be decoded (%s): rendering", exc)
        return None
    if plan.flip[0]:
        pil = pil.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    if plan.flip[1]:
        pil = pil.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    if float(np.asarray(pil.reduce(8) if min(pil.size) > 64 else pil).mean()) < MIN_MEAN_GRAY:
        log.info("page image: the decoded scan is mostly dark (inverted?): rendering")
        return None
    width, height = page.get_size()
    size = (max(1, round(width / 72 * plan.dpi)), max(1, round(height / 72 * plan.dpi)))
    if size != pil.size:
        pil = pil.resize(size, Image.Resampling.LANCZOS)
    return pil
