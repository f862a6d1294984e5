"""Indonesian language data: month and day names, number words, date and duration vocabulary."""

# Month names and the variants seen in agreements (old spellings, abbreviations). Lower case;
# OCR look-alikes (0 for o, rn for m, 1/l for i) are tolerated by the matchers, not listed here.
MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "djanuari": 1,
    "februari": 2, "pebruari": 2, "febuari": 2, "peb": 2, "feb": 2,
    "maret": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "agustus": 8, "agust": 8, "agu": 8, "agt": 8, "ags": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12,
}  # fmt: skip

# Day names -> Python weekday() (Monday = 0).
DAYS: dict[str, int] = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3,
    "jumat": 4, "jum'at": 4, "jum’at": 4, "sabtu": 5, "minggu": 6, "ahad": 6,
}  # fmt: skip

# Number words. "se-" forms are listed whole; "belas", "puluh", "ratus", "ribu", "juta" are multipliers.
UNITS: dict[str, int] = {
    "nol": 0, "kosong": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
    "enam": 6, "tujuh": 7, "delapan": 8, "depalan": 8, "sembilan": 9,
}  # fmt: skip
TEEN_WORD = "belas"  # dua belas = 12
TENS_WORD = "puluh"  # dua puluh = 20
HUNDRED_WORD = "ratus"
SCALES: dict[str, int] = {"ribu": 1_000, "juta": 1_000_000}
SE_FORMS: dict[str, int] = {
    "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1_000, "sejuta": 1_000_000,
}  # fmt: skip

# Words that may introduce the parts of a spelled date: "tanggal delapan bulan November tahun ...".
DATE_DAY_WORDS = ("tanggal", "tgl")
DATE_MONTH_WORD = "bulan"
DATE_YEAR_WORD = "tahun"

# Duration units -> (months per unit, days per unit); exactly one of the two is set.
DURATION_UNITS: dict[str, tuple[int | None, int | None]] = {
    "tahun": (12, None),
    "bulan": (1, None),
    "minggu": (None, 7),
    "pekan": (None, 7),
    "hari": (None, 1),
}
# One-word "se-" durations: setahun = 1 tahun.
SE_DURATIONS: dict[str, str] = {
    "setahun": "tahun",
    "sebulan": "bulan",
    "seminggu": "minggu",
    "sehari": "hari",
}
# Qualifiers after "hari": kalender (calendar) or kerja (working) days.
DAY_QUALIFIERS = ("kalender", "kerja")

# Connectors before an end date or an open-ended term.
UNTIL_WORDS = ("sampai dengan", "sampai", "hingga", "s.d.", "s.d", "s/d", "berakhir pada", "berakhir")
TERMINATED_WORDS = ("diakhiri", "dihentikan", "diputuskan", "dibatalkan")
TERMINATED_BY = ("para pihak", "salah satu pihak", "kedua belah pihak", "pihak kesatu", "pihak pertama")

# Function words: frequent on any page of Indonesian prose, rare in English (language of a text or page).
FUNCTION_WORDS = ("dan", "yang", "ini", "dengan", "untuk", "dalam", "pada", "atau", "tersebut", "adalah",
                  "akan", "oleh", "sebagai")  # fmt: skip
