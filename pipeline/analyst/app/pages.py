"""Page images for the workspace: rendered on demand from the archived original, cached as PNG files named
by SHA-256, page number and dpi. A request names a document id and a page number, never a path."""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path

from pipeline.text.pagerender import page_image

SHA256 = re.compile(r"^[0-9a-f]{64}$")
DPIS = (100, 150, 200, 300)
DEFAULT_DPI = 150  # on screen; 300 for a closer look
PNG_COMPRESS_LEVEL = 1  # fast to write; a page is read from the cache after its first request


class PageNotFound(LookupError):
    """No such document or page, or no archived original to render it from."""


def cache_path(cache_dir: Path, sha256: str, page: int, dpi: int) -> Path:
    if not SHA256.match(sha256) or page < 1 or dpi not in DPIS:
        raise PageNotFound(f"no page image {sha256[:16]!r} page {page} at {dpi} dpi")
    return cache_dir / sha256[:2] / f"{sha256}-{page}-{dpi}.png"


def page_png(cache_dir: Path, sha256: str, page: int, dpi: int, archive_path: str | None) -> bytes:
    """The PNG of one page: from the cache, else rendered from `archive_path` (from the store) and cached."""
    target = cache_path(cache_dir, sha256, page, dpi)
    try:
        return target.read_bytes()
    except FileNotFoundError:
        pass
    data = render_png(archive_path, page, dpi)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{threading.get_ident()}.partial")
    partial.write_bytes(data)
    partial.replace(target)
    return data


def render_png(archive_path: str | None, page: int, dpi: int) -> bytes:
    if not archive_path or not Path(archive_path).is_file():
        raise PageNotFound("the archived original is missing")
    image = page_image(Path(archive_path), page, dpi)
    if image is None:
        raise PageNotFound(f"the original has no page {page}")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()
