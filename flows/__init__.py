"""Kerjasama flows package."""
