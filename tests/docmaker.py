"""Small documents built in tests: a text-layer PDF and its scan as an image-only PDF."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

AGREEMENT_LINES = [
    "NOTA KESEPAHAMAN",
    "ANTARA",
    "KANTOR WILAYAH KEMENTERIAN HUKUM DAN HAM JAWA BARAT",
    "DAN",
    "UNIVERSITAS PADJADJARAN",
    "TENTANG",
    "PENINGKATAN KAPASITAS SUMBER DAYA MANUSIA",
    "Nomor: W11.HM.05.02-1234 Tahun 2023",
    "Nomor: 123/UN6.A/HK.07/2023",
    "Pada hari ini Rabu tanggal delapan bulan November tahun dua ribu dua puluh tiga",
    "bertempat di Bandung, yang bertanda tangan di bawah ini para pihak sepakat",
    "untuk mengadakan kerja sama dengan ketentuan sebagai berikut.",
    "Pasal 1 RUANG LINGKUP",
    "Ruang lingkup Nota Kesepahaman ini meliputi pendidikan dan pelatihan,",
    "penelitian dan pengabdian kepada masyarakat, serta pertukaran data.",
    "Pasal 2 JANGKA WAKTU",
    "Nota Kesepahaman ini berlaku untuk jangka waktu 5 (lima) tahun.",
]


def text_pdf(path: Path, lines: list[str] = AGREEMENT_LINES, password: str | None = None) -> Path:
    """A digital PDF with a real text layer (optionally encrypted)."""
    encrypt = None
    if password is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(password, ownerPassword="owner-secret", canPrint=1)
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1, encrypt=encrypt)
    y = 800
    for line in lines:
        pdf.setFont("Helvetica-Bold" if line.isupper() else "Helvetica", 11)
        pdf.drawString(60, y, line)
        y -= 22
    pdf.save()
    return path


def page_image(pdf_path: Path, dpi: int = 300) -> Image.Image:
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        return document[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()


def image_pdf(path: Path, image: Image.Image, dpi: int = 300) -> Path:
    """An image-only PDF (what a scanner produces): no text layer at all."""
    image.convert("L").save(path, "PDF", resolution=float(dpi))
    return path
