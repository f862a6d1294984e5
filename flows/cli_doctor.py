"""`kerjasama doctor`: check the machine before a run, one line per check (exit 0 all good, 3 a fault)."""

from __future__ import annotations

import typer

from pipeline.errors import EXIT_ENVIRONMENT
from pipeline.settings import load_settings


def doctor() -> None:
    """Check Tesseract and each OCR language, the database, the folders, free disk space and Prefect."""
    from pipeline.health import run_checks

    checks = run_checks(load_settings())
    for check in checks:
        typer.echo(check.line())
    failed = [check for check in checks if not check.ok and not check.warning]
    if failed:
        typer.echo(f"{len(failed)} of {len(checks)} checks failed", err=True)
        raise typer.Exit(EXIT_ENVIRONMENT)
