"""Workplan language data: annex headings, plan-table column words, and promises of a later plan."""

from __future__ import annotations

# A line that opens an annex / schedule (at the start of a line, not a mention inside a sentence).
ANNEX_HEADINGS = [
    r"LAMPIRAN",
    r"Lampiran",
    r"ANNEX",
    r"Annex",
    r"APPENDIX",
    r"Appendix",
    r"SCHEDULE\s+(?:[A-Z]|\d{1,2})\b",
    r"Schedule\s+(?:[A-Z]|\d{1,2})\b",
]
# Column words of a plan table, by what the column holds. A row of activities is the core; a plan
# table also says when, who, how much or what comes out of it.
ACTIVITY_COLUMNS = [r"kegiatan\b", r"uraian\b", r"activit(?:y|ies)\b", r"tasks?\b"]
PLAN_COLUMN_KINDS = {
    "time": [r"waktu", r"jadwal", r"bulan\s+ke", r"minggu\s+ke", r"time(?:line)?", r"schedule", r"deadline",
             r"month\s*\d", r"periode?", r"semester", r"tahun\s+ke", r"year\s*\d", r"triwulan", r"quarter"],
    "who": [r"penanggung\s*jawab", r"pelaksana\b", r"responsib", r"person\s+in\s+charge", r"\bPIC\b"],
    "money": [r"anggaran", r"biaya", r"harga\s+satuan", r"jumlah\s*\(?\s*rp", r"budget", r"cost", r"volume",
              r"satuan"],
    "output": [r"indikator", r"luaran", r"output", r"deliverables?", r"target", r"hasil"],
}  # fmt: skip
# Nouns of a plan that a document can promise: a programme, its activities, their schedule or budget.
PROMISED_PLAN = [
    r"rencana\s+(?:kerja|kegiatan|aksi|pelaksanaan)\b(?!\s*sama)",
    r"program(?:me)?s?(?:\s+(?:dan|and|of))?\s+(?:kerja|kegiatan|activit(?:y|ies))",
    r"(?:rincian|detail(?:s)?(?:\s+of)?|bentuk|jenis)\s+(?:the\s+)?(?:kegiatan|activit(?:y|ies)|program)",
    r"jadwal(?:\s+pelaksanaan)?(?:\s+kegiatan)?",
    r"(?:work|action|annual|implementation)\s*plans?",
    r"plan\s+of\s+(?:action|activities)",
    r"schedule\s+of\s+activit",
    r"(?:annual|yearly|semester)\s+schedule",
    r"schedule\s+of\s+(?:the\s+)?(?:\w+\s+)?(?:deliverables|activities|events|outputs)",
    r"kerangka\s+acuan\s+kerja|\bKAK\b|terms\s+of\s+reference",
    r"rencana\s+anggaran\s+(?:biaya|belanja)|\bRAB\b",
]
# Words that put the plan in the future, or outside this document.
DEFERRAL = [
    r"akan\s+(?:\w+\s+){0,2}(?:disusun|dibuat|dituangkan|ditetapkan|ditentukan|disepakati|dirumuskan|diatur"
    r"|dibahas|dibicarakan|dirinci)",
    r"(?:disusun|ditentukan|ditetapkan|disepakati|diatur)\s+(?:\w+\s+){0,3}(?:kemudian|lebih\s+lanjut|bersama)",
    r"dituangkan\s+dalam",
    r"menyusun",
    r"will\s+be\s+(?:\w+\s+)?(?:developed|drawn|prepared|agreed|set|determined|specified|defined|decided"
    r"|discussed|detailed|established|outlined)",
    r"to\s+be\s+(?:drawn|agreed|determined|decided|developed)",
    r"(?:is|are)\s+to\s+(?:create|prepare|develop|draw\s+up|submit|formulate)",
    r"shall\s+(?:jointly\s+|mutually\s+)?(?:create|prepare|develop|draw\s+up|formulate|agree\s+(?:up)?on)",
    r"(?:later|subsequent|separate|further)\s+(?:\w+\s+){0,2}(?:agreement|plan|document|arrangement)",
    r"\blater\b",
    r"kemudian",
    r"selambat-lambatnya",
]
# A plan the text relies on without attaching it ("sesuai RAB", "in accordance with the work plan").
REFERENCED_PLAN = [
    r"(?:sesuai|berdasarkan|mengacu\s+(?:pada|kepada)|in\s+accordance\s+with|according\s+to|as\s+set\s+out\s+in)"
    r"\s+(?:dengan\s+)?(?:the\s+)?(?:Rencana\s+Anggaran\s+(?:Biaya|Belanja)|\bRAB\b|rencana\s+kerja(?!\s*sama)"
    r"|work\s*plan|kerangka\s+acuan\s+kerja|\bKAK\b|terms\s+of\s+reference)",
]
