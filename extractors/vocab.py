"""Keyword data (Indonesian and English): headings, roles, doc types, obligation verbs, titles."""

from __future__ import annotations

# Canonical article kinds -> regex fragments matched against an article heading (case-insensitive).
HEADING_KINDS: dict[str, list[str]] = {
    "ruang_lingkup": [
        r"ruang\s*lingkup",
        r"\b[a-z]{4,6}\s+lingkup\b",  # OCR of RUANG: 'RLANG LINGKUP', 'RUANC LINGKUP'
        r"lingkup\s+(?:kerja|perjanjian|kesepahaman|kesepakatan|kegiatan|nota)",
        r"\bscope\b",
        r"objek\s+(?:kerja|perjanjian)",
        r"bidang\s+kerja\s*sama",
        r"areas?\s+of\s+cooperation",
        r"fields?\s+of\s+cooperation",
        r"(?:areas?|fields?|forms?)\s+of\s+(?:co-?operation|collaboration)",
        r"(?:co-?operation|collaboration)\s+(?:areas?|fields?|activities|programs?)",
        r"(?:co-?operative|collaborative)\s+(?:activities|programs?)",
        r"bentuk\s+(?:dan\s+\w+\s+)?kerja\s*sama",
        r"bidang\s+(?:dan\s+\w+\s+)?kegiatan",
        r"bentuk\s+kegiatan",
        r"lingkup\s+(?:pekerjaan|layanan|jasa)",
        r"materi\s+(?:kerja\s*sama|kesepahaman|kesepakatan|perjanjian)",
        r"kegiatan\s+kerja\s*sama",
        r"types?\s+of\s+(?:co-?operation|collaboration|activities)",
    ],
    "jangka_waktu": [
        r"jangka\s*waktu",
        r"masa\s+berlaku",
        r"\bterm\b",
        r"duration",
        r"validity",
        r"period\s+of",
        r"effective\s+(?:date|period)",
        r"berlakunya",
        r"waktu\s+pelaksanaan",
    ],
    "hak_kewajiban": [
        r"hak\s+dan\s+kewajiban",
        r"kewajiban",
        r"tugas\s+dan\s+tanggung\s*jawab",
        r"tanggung\s*jawab",
        r"responsibilit",
        r"obligation",
        r"duties",
        r"rights\s+and",
    ],
    "pembiayaan": [
        r"pembiayaan",
        r"\bbiaya",
        r"pendanaan",
        r"\bdana\b",
        r"anggaran",
        r"financ",
        r"\bcosts?\b",
        r"payment",
        r"funding",
        r"pembayaran",
        r"nilai\s+kontrak",
        r"contract\s+(?:amount|price)",
    ],
    "pelaksanaan": [r"pelaksanaan", r"implementation", r"pelaksana\b"],
    "tujuan": [r"maksud", r"tujuan", r"purpose", r"objective"],
    "evaluasi": [r"evaluasi", r"pemantauan", r"monitoring", r"evaluation"],
    "kerahasiaan": [r"kerahasiaan", r"confidential"],
    "pajak": [r"\bpajak", r"\btax"],
    "laporan": [r"laporan", r"pelaporan", r"report"],
}
EXPECTED_ALL = ["ruang_lingkup", "jangka_waktu"]
EXPECTED_PKS = ["hak_kewajiban", "pembiayaan"]
HEADING_LABELS = {
    "ruang_lingkup": "Ruang Lingkup (scope)",
    "jangka_waktu": "Jangka Waktu (term)",
    "hak_kewajiban": "Hak dan Kewajiban (rights and obligations)",
    "pembiayaan": "Pembiayaan (costs)",
}

# Document types decided by the first keyword of the title. A report (laporan pelaksanaan kerja sama,
# Berita Acara, activity report) is told by a title line that opens with its name, never by the word in a
# sentence ('laporan kegiatan disampaikan ...' is an agreement's obligation).
REPORT_TITLE = (
    r"(?m:^)[ \t]*(?:laporan\b|berita[ \t]+acara\b"
    r"|(?:activity|implementation|progress|final|annual|monitoring)[ \t]+report\b|report[ \t]+on[ \t]+the\b)"
)
DOC_TYPE_PATTERNS: list[tuple[str, str]] = [
    (REPORT_TITLE, "report"),
    (r"\b(?:addendum|adendum|amandemen|amendment|perubahan\s+(?:atas|ke))", "addendum"),
    (r"\bletter\s+of\s+intent|\bsurat\s+pernyataan\s+kehendak|\bLoI\b", "other"),
    (r"\bkontrak\b|\bcontract\b|\bsurat\s+perintah\s+kerja", "other"),
    (
        r"\b(?:nota|naskah)\s+kesepa(?:haman|katan)|\bkesepa(?:haman|katan)\s+bersama|\bmemorandum\s+of\s+understanding"
        r"|\bMo[UuA]\b|\bpiagam\s+kerja\s*sama",
        "MoU",
    ),
    (r"\bperjanjian\b|\bagreement\b|\bmemorandum\s+of\s+agreement|\bMoA\b", "PKS"),
]

