"""One page of an archived original as a picture to show (not to read: OCR's page images are planned in
pipeline/text/pageimage.py): PDFs rendered with pypdfium2 at a dpi, image files as stored (one frame of a
multi-page TIFF). Used by the report's evidence crops and the workspace's pages."""

from __future__ import annotations

import threading
from pathlib import Path

from PIL import Image, ImageSequence

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp")
_PDFIUM = threading.Lock()  # pdfium is not thread-safe; the workspace serves requests from a thread pool


def page_image(path: Path, page: int, dpi: int) -> Image.Image | None:
    """Page `page` (1-based) of `path`, greyscale for a PDF, in the frame's own mode (L or RGB) for an
    image; None when there is no such page or the file has no page images (DOCX)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        import pypdfium2 as pdfium

        with _PDFIUM:
            pdf = pdfium.PdfDocument(str(path))
            try:
                if not 1 <= page <= len(pdf):
                    return None
                return pdf[page - 1].render(scale=dpi / 72, grayscale=True).to_pil()
            finally:
                pdf.close()
    if suffix in IMAGE_SUFFIXES:
        with Image.open(path) as image:
            for index, frame in enumerate(ImageSequence.Iterator(image)):
                if index == page - 1:
                    return frame.convert("L") if frame.mode not in ("L", "RGB") else frame.copy()
    return None
