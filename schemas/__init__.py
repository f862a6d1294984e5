"""Kerjasama schemas package."""
