"""Indonesian labels shared by the workspace and the exports: flag messages, workplan values."""

from __future__ import annotations

import re

WORKPLAN_ID = {"none": "tidak ada", "mentioned": "disebutkan", "detailed": "rinci"}

# Flag messages in Indonesian, made from the machine's English message (its dates and counts kept).
_FLAG_MESSAGES: list[tuple[str, re.Pattern, str]] = [
    ("NO_DETAILED_WORKPLAN", re.compile(r"only says a workplan"),
     "Perjanjian hanya menyebut rencana kerja/program akan disusun kemudian; tidak ada yang dilampirkan."),
    ("NO_DETAILED_WORKPLAN", re.compile(r"contains no workplan"),
     "Perjanjian tidak memuat rencana kerja (kegiatan dengan jadwal, unit penanggung jawab atau anggaran)."),
    ("NO_DETAILED_WORKPLAN", re.compile(r"^No workplan could be found"), "Rencana kerja tidak ditemukan."),
    ("EXPIRED", re.compile(r"^Expired on (?P<date>[\d-]+)\.$"), "Berakhir pada {date}."),
    ("EXPIRING_SOON", re.compile(r"^Expires on (?P<date>[\d-]+) \(in (?P<days>\d+) days\)\.$"),
     "Berakhir pada {date} ({days} hari lagi)."),
    ("MISSING_SECTION", re.compile(r"^No article on (?P<label>[^(]+?) \("),
     "Pasal tentang {label} tidak ditemukan."),
    ("NO_SIGNING_DATE", re.compile(r"^No signing date was found"), "Tanggal tanda tangan tidak ditemukan."),
    ("NUMBER_MISSING", re.compile(r"^(?P<n>\d+) document number\(s\) for (?P<p>\d+) parties"),
     "{n} nomor dokumen untuk {p} pihak."),
    ("NO_FOLLOW_UP",
     re.compile(r"^Signed on (?P<date>[\d-]+); no PKS, addendum or report linked after (?P<m>\d+) months\.$"),
     "Ditandatangani pada {date}; belum ada PKS, adendum atau laporan yang tertaut setelah {m} bulan."),
    ("EXPIRED_WITHOUT_FOLLOW_UP", re.compile(r"^Expired on (?P<date>[\d-]+) with no PKS, addendum or report"),
     "Berakhir pada {date} tanpa PKS, adendum atau laporan yang tertaut."),
    ("LOW_OCR_CONFIDENCE", re.compile(r"^Mean OCR confidence (?P<m>[\d.]+) < (?P<t>\d+(?:\.\d+)?)"),
     "Rata-rata keyakinan OCR {m} < {t}."),
]  # fmt: skip


def flag_message(code: str, message: str, lang: str) -> str:
    """The flag's message in `lang`: English as the machine wrote it, Indonesian when its form is known."""
    if lang == "en":
        return message
    for known, pattern, text in _FLAG_MESSAGES:
        found = pattern.search(message) if known == code else None
        if found:
            return text.format(**found.groupdict())
    return message
