"""Hand-built records with evidence (no OCR) for the report, corrections and export tests."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from schemas.pages import Page, Word
from schemas.record import (
    DocumentInfo,
    Duration,
    Evidence,
    ExtractedField,
    Flag,
    Obligation,
    Party,
    Record,
    Review,
)

PAGE_SIZE = (1240, 1754)  # A4 at 150 dpi
SCRIPT = "<script>window.__pwned=1</script>"


def evidence(text: str, page: int = 1, bbox=(120.0, 300.0, 1100.0, 350.0)) -> list[Evidence]:
    return [Evidence(page=page, start=0, end=len(text), text=text, bbox=bbox)]


def make_record(
    n: int,
    *,
    title: str = "NOTA KESEPAHAMAN ANTARA UNIVERSITAS CONTOH DAN PEMERINTAH KOTA CONTOH",
    filename: str | None = None,
    signing_date: str = "2022-04-27",
    signing_conf: float = 0.45,
    expiry: str = "2027-04-27",
    workplan: str = "mentioned",
    version: str = "0.1.0",
) -> Record:
    """A plausible MoU record; signing_date is under the default review threshold."""
    info = DocumentInfo(
        sha256=f"{n:02x}" * 32,
        filename=filename or f"mou-{n:02d}.png",
        bytes=1000,
        pages=1,
        text_source="ocr",
        ocr_mean_confidence=0.82,
        pipeline_version=version,
    )
    record = Record(document=info)
    record.doc_type = ExtractedField(value="MoU", confidence=0.95, evidence=evidence("NOTA KESEPAHAMAN"))
    record.language = ExtractedField(value="id", confidence=0.9)
    record.title = ExtractedField[str](value=title, confidence=0.88, evidence=evidence(title))
    record.numbers = [ExtractedField[str](value=f"{n}/UN/KS/2022", confidence=0.7)]
    record.parties = [
        ExtractedField(value=Party(name="Universitas Contoh", role="PIHAK KESATU"), confidence=0.8),
        ExtractedField(value=Party(name="Pemerintah Kota Contoh", role="PIHAK KEDUA"), confidence=0.75),
    ]
    record.signing_date = ExtractedField[str](
        value=signing_date, confidence=signing_conf, evidence=evidence("Rabu tanggal dua puluh tujuh April")
    )
    record.effective_date = ExtractedField[str](value=signing_date, confidence=0.7)
    record.duration = ExtractedField(value=Duration(text="5 (lima) tahun", months=60), confidence=0.9)
    record.expiry_date = ExtractedField[str](
        value=expiry, confidence=0.72, evidence=evidence("5 (lima) tahun")
    )
    record.scope = [ExtractedField[str](value="Pendidikan dan pelatihan", confidence=0.66)]
    record.obligations = [
        ExtractedField(value=Obligation(party="PARA PIHAK", text="Menyusun program"), confidence=0.6)
    ]
    sentence = "PARA PIHAK menyusun program secara terpadu"
    record.workplan = ExtractedField(value=workplan, confidence=0.55, evidence=evidence(sentence))
    if workplan != "detailed":
        record.flags.append(
            Flag(
                code="NO_DETAILED_WORKPLAN",
                severity="warning",
                message="Tidak ada rencana kerja rinci",
                evidence=evidence(sentence),
            )
        )
    if expiry < "2026-01-01":
        record.flags.append(Flag(code="EXPIRED", severity="info", message=f"Berakhir {expiry}"))
    record.review = Review(needs_review=True, reasons=["signing_date: low confidence"])
    return record


def make_page_image(path: Path, lines: list[str]) -> Path:
    """A white page with dark text bars, saved as the archived original of an image document."""
    image = Image.new("L", PAGE_SIZE, 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        y = 300 + index * 80
        draw.rectangle((120, y, 120 + 18 * len(line), y + 40), fill=40)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path


def page_for(text: str) -> Page:
    return Page(
        1,
        text,
        "ocr",
        [Word(text, 0, len(text), (120.0, 300.0, 1100.0, 350.0), 0.8)],
        0.8,
        float(PAGE_SIZE[0]),
        float(PAGE_SIZE[1]),
    )


def fill_store(store, tmp_path: Path, count: int = 3) -> list[Record]:
    """Save `count` records, the first with a <script> title, each with an archived page image."""
    records = []
    for n in range(1, count + 1):
        title = f"NOTA KESEPAHAMAN {SCRIPT} ANTARA A DAN B" if n == 1 else f"PERJANJIAN KERJA SAMA NOMOR {n}"
        record = make_record(n, title=title, expiry="2021-05-01" if n == 2 else "2027-04-27")
        archive = make_page_image(tmp_path / "archive" / record.document.filename, [title, "tanggal"])
        store.save(record, pages=[page_for(title)], archive_path=str(archive))
        records.append(record)
    return records
