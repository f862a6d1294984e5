"""Simulated scanning: rasterise pages, then skew, rotate, speckle, blur, uneven light and JPEG them."""

from __future__ import annotations

import io
from dataclasses import dataclass
from random import Random

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter


@dataclass(frozen=True)
class ScanProfile:
    """Ranges one scanner/office setting draws from."""

    dpi: tuple[int, ...]
    max_skew: float
    speckle: tuple[float, float]  # fraction of pixels flipped
    noise: tuple[float, float]  # grey-level sigma
    blur: tuple[float, float]  # Gaussian radius in pixels at 300 dpi
    jpeg_quality: tuple[int, int]
    uneven: float  # strongest darkening at the far edge
    rotate_prob: float
    rotations: tuple[int, ...] = (180,)


SCAN_PROFILES = {
    "clean": ScanProfile((300,), 0.4, (0.0, 0.0002), (1.0, 2.0), (0.0, 0.3), (80, 90), 0.04, 0.0),
    "office": ScanProfile(
        (200, 250, 300), 1.5, (0.0002, 0.001), (2.0, 5.0), (0.2, 0.6), (60, 85), 0.12, 0.04
    ),
    "poor": ScanProfile(
        (150,), 3.0, (0.002, 0.006), (5.0, 10.0), (0.6, 1.2), (30, 55), 0.3, 0.35, (90, 180, 270)
    ),
}


COMPACT_QUALITY = 40


@dataclass
class ScannedPage:
    jpeg: bytes
    image: Image.Image
    dpi: int
    rotation: int
    skew: float
    quality: int


def rasterise(pdf: bytes, dpi: int) -> list[Image.Image]:
    """Greyscale renderings of every page of a PDF."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


def _uneven(arr: np.ndarray, strength: float, rng: Random) -> np.ndarray:
    """Darkens the page away from a random bright spot (computed coarse, then scaled up)."""
    h, w = arr.shape
    ys, xs = np.mgrid[0:64, 0:48].astype(np.float32)
    cx, cy = rng.uniform(0, 48), rng.uniform(0, 64)
    dist = np.sqrt(((xs - cx) / 48) ** 2 + ((ys - cy) / 64) ** 2)
    light = Image.fromarray((255 * (1.0 - strength * np.clip(dist / 1.2, 0, 1))).astype(np.uint8))
    return arr * (np.asarray(light.resize((w, h), Image.Resampling.BILINEAR), dtype=np.float32) / 255.0)


def degrade(
    img: Image.Image, prof: ScanProfile, dpi: int, rng: Random, compact: bool = False
) -> tuple[Image.Image, int, float]:
    """One scanned page; returns the image, its rotation (0/90/180/270) and skew in degrees.

    Grain is added before the blur (as on a real sensor); `compact` keeps grain low so JPEGs stay small.
    """
    nrng = np.random.default_rng(rng.getrandbits(32))
    paper = rng.randint(232, 250)
    arr = np.asarray(img, dtype=np.float32) * (paper / 255.0)
    arr = _uneven(arr, rng.uniform(0, prof.uneven), rng)
    sigma = rng.uniform(*prof.noise) * (0.15 if compact else 1.0)
    arr += nrng.standard_normal(arr.shape, dtype=np.float32) * np.float32(sigma)
    page = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    skew = round(rng.uniform(-prof.max_skew, prof.max_skew), 2)
    page = page.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=paper)
    radius = rng.uniform(*prof.blur) * dpi / 300
    if radius > 0.05:
        page = page.filter(ImageFilter.GaussianBlur(radius))
    arr = np.array(page)
    density = rng.uniform(*prof.speckle) * (0.3 if compact else 1.0)
    mask = nrng.random(arr.shape, dtype=np.float32) < density
    arr[mask] = nrng.choice(np.array([20, 255], dtype=np.uint8), size=int(mask.sum()), p=[0.7, 0.3])
    page = Image.fromarray(arr)
    rotation = rng.choice(prof.rotations) if rng.random() < prof.rotate_prob else 0
    if rotation:
        page = page.rotate(rotation, expand=True)
    return page, rotation, skew


def scan_pages(
    pdf: bytes,
    which: list[int],
    prof: ScanProfile,
    rng: Random,
    max_dpi: int | None = None,
    compact: bool = False,
) -> dict[int, ScannedPage]:
    """Scans the pages with 0-based indices in `which`; other pages are left alone.

    `max_dpi` caps the resolution and `compact` lowers grain and JPEG quality (for committed files).
    """
    dpi = min(rng.choice(prof.dpi), max_dpi or 10_000)
    quality = rng.randint(*prof.jpeg_quality)
    if compact:
        quality = min(quality, COMPACT_QUALITY)
    out: dict[int, ScannedPage] = {}
    for i, img in enumerate(rasterise(pdf, dpi)):
        if i not in which:
            continue
        page, rotation, skew = degrade(img, prof, dpi, rng, compact)
        buf = io.BytesIO()
        page.save(buf, format="JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)
        out[i] = ScannedPage(
            buf.getvalue(), Image.open(io.BytesIO(buf.getvalue())), dpi, rotation, skew, quality
        )
    return out