# Party role words.
ROLE_ORDINALS_ID = {"kesatu": 1, "pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5}
ROLE_ORDINALS_EN = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
JOINT_ROLES = ["PARA PIHAK", "Parties", "the Parties", "Both Parties", "KEDUA BELAH PIHAK"]

# Obligation cues.
OBLIGATION_VERBS_ID = [
    "wajib",
    "berkewajiban",
    "bertanggung jawab",
    "bertanggungjawab",
    "harus",
    "dibebankan",
    "ditanggung",
    "menanggung",
    "menjadi tanggung jawab",
]
OBLIGATION_VERBS_EN = [
    "shall",
    "must",
    "agrees to",
    "undertakes to",
    "is responsible for",
    "be responsible for",
    "will bear",
    "shall bear",
    "be borne by",
    "will provide",
]
RIGHTS_HEADINGS = [
    r"^\s*hak\b",
    r"\bberhak\b",
    r"\bis entitled\b",
    r"\bshall be entitled\b",
    r"^\s*rights?\b",
]
BOILERPLATE = [
    r"musyawarah",
    r"mufakat",
    r"addendum",
    r"adendum",
    r"amandemen",
    r"perubahan\s+alamat",
    r"keadaan\s+memaksa",
    r"force\s+majeure",
    r"hal-hal\s+(?:lain|yang\s+belum)",
    r"amicabl",
    r"change\s+of\s+address",
    r"dibuat\s+dalam\s+rangkap",
    r"sengketa",
    r"perselisihan",
    r"dispute",
    r"disepakati\s+(?:oleh\s+)?(?:kedua\s+belah|para)\s+pihak\s*$",
]

# Workplan cues.
WORKPLAN_PLAN_WORDS = [
    r"rencana\s+(?:kerja|kegiatan|aksi|pelaksanaan\s+kegiatan)\b(?!\s*sama)",
    r"plan\s+of\s+action",
    r"action\s+plan",
    r"work\s*plan",
    r"program(?:me)?\s+(?:kerja|kegiatan)",
    r"kerangka\s+acuan\s+kerja",
    r"\bKAK\b",
    r"rencana\s+anggaran\s+biaya",
    r"jadwal\s+kegiatan",
    r"schedule\s+of\s+activit",
    r"menyusun\s+program",
    r"develop\s+programs?",
    r"programs?\s+and\s+activities",
    r"terms\s+of\s+reference",
    r"time\s*line",
]
WORKPLAN_DETAIL_WORDS = [
    r"rencana\s+anggaran\s+(?:biaya|belanja)",
    r"\bRAB\b",
    r"jadwal\s+(?:pelaksanaan|kegiatan)",
    r"terms\s+of\s+reference",
    r"deliverables?",
    r"work\s+period",
    r"luaran",
    r"output",
    r"indikator",
    r"target",
    r"tahap(?:an)?\s+(?:I|1|pertama)",
    r"termin",
    r"timeline",
    r"time\s+schedule",
    r"\bbulan\s+ke-?\d",
    r"\bminggu\s+ke-?\d",
    r"volume",
    r"satuan",
    r"jumlah\s+(?:biaya|anggaran)",
    r"tahun\s+(?:pertama|kedua)",
    r"penanggung\s*jawab",
]
FUTURE_WORDS = [
    r"akan\s+(?:disusun|dibuat|dituangkan|ditetapkan|disepakati|dirumuskan)",
    r"menyusun",
    r"disusun",
    r"will\s+(?:be\s+)?(?:develop|draw|prepare|drawn|prepared|agreed|set)",
    r"to\s+be\s+(?:drawn|agreed)",
    r"selambat-lambatnya",
    r"kemudian",
    r"later",
]

# Position (capacity) words that start a signatory's position.
DOCUMENT_WORDS = [
    "perjanjian",
    "kontrak",
    "agreement",
    "contract",
    "nota",
    "mou",
    "moa",
    "kesepahaman",
    "kesepakatan",
    "the project",
    "project",
    "services",
    "service",
    "surat",
    "addendum",
    "amendment",
    "kegiatan",
    "program",
    "pekerjaan",
    "party",
    "pihak",
    "para pihak",
    "parties",
    "loi",
    "works",
]
