"""English language data: month and day names, number and ordinal words, duration vocabulary."""

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

# Day names -> Python weekday() (Monday = 0).
DAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
HUNDRED_WORD = "hundred"
SCALES: dict[str, int] = {"thousand": 1_000, "million": 1_000_000}
CONJUNCTION = "and"  # "two thousand and fifteen"

# Ordinal words -> the cardinal word they stand for ("twenty-first" = twenty + first).
ORDINALS: dict[str, str] = {
    "first": "one", "second": "two", "third": "three", "fourth": "four", "fifth": "five",
    "sixth": "six", "seventh": "seven", "eighth": "eight", "ninth": "nine", "tenth": "ten",
    "eleventh": "eleven", "twelfth": "twelve", "thirteenth": "thirteen", "fourteenth": "fourteen",
    "fifteenth": "fifteen", "sixteenth": "sixteen", "seventeenth": "seventeen",
    "eighteenth": "eighteen", "nineteenth": "nineteen", "twentieth": "twenty", "thirtieth": "thirty",
    "fortieth": "forty", "fiftieth": "fifty", "sixtieth": "sixty", "seventieth": "seventy",
    "eightieth": "eighty", "ninetieth": "ninety", "hundredth": "hundred", "thousandth": "thousand",
}  # fmt: skip
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")

# Duration units -> (months per unit, days per unit).
DURATION_UNITS: dict[str, tuple[int | None, int | None]] = {
    "year": (12, None), "years": (12, None), "month": (1, None), "months": (1, None),
    "week": (None, 7), "weeks": (None, 7), "day": (None, 1), "days": (None, 1),
}  # fmt: skip
DAY_QUALIFIERS = ("calendar", "working", "business")

UNTIL_WORDS = (
    "up to and including", "until", "till", "up to", "through", "ending on", "expiring on", "expires on",
    "completed by", "to",
)  # fmt: skip
TERMINATED_PHRASES = (
    "terminated",
    "it is terminated",
    "either party terminates",
    "one of the parties terminates",
    "the parties terminate",
)
TERMINATED_BY = ("either party", "both parties", "the parties", "one of the parties", "mutual agreement")

# Function words: frequent on any page of English prose, rare in Indonesian (language of a text or page).
FUNCTION_WORDS = ("the", "and", "of", "to", "this", "shall", "with", "for", "by", "is", "be", "as", "which",
                  "any")  # fmt: skip
