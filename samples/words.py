"""Indonesian and English number words, month and weekday names, and written date forms."""

from __future__ import annotations

import calendar
from datetime import date

ID_ONES = [
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
]
EN_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ID_MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
EN_MONTHS = list(calendar.month_name)[1:]
ID_WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
EN_WEEKDAYS = list(calendar.day_name)
ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
ID_ORDINAL_PARTY = ["PERTAMA", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM"]
EN_ORDINAL_PARTY = ["FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH"]
ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def terbilang(n: int) -> str:
    """Spell a non-negative integer in Indonesian (lower case): 2023 -> 'dua ribu dua puluh tiga'."""
    if n < 12:
        return ID_ONES[n]
    if n < 20:
        return f"{ID_ONES[n - 10]} belas"
    if n < 100:
        rest = f" {terbilang(n % 10)}" if n % 10 else ""
        return f"{ID_ONES[n // 10]} puluh{rest}"
    if n < 1000:
        head = "seratus" if n // 100 == 1 else f"{ID_ONES[n // 100]} ratus"
        return head + (f" {terbilang(n % 100)}" if n % 100 else "")
    if n < 1_000_000:
        head = "seribu" if n // 1000 == 1 else f"{terbilang(n // 1000)} ribu"
        return head + (f" {terbilang(n % 1000)}" if n % 1000 else "")
    head = f"{terbilang(n // 1_000_000)} juta"
    return head + (f" {terbilang(n % 1_000_000)}" if n % 1_000_000 else "")


def english_words(n: int) -> str:
    """Spell an integer below 100 in English: 24 -> 'twenty-four'."""
    if n < 20:
        return EN_ONES[n]
    return EN_TENS[n // 10] + (f"-{EN_ONES[n % 10]}" if n % 10 else "")


def ordinal_en(n: int) -> str:
    """8 -> '8th', 22 -> '22nd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def add_months(d: date, months: int) -> date:
    """Same calendar day `months` later (clamped to the month's last day)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def id_month(d: date, nopember: bool = False) -> str:
    """Indonesian month name; 'Nopember' is the older spelling still seen in documents."""
    return "Nopember" if nopember and d.month == 11 else ID_MONTHS[d.month - 1]


def spelled_opening_id(d: date, capital: bool = False) -> str:
    """'Rabu tanggal delapan bulan November tahun dua ribu dua puluh tiga (08-11-2023)'."""
    cap = (lambda s: s.title()) if capital else (lambda s: s)
    return (
        f"{ID_WEEKDAYS[d.weekday()]} tanggal {cap(terbilang(d.day))} bulan {ID_MONTHS[d.month - 1]} "
        f"tahun {cap(terbilang(d.year))} ({d:%d-%m-%Y})"
    )


def spelled_opening_en(d: date) -> str:
    """'Wednesday, the 8th day of November 2023'."""
    return f"{EN_WEEKDAYS[d.weekday()]}, the {ordinal_en(d.day)} day of {EN_MONTHS[d.month - 1]} {d.year}"


def long_id(d: date, nopember: bool = False) -> str:
    """'8 November 2023' (or '8 Nopember 2023')."""
    return f"{d.day} {id_month(d, nopember)} {d.year}"


def long_en(d: date) -> str:
    """'8 November 2023'."""
    return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"


def written_forms(d: date) -> list[str]:
    """Every form in which the generator may print a date; tests look for one of them in the text."""
    return [
        f"{d:%d-%m-%Y}",
        f"{d.day}/{d.month}/{d.year}",
        f"{d:%d/%m/%Y}",
        long_id(d),
        long_id(d, True),
        long_en(d),
        f"{ordinal_en(d.day)} day of {EN_MONTHS[d.month - 1]} {d.year}",
        f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year}",
    ]


def roman_month(d: date) -> str:
    return ROMAN_MONTHS[d.month - 1]
