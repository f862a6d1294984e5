"""Kerjasama pipeline package."""
