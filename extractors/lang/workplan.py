"""Workplan language data: annex headings, plan-table column words, stages of a programme, and the words of
a promise of a plan (what is promised, how it is deferred, and where to)."""

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

# --- A staged programme: semester 1..n, year 1..n, phase / tahap 1..n, each with its activities. ---
# Stage words by family; the stages of one programme share a family. A stage of time carries its own timing,
# a step (phase / tahap / stage) needs a time word in the programme's text.
STAGE_WORDS = {
    "semester": [r"semester"],
    "year": [r"tahun", r"years?", r"academic\s+years?"],
    "month": [r"bulan", r"months?"],
    "quarter": [r"triwulan", r"quarters?"],
    "step": [r"tahap(?:an)?", r"fase", r"phases?", r"stages?", r"steps?", r"langkah"],
}
STEP_FAMILIES = ("step",)
ORDINAL_WORDS = {  # ordinals only: a cardinal word ("tahun dua ribu ...") is how a date is spelled
    1: [r"pertama", r"kesatu", r"first", r"[1lI]st"],
    2: [r"kedua", r"second", r"2nd"],
    3: [r"ketiga", r"third", r"3rd"],
    4: [r"keempat", r"fourth", r"4th"],
    5: [r"kelima", r"fifth", r"5th"],
    6: [r"keenam", r"sixth", r"6th"],
    7: [r"ketujuh", r"seventh", r"7th"],
    8: [r"kedelapan", r"eighth", r"8th"],
}
LAST_WORDS = [r"last", r"final", r"remaining", r"terakhir"]  # the last stage, whatever its number
COUNT_WORDS = [  # "the first three years": English then Indonesian, 1..8 each (index % 8 + 1)
    "one", "two", "three", "four", "five", "six", "seven", "eight",
    "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
]  # fmt: skip
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
# A stage that is a payment (an instalment with its share or amount) is not a stage of work.
STAGE_PAYMENT = [
    r"pembayaran",
    r"dibayarkan",
    r"pencairan",
    r"penyaluran",
    r"uang\s+muka",
    r"termin",
    r"payments?",
    r"paid",
    r"disburse",
    r"instal+ments?",
    r"invoice",
]
# What a stage holds: study, work or its outputs (one of these must be in a stage's text).
STAGE_ACTIVITY = [
    r"kuliah", r"perkuliahan", r"studi", r"belajar", r"mata\s+kuliah", r"\bSKS\b", r"kredit", r"skripsi",
    r"tesis", r"magang", r"praktik", r"praktek", r"penelitian", r"riset", r"pelatihan", r"workshop",
    r"lokakarya", r"seminar",
    r"survei", r"survey", r"pengumpulan", r"penyusunan", r"pembuatan", r"analisis", r"laporan", r"publikasi",
    r"luaran", r"kegiatan", r"sosialisasi", r"pendampingan", r"evaluasi", r"FGD",
    r"stud(?:y|ies|ents?)", r"courses?", r"credits?", r"thesis", r"dissertation", r"internship", r"research",
    r"training", r"report", r"publication", r"deliverables?", r"outputs?", r"activit(?:y|ies)", r"enrol",
    r"complet", r"graduat", r"degree", r"curriculum", r"program(?:me)?", r"data\s+collection", r"analysis",
    r"design", r"implementation", r"pelaksanaan",
]  # fmt: skip
# Where a stage names its timing when its word does not (phase/tahap): months, weeks, a date or a term.
STAGE_TIME = [
    r"\b(?:bulan|minggu|hari|tahun|semester|months?|weeks?|days?|years?)\b",
    r"\b(?:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|nopember|desember)\b",
    r"\b(?:january|february|march|may|june|july|august|october|december)\b",
]

