"""Crops of the archived page image around an evidence box, as small data URIs for the report."""

from __future__ import annotations

import base64
import io
import logging
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from pipeline.text.pagerender import page_image

log = logging.getLogger(__name__)

CROP_MARGIN = 0.04  # of the page width, around the box on every side
MIN_CROP_HEIGHT = 0.05  # of the page height, so a one-word box still shows its line
MIN_CROP_WIDTH = 0.5  # of the page width, so a short box still shows its sentence
CROP_MAX_WIDTH = 640
CROP_MAX_HEIGHT = 260
JPEG_QUALITY = 70
CACHED_PAGES = 8


def crop_data_uri(
    archive_path: str | None,
    page_number: int,
    bbox: list[float] | tuple[float, ...] | None,
    page_size: tuple[float | None, float | None] = (None, None),
    source: str = "ocr",
    dpi: int = 300,
) -> str | None:
    """A JPEG data URI of the page region around `bbox`, or None when the original or box is unavailable.

    `bbox` is in the coordinates the words were read in: page pixels for OCR, PDF points for a text
    layer; `page_size` (width, height) in the same units lets the box be scaled onto the rendering.
    """
    if not archive_path or not bbox or len(bbox) != 4:
        return None
    path = Path(archive_path)
    if not path.is_file():
        return None
    try:
        image = render_page(str(path), page_number, dpi)
    except Exception as exc:  # a crop is a convenience: never let it break the report
        log.info("no crop for %s page %d: %s", path.name, page_number, exc)
        return None
    if image is None:
        return None
    scale = _scale(image, page_size, source, dpi, path)
    crop = _crop(image, [float(v) * scale for v in bbox])
    return _data_uri(crop) if crop is not None else None


@lru_cache(maxsize=CACHED_PAGES)
def render_page(path: str, page_number: int, dpi: int) -> Image.Image | None:
    """The page as an RGB image (so that evidence boxes can be drawn in colour), the last few cached."""
    image = page_image(Path(path), page_number, dpi)
    return image.convert("RGB") if image is not None else None


def _scale(
    image: Image.Image, page_size: tuple[float | None, float | None], source: str, dpi: int, path: Path
) -> float:
    width = page_size[0]
    if width:
        return image.width / float(width)
    if source == "text_layer" and path.suffix.lower() == ".pdf":
        return dpi / 72
    return 1.0


def _crop(image: Image.Image, box: list[float]) -> Image.Image | None:
    x0, y0, x1, y1 = box
    margin = CROP_MARGIN * image.width
    min_height = MIN_CROP_HEIGHT * image.height
    grow = max(0.0, (min_height - (y1 - y0)) / 2)
    widen = max(0.0, (MIN_CROP_WIDTH * image.width - (x1 - x0)) / 2)
    left = max(0, int(x0 - margin - widen))
    top = max(0, int(y0 - margin - grow))
    right = min(image.width, int(x1 + margin + widen))
    bottom = min(image.height, int(y1 + margin + grow))
    if right <= left or bottom <= top:
        return None  # the box lies outside the rendered page
    crop = image.crop((left, top, right, bottom)).convert("RGB")
    draw = ImageDraw.Draw(crop)
    width = max(2, image.width // 600)
    draw.rectangle((x0 - left, y0 - top, x1 - left, y1 - top), outline=(230, 120, 0), width=width)
    crop.thumbnail((CROP_MAX_WIDTH, CROP_MAX_HEIGHT), Image.Resampling.LANCZOS)
    return crop


def _data_uri(image: Image.Image) -> str:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
