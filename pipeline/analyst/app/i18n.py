"""The workspace's labels in Indonesian (the default) and English; `?lang=en` switches and is remembered."""

from __future__ import annotations

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

# key -> (Indonesian, English)
_LABELS: dict[str, tuple[str, str]] = {
    "app": ("Ruang kerja Kerjasama", "Kerjasama workspace"),
    "queue": ("Antrean tinjauan", "Review queue"),
    "search": ("Cari", "Search"),
    "records": ("Arsip perjanjian", "Agreements"),
    "export": ("Unduh Excel", "Excel export"),
    "document": ("Dokumen", "Document"),
    "field": ("Isian", "Field"),
    "value": ("Nilai", "Value"),
    "confidence": ("Keyakinan", "Confidence"),
    "evidence": ("Bukti", "Evidence"),
    "flag": ("Tanda", "Flag"),
    "flags": ("Tanda", "Flags"),
    "page": ("Halaman", "Page"),
    "pages": ("Halaman", "Pages"),
    "save": ("Simpan", "Save"),
    "accept": ("Benar", "Correct as read"),
    "accept_hint": ("Nilai mesin sudah benar", "The machine value is right"),
    "remove": ("Hapus", "Remove"),
    "add": ("Tambah", "Add"),
    "note": ("Catatan", "Note"),
    "download": ("Unduh dokumen asli", "Download the original"),
    "reviewed": ("Sudah ditinjau", "Reviewed"),
    "to_review": ("perlu ditinjau", "to review"),
    "queue_empty": (
        "Antrean kosong: semua isian sudah ditinjau.",
        "The queue is empty: everything reviewed.",
    ),
    "corrected_by": ("dikoreksi oleh", "corrected by"),
    "accepted_by": ("dibenarkan oleh", "confirmed by"),
    "machine": ("nilai mesin", "machine value"),
    "saved": ("Tersimpan", "Saved"),
    "analyst": ("Analis", "Analyst"),
    "set": ("Pakai", "Use"),
    "language": ("Bahasa", "Language"),
    "no_image": (
        "Tidak ada gambar halaman (dokumen asli DOCX, atau tidak ada di arsip)",
        "No page image (a DOCX original, or none archived)",
    ),
    "page_text": ("Teks halaman", "Page text"),
    "links": ("Dokumen terkait", "Linked agreements"),
    "parent": ("induk", "parent"),
    "child": ("turunan", "child"),
    "results": ("hasil", "results"),
    "all": ("semua", "all"),
    "type": ("Jenis", "Type"),
    "partner": ("Mitra", "Partner"),
    "year": ("Tahun", "Year"),
    "status": ("Status", "Status"),
    "expires": ("Berakhir", "Expires"),
    "signed": ("Ditandatangani", "Signed"),
    "file": ("Berkas", "File"),
    "no_match": ("Tidak ada yang cocok", "No match"),
    "some_terms": (
        "Tidak ada dokumen yang memuat semua kata: ini yang memuat sebagian.",
        "No document has every word: these have some of them.",
    ),  # fmt: skip
    "record_fields": ("isian rekaman", "record fields"),
    "login": ("Masuk", "Sign in"),
    "token": ("Token akses", "Access token"),
    "wrong_token": ("Token salah.", "Wrong token."),
    "error": ("Galat", "Error"),
    "conflict": ("Bentrok penyimpanan", "Conflicting save"),
    "name": ("Nama", "Name"),
    "role": ("Peran", "Role"),
    "representative": ("Penandatangan", "Representative"),
    "position": ("Jabatan", "Position"),
    "party": ("Pihak", "Party"),
    "text": ("Teks", "Text"),
    "number": ("Nomor", "Number"),
    "keys": (
        "Tombol: j/k atau ↓/↑ pindah, Enter buka, / cari",
        "Keys: j/k or ↓/↑ move, Enter opens, / search",
    ),
    "none": ("-", "-"),
    "active": ("berlaku", "active"),
    "expiring": ("segera berakhir", "expiring"),
    "expired": ("kedaluwarsa", "expired"),
    "unknown": ("tidak diketahui", "unknown"),
    # fields
    "f.doc_type": ("Jenis dokumen", "Document type"),
    "f.language": ("Bahasa", "Language"),
    "f.title": ("Judul", "Title"),
    "f.numbers": ("Nomor", "Numbers"),
    "f.parties": ("Para pihak", "Parties"),
    "f.signing_date": ("Tanggal tanda tangan", "Signing date"),
    "f.signing_place": ("Tempat tanda tangan", "Signing place"),
    "f.effective_date": ("Tanggal berlaku", "Effective date"),
    "f.duration": ("Jangka waktu", "Duration"),
    "f.duration_months": ("Jangka waktu (bulan)", "Duration (months)"),
    "f.expiry_date": ("Tanggal berakhir", "Expiry date"),
    "f.scope": ("Ruang lingkup", "Scope"),
    "f.obligations": ("Kewajiban", "Obligations"),
    "f.workplan": ("Rencana kerja", "Workplan"),
    "f.parent_agreement": ("Perjanjian induk", "Parent agreement"),
    # flags
    "flag.NO_DETAILED_WORKPLAN": ("Tanpa rencana kerja rinci", "No detailed workplan"),
    "flag.EXPIRED": ("Kedaluwarsa", "Expired"),
    "flag.EXPIRING_SOON": ("Segera berakhir", "Expiring soon"),
    "flag.MISSING_SECTION": ("Pasal tidak ditemukan", "Missing article"),
    "flag.NO_SIGNING_DATE": ("Tanpa tanggal tanda tangan", "No signing date"),
    "flag.NUMBER_MISSING": ("Nomor kurang", "Number missing"),
    "flag.LOW_OCR_CONFIDENCE": ("Mutu OCR rendah", "Low OCR confidence"),
}


def language(requested: str | None) -> str:
    return requested if requested in LANGUAGES else DEFAULT_LANGUAGE


def translator(lang: str):
    """t(key) in `lang`; an unknown key is shown as itself (a flag code without a label, say)."""
    index = LANGUAGES.index(language(lang))

    def t(key: str) -> str:
        pair = _LABELS.get(key)
        if pair is None:
            return key.split(".", 1)[-1]
        return pair[index]

    return t