# --- What a promise of a plan promises. ---
# A plan by name: a plan of activities, a programme of work, its schedule, budget plan or terms of
# reference, or the details / form of the activities. Promised or deferred anywhere (even to a later PKS),
# it is `mentioned`.
PLAN_DOCUMENTS = [
    r"rencana\s+(?:kerja|kegiatan|aksi|pelaksanaan|program|tahunan)\b(?!\s*-?\s*sama)",
    r"program(?:-program)?\s+(?:kerja|kegiatan)\b(?!\s*-?\s*sama)",
    r"program(?:me)?s?\s+(?:of|and)\s+activit(?:y|ies)",
    r"(?:work|action|annual|implementation|activity|operational)\s*-?\s*plans?",
    r"plans?\s+of\s+(?:action|activities|work|operation)",
    r"jadwal(?:\s+(?:pelaksanaan|kegiatan|waktu))*",
    r"\bschedules?\b(?!\s+(?:[A-Z]|\d{1,2})\b)",  # not an annex's name ("Schedule A")
    r"time\s*-?\s*lines?\b|time\s*tables?\b|kalender\s+kegiatan",
    r"kerangka\s+acuan(?:\s+kerja)?|\bKAK\b|terms\s+of\s+reference",
    r"rencana\s+anggaran(?:\s+(?:biaya|belanja))?|\bRAB\b|budget\s+plans?|anggaran\s+kegiatan",
    r"(?:rincian|perincian|detail|uraian|bentuk|jenis|format)\s+(?:dan\s+\w+\s+)?(?:masing-masing\s+|setiap\s+)?"
    r"(?:kegiatan|program)",
    r"details?\s+of\s+(?:the\s+|each\s+|such\s+|these\s+|any\s+)?(?:specific\s+|joint\s+)?(?:activit|program|project)",
    r"(?:key\s+)?deliverables",
]
# The activities themselves, by a generic word: a promise only when the parties will agree, determine or draw
# them up (not when they are merely sent on to a later agreement, which is a bare reference: `none`).
GENERIC_ACTIVITIES = [
    r"program(?:-program|s|mes?)?\b(?!\s*-?\s*(?:studi|study|sarjana|magister|doktor|diploma|pascasarjana)\b)",
    r"kegiatan(?:-kegiatan)?\b",
    r"activit(?:y|ies)\b",
    r"proje(?:k|cts?)\b|proyek\b",
    r"(?:the\s+)?details\b|\brincian\b|\bperincian\b",
]
# Deferral that draws up, agrees or determines later: fits both a named plan and the generic activities.
DEFER_AGREE = [
    r"akan\s+(?:\w+\s+){0,3}(?:disusun|dibuat|ditetapkan|ditentukan|disepakati|dirumuskan|dibahas|dibicarakan"
    r"|dirinci|dijabarkan|dikembangkan|direncanakan|dirancang|dimusyawarahkan|dirundingkan|diidentifikasi"
    r"|difinalisasi)",
    r"(?:disusun|ditentukan|ditetapkan|disepakati|dirumuskan|dibahas|dirinci|dijabarkan|direncanakan|dibicarakan"
    r"|dimusyawarahkan)\s+(?:\w+\s+){0,4}?(?:kemudian|lebih\s+lanjut|bersama(?:-sama)?|secara\s+bersama"
    r"|selanjutnya|di\s*kemudian\s+hari|terpisah|tersendiri|setelah|selambat)",
    r"(?:ditentukan|ditetapkan|disepakati|disusun)\s+(?:\w+\s+){0,3}?(?:atas|berdasarkan|sesuai|dengan|melalui)\s+"
    r"(?:dasar\s+)?(?:kesepakatan|persetujuan|musyawarah)",
    r"(?:will|shall|would|may|must|are\s+to|is\s+to)\s+(?:\w+\s+)?be\s+(?:\w+\s+)?(?:developed|drawn\s+up|drawn|prepared"
    r"|agreed|determined|specified|defined|decided|discussed|detailed|established|worked\s+out|negotiated"
    r"|planned|formulated|arranged|identified|elaborated|finali[sz]ed|designed|confirmed|explored|settled)",
    r"to\s+be\s+(?:\w+\s+)?(?:drawn|agreed|determined|decided|developed|discussed|defined|specified|worked\s+out"
    r"|arranged|negotiated|identified|established|prepared|planned)",
    r"(?:will|shall|would|are\s+to|is\s+to)\s+(?:\w+\s+)?(?:develop|prepare|draw\s+up|create|formulate|agree"
    r"|determine|decide|discuss|plan|design|identify|work\s+out|negotiate)\b",
    r"\bagree[sd]?\s+to\s+(?:jointly\s+|mutually\s+)?(?:develop|prepare|draw\s+up|formulate|plan|design"
    r"|determine|decide)\b",
    r"(?:sepakat|bersepakat|setuju)\s+untuk\s+(?:bersama-sama\s+|secara\s+bersama\s+)?(?:mengembangkan|menyusun"
    r"|merumuskan|merencanakan|merancang|menetapkan|menentukan)\b",
    r"(?:subject\s+to|upon|by)\s+(?:further\s+|mutual\s+|separate\s+|prior\s+)+(?:written\s+)?(?:agreement|consent"
    r"|discussion|consultation|negotiation)",
    r"\b(?:at\s+a\s+later\s+(?:date|stage|time)|in\s+due\s+course|subsequently|separately)\b",
    r"(?<!no\s)(?<!not\s)\blater\b(?!\s+than)",
    r"selambat-lambatnya",
]
# Active verbs of drawing up (a duty to draw up): they must stand right before the plan they make.
DRAW_UP_VERBS = (
    r"(?:menyusun|merumuskan|merencanakan|merancang|membuat|membahas|menyepakati|menetapkan|menentukan"
    r"|mempersiapkan|menyiapkan|prepare|draw\s+up|formulate|devise)"
)
# Deferral that only sends the matter on (to a later document); fits a named plan only.
DEFER_SEND = [
    r"akan\s+(?:\w+\s+){0,3}(?:dituangkan|diatur|dilampirkan|dicantumkan|ditindaklanjuti|diajukan|disampaikan)",
    r"(?:dituangkan|diatur|dicantumkan)\s+(?:\w+\s+){0,3}?(?:kemudian|lebih\s+lanjut|tersendiri|terpisah)",
    r"dituangkan\s+(?:\w+\s+){0,2}?(?:dalam|ke\s+dalam)",
    r"ditindaklanjuti\s+(?:dengan|oleh|melalui|dalam)",
    r"(?:will|shall|would|may)\s+(?:\w+\s+)?be\s+(?:\w+\s+)?(?:set\s+out|set\s+forth|laid\s+down|included|attached"
    r"|described|stipulated|regulated|covered|provided|submitted)",
    r"(?:will|shall|are\s+to|is\s+to)\s+(?:\w+\s+)?(?:submit|establish|set\s+up|create)\b",
]
# A later agreement as the destination ("dalam PKS tersendiri", "in separate implementing agreements").
LATER_AGREEMENT = (
    r"(?:dalam|melalui|dengan|pada|ke\s+dalam|berupa|in|by|through|under|via|of|to|require[sd]?)\s+"
    r"(?:suatu\s+|sebuah\s+|bentuk\s+|naskah\s+|a\s+|an\s+|the\s+|each\s+|their\s+)*"
    r"(?:separate\s+|specific\s+|individual\s+|implementing\s+|implementation\s+|subsequent\s+|further\s+|formal\s+"
    r"|written\s+|supplementary\s+|subsidiary\s+|detailed\s+)*"
    r"(?:perjanjian|PKS\b|kontrak|addendum|adendum|amandemen|amendment|MoA\b|MoU\b|nota\s+kesepahaman"
    r"|memorand|agreements?|arrangements?|contracts?|petunjuk\s+teknis|juknis|pedoman|guidelines?|protocols?)"
    r"(?!\s+(?:ini|this)\b)"
)
# A catch-all or a technical / legal matter: the activities it names are not a plan of this agreement.
NOT_A_PLAN_SUBJECT = [
    r"(?<!dalam\s)\bhal(?:-hal|\s+hal)?\b", r"segala\s+sesuatu", r"\bmatters?\b", r"\banything\b",
    r"\bteknis\b", r"\bteknik\b", r"technical", r"\bperubahan\b", r"amendments?", r"kekayaan\s+intelektual",
    r"intellectual\s+property", r"\bbiaya\b", r"pembiayaan", r"\bcosts?\b", r"\bexpenses?\b", r"funding",
    r"perselisihan", r"disputes?", r"hak\s+dan\s+kewajiban", r"rights\s+and\s+(?:obligations|duties)",
]  # fmt: skip
# A plan the text relies on without attaching it ("sesuai RAB", "in accordance with the work plan").
REFERENCED_PLAN = [
    r"(?:sesuai|berdasarkan|mengacu\s+(?:pada|kepada)|merujuk\s+(?:pada|kepada)|in\s+accordance\s+with"
    r"|according\s+to|pursuant\s+to|in\s+line\s+with|as\s+(?:set\s+out|stated|specified|described|detailed"
    r"|provided|laid\s+down)\s+in|(?:tercantum|tertuang|termuat|dimaksud|ditetapkan|dijabarkan|dirinci)\s+"
    r"(?:dalam|pada|di\s*dalam))\s+(?:dengan\s+)?(?:the\s+)?(?:\w+\s+){0,2}?(?:Rencana\s+Anggaran\s+(?:Biaya|Belanja)|\bRAB\b"
    r"|rencana\s+kerja(?!\s*-?\s*sama)|work\s*plan|kerangka\s+acuan\s+kerja|\bKAK\b|terms\s+of\s+reference)",
]
