"""Alembic migrations of the Kerjasama database."""
