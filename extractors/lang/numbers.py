"""Words around document numbers: the names of a parent agreement a document cites, number labels."""

# An agreement a PKS implements (or an addendum amends), cited in the recitals by its number.
PARENT_MOU_NAMES = (
    r"Nota\s+Kesepa(?:haman|katan)",
    r"Kesepa(?:haman|katan)\s+Bersama",
    r"Memorandum\s+of\s+Understanding",
    r"\bMoU\b",
    r"Piagam\s+Kerja\s*Sama",
)
# Cited as a parent only by an addendum or amendment (a PKS names itself this way).
PARENT_AGREEMENT_NAMES = (
    r"Perjanjian\s+Kerja\s*Sama",
    r"(?:Cooperation\s+|Collaboration\s+)?Agreement",
)
# Labels introducing a number ("Nomor", "No.", "Number").
NUMBER_LABELS = r"(?:Nomor|No\.?|Number|Nr\.?)"
# Year suffix printed as part of a number ("... Tahun 2021").
YEAR_SUFFIX = r"(?:Tahun|Year)"

# Words before a date that make it the date of a cited instrument, not of this signing
# ("Keputusan ... Nomor 12 tanggal 3 Mei 2019").
CITATION_CUES = r"\b(?:Nomor|No\.|Number|Keputusan|Peraturan|Surat\s+Keputusan|Decree|Regulation)\b"
# A signature-block date line: "Bengkulu, 2 Mei 2020", "Ditandatangani di X, ...", "Date: ...".
SIGNATURE_DATE_CUES = r"(?i:ditandatangani|signed|date[d]?|tanggal|tgl\.?|on\b)"
# Words on a line that make its date a term boundary, not a signature date.
TERM_LINE_CUES = (
    r"(?i:berlaku|sampai|hingga|berakhir|mulai|until|expir\w*|valid|effective|force|commenc\w*|jangka|period)"
)
# Words just before the date an agreement is made on ("is made this 13th day of", "Pada hari ini").
MAKING_CUES = r"(?i:\b(?:made|entered\s+into|executed|dibuat|ditandatangani)\b|pada\s+hari\s+ini)"
