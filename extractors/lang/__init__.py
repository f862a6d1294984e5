"""Language data (Indonesian, English) as plain modules, imported by the rule extractors."""

from extractors.lang import en, id

__all__ = ["en", "id"]
