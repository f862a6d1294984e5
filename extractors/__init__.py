"""Kerjasama extractors package."""
