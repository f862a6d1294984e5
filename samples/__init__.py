"""Kerjasama samples package."""
