"""Institution-name language data for resolving party names to partners (pipeline/store/partners.py)."""

from __future__ import annotations

# Kinds of institution, in either language, and the one word each is compared as.
KINDS = {
    "universitas": "universitas",
    "university": "universitas",
    "univ": "universitas",
    "universiteit": "universitas",
    "universidad": "universitas",
    "universite": "universitas",
    "institut": "institut",
    "institute": "institut",
    "politeknik": "politeknik",
    "polytechnic": "politeknik",
    "akademi": "akademi",
    "academy": "akademi",
    "sekolah tinggi": "sekolah_tinggi",
    "college": "sekolah_tinggi",
    "kementerian": "kementerian",
    "ministry": "kementerian",
    "pemerintah": "pemerintah",
    "government": "pemerintah",
    "badan": "badan",
    "agency": "badan",
    "rumah sakit": "rumah_sakit",
    "hospital": "rumah_sakit",
    "kantor wilayah": "kantor_wilayah",
    "regional office": "kantor_wilayah",
}
# English words of a name compared as their Indonesian counterparts ("State University" =
# "Universitas Negeri").
TRANSLATIONS = {
    "state": "negeri",
    "islamic": "islam",
    "technology": "teknologi",
    "technological": "teknologi",
    "national": "nasional",
    "open": "terbuka",
    "agricultural": "pertanian",
    "agriculture": "pertanian",
    "province": "provinsi",
    "provincial": "provinsi",
    "regency": "kabupaten",
    "city": "kota",
    "health": "kesehatan",
    "education": "pendidikan",
    "ministry": "kementerian",
    "law": "hukum",
    "human": "manusia",
    "rights": "hak",
}
# Abbreviations printed inside names, compared as the words they stand for.
PHRASES = {"human rights": "hak asasi manusia", "regional police": "kepolisian daerah"}
EXPANSIONS = {
    "ham": "hak asasi manusia",
    "ri": "republik indonesia",
    "kemenkumham": "kementerian hukum hak asasi manusia",
}
# Words that carry nothing of a name.
STOP_WORDS = {"of", "the", "and", "dan", "di", "in", "at", "for", "pt", "persero", "tbk", "cv", "ltd", "inc"}
# A faculty, school, department or unit of an institution: the partner is the institution it belongs to.
UNIT_WORDS = (
    r"fakultas|faculty|jurusan|departemen|department|program\s+studi|prodi|study\s+program"
    r"|lembaga\s+penelitian|lppm|lembaga\s+pengabdian|pusat|center|centre|laboratorium|laboratory|lab"
    r"|school\s+of|graduate\s+school|sekolah\s+pascasarjana|pascasarjana|direktorat|directorate|biro|bureau"
    r"|kantor\s+urusan|office\s+of|upt|unit|bagian|divisi|division"
)
# Single words that open a unit's name, to recognise them misread by OCR ('Fakuitas').
UNIT_NAMES = ["fakultas", "faculty", "jurusan", "departemen", "department", "laboratorium", "laboratory",
              "direktorat", "directorate", "pascasarjana", "lembaga"]  # fmt: skip
# How a document defines the short name of a party ('..., selanjutnya disebut "UNIB"', '... (UNIB)').
SHORT_NAME_CUES = (
    r"selanjutnya\s+(?:disebut|disingkat)(?:\s+sebagai)?|disingkat|hereinafter(?:\s+referred\s+to\s+as)?"
    r"|hereinafter\s+called|referred\s+to\s+as"
)
