"""Kerjasama samples package."""

from pathlib import Path

FIXED_DIR = Path(__file__).resolve().parent / "fixed"  # the committed fixed sample set
