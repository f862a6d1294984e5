"""Builders of hostile and broken input files for the fault-injection suite (all small on disk)."""

from __future__ import annotations

import atexit
import functools
import io
import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

from docmaker import AGREEMENT_LINES, text_pdf
from PIL import Image

ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56 + b"\x02\x00\x3e\x00"
MZ_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"PE\x00\x00"
HTML_BYTES = b"<!DOCTYPE html>\n<html><head><title>MoU</title></head><body>Download failed</body></html>\n"


def agreement(path: Path, tag: str = "", pages: int = 1) -> Path:
    """A text-layer agreement; `tag` makes its bytes (and so its SHA-256) unique."""
    lines = [*AGREEMENT_LINES, f"Salinan {tag}"] if tag else AGREEMENT_LINES
    path.parent.mkdir(parents=True, exist_ok=True)
    if pages == 1:
        return text_pdf(path, lines)
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica", 11)
        for row, line in enumerate([*lines, f"Halaman {number}"]):
            pdf.drawString(60, 800 - 22 * row, line)
        pdf.showPage()
    pdf.save()
    return path


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def truncated_pdf(path: Path, good: bytes) -> Path:
    """The first 40% of a good PDF: a download or copy cut short."""
    return write(path, good[: len(good) * 2 // 5])


def broken_xref_pdf(path: Path, good: bytes) -> Path:
    """A good PDF whose cross-reference table and trailer are mangled (`xref` → `xrfe`, offsets wrong)."""
    broken = good.replace(b"xref", b"xrfe").replace(b"startxref", b"startxref\n9999999\n")
    return write(path, broken)


def encrypted_pdf(path: Path, password: str = "rahasia") -> Path:
    return text_pdf(path, AGREEMENT_LINES, password=password)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_bomb(path: Path, width: int = 100_000, height: int = 100_000) -> Path:
    """A PNG whose header claims `width` x `height` (10 Gpx) with almost no data: a decompression bomb."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
    data += _png_chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + _png_chunk(b"IEND", b"")
    return write(path, data)


def huge_bilevel_png(path: Path, width: int = 20_000, height: int = 20_000) -> Path:
    """A real, complete 1-bit white scan of `width` x `height` pixels (400 Mpx), ~100 KB on disk."""
    row = b"\x00" + b"\xff" * ((width + 7) // 8)  # filter byte "None", then white pixels
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
    data += _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")
    return write(path, data)


def small_tiff_bytes(pages: int = 1) -> bytes:
    image = Image.new("L", (200, 100), 255)
    buffer = io.BytesIO()
    image.save(buffer, "TIFF", save_all=True, append_images=[image] * (pages - 1), compression="tiff_lzw")
    return buffer.getvalue()


def corrupt_tiff(path: Path) -> Path:
    """A TIFF header followed by garbage where the image file directory should be."""
    good = small_tiff_bytes()
    return write(path, good[:8] + bytes((b * 7 + 13) % 256 for b in good[8:]))


def docx_bytes(text: str = "PERJANJIAN KERJA SAMA") -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rezip(source: bytes, replace: dict[str, bytes], add: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            new.writestr(name, replace.get(name, old.read(name)))
        for name, data in add.items():
            new.writestr(name, data)
    return out.getvalue()


VBA_PROJECT = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b'Attribute VB_Name = "AutoOpen"\x00Shell "touch pwned"'


def docx_with_macros(path: Path) -> Path:
    """A DOCX carrying word/vbaProject.bin (an AutoOpen macro that would run a shell)."""
    return write(path, _rezip(docx_bytes(), {}, {"word/vbaProject.bin": VBA_PROJECT}))


def docm_renamed_docx(path: Path) -> Path:
    """A macro-enabled .docm (its content type says so) renamed to .docx."""
    source = docx_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as old:
        types = old.read("[Content_Types].xml")
    plain = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    types = types.replace(plain, b"application/vnd.ms-word.document.macroEnabled.main+xml")
    return write(path, _rezip(source, {"[Content_Types].xml": types}, {"word/vbaProject.bin": VBA_PROJECT}))


def docx_with_external_entity(path: Path, target: Path) -> Path:
    """A DOCX whose document.xml declares an external entity pointing at a local file (XXE)."""
    source = docx_bytes("ENTITY_HERE")
    with zipfile.ZipFile(io.BytesIO(source)) as old:
        xml = old.read("word/document.xml")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{target}">]>'.encode()
    xml = xml.replace(b"?>", b"?>" + doctype, 1).replace(b"ENTITY_HERE", b"&xxe;")
    return write(path, _rezip(source, {"word/document.xml": xml}, {}))


def docx_zip_bomb(path: Path, inflated_mb: int = 300) -> Path:
    """A DOCX with a media member that inflates to `inflated_mb` MB from a few hundred KB."""
    out = io.BytesIO(_rezip(docx_bytes(), {}, {}))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as new:
        with new.open("word/media/image1.bin", "w", force_zip64=True) as member:
            block = b"\x00" * (1 << 20)
            for _ in range(inflated_mb):
                member.write(block)
    return write(path, out.getvalue())


# --- the real `kerjasama process` in a subprocess (crash and concurrency tests) ---------------------------
SLOW_CLI = Path(__file__).with_name("slow_cli.py")


@functools.cache
def prefect_api_url() -> str:
    """One `prefect server start` for all CLI runs of the session (a temporary server per run costs ~10 s)."""
    import httpx

    home = Path(tempfile.mkdtemp(prefix="kerjasama-prefect-"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_UI_ENABLED": "false"}  # fmt: skip
    command = [str(Path(sys.executable).with_name("prefect")), "server", "start", "--port", str(port)]
    log = (home / "server.log").open("wb")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=log, start_new_session=True)
    atexit.register(lambda: server.poll() is None and os.killpg(server.pid, signal.SIGTERM))
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return url
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError(f"prefect server did not start: {(home / 'server.log').read_text()[-2000:]}")


def start_cli(home: Path, *args: str, slow_seconds: float = 0.0, log: Path | None = None):
    """`kerjasama process` on the data root `home`, in its own process group (so SIGKILL takes it all)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KERJASAMA_", "PREFECT_API"))}
    env.update(
        PREFECT_API_URL=prefect_api_url(),
        KERJASAMA_HOME=str(home),
        KERJASAMA_STABLE_SECONDS="0",
        KERJASAMA_PAGE_WORKERS="1",
        KERJASAMA_TEST_SLOW_EXTRACT_SECONDS=str(slow_seconds),
        PYTHONPATH=str(Path(__file__).resolve().parents[1]),
    )
    output = (log or home / "cli.log").open("ab")
    command = [sys.executable, str(SLOW_CLI), "process", *args]
    return subprocess.Popen(command, env=env, stdout=output, stderr=output, start_new_session=True)


def database_state(home: Path) -> dict:
    """Counts the crash and concurrency tests check, read straight from the SQLite database."""
    import sqlite3

    with sqlite3.connect(home / "kerjasama.db") as db:
        one = lambda sql: db.execute(sql).fetchall()  # noqa: E731
        return {
            "documents": one("SELECT sha256, pages FROM documents ORDER BY sha256"),
            "records": one("SELECT sha256, id, record FROM records ORDER BY sha256"),
            "pages": dict(one("SELECT sha256, count(*) FROM pages GROUP BY sha256")),
            "parties": dict(one("SELECT record_id, count(*) FROM parties GROUP BY record_id")),
            "events": one("SELECT sha256, outcome FROM intake_events ORDER BY id"),
        }


def stored_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".error.json")]


