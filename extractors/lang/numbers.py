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