def mixed_pdf(
    path: Path, scan_pages: set[int], pages: int = 3, page_size: tuple[float, float] | None = None
) -> Path:
    """Text-layer pages, except `scan_pages` (1-based): an image of text only, no text layer (needs OCR)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    size = page_size or A4
    scan = Image.new("L", (620, 877), 255)
    from PIL import ImageDraw

    ImageDraw.Draw(scan).text((40, 40), "PASAL 2 JANGKA WAKTU", fill=0)
    pdf = canvas.Canvas(str(path), pagesize=size, invariant=1)
    for number in range(1, pages + 1):
        if number in scan_pages:
            pdf.drawImage(ImageReader(scan), 0, 0, width=size[0], height=size[1])
        else:
            pdf.setFont("Helvetica", 11)
            for row, line in enumerate([*AGREEMENT_LINES, f"Halaman {number}"]):
                pdf.drawString(60, size[1] - 42 - 22 * row, line)
        pdf.showPage()
    pdf.save()
    return path


HUNG_TESSERACT = """#!/bin/sh
# A Tesseract that hangs on every page (answers --version like the real one, for pytesseract's check).
case "$1" in --version|--list-langs) exec {real} "$@";; esac
echo $$ >> {pids}
exec sleep 120
"""


def hung_tesseract(folder: Path) -> tuple[Path, Path]:
    """A `tesseract` stand-in that never finishes; returns (command, file collecting its pids)."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    pids = folder / "pids"
    command = folder / "tesseract"
    command.write_text(HUNG_TESSERACT.format(real=shutil.which("tesseract"), pids=pids))
    command.chmod(0o755)
    return command, pids
