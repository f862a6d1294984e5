"""Analyst commands: stored records, exports, the HTML report and review corrections."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from flows.cli_common import console
from flows.cli_portfolio import (
    ExpiresOption,
    FlagOption,
    PartnerOption,
    StatusOption,
    TypeOption,
    list_agreements,
)
from pipeline.errors import EXIT_USAGE
from pipeline.settings import load_settings

records_app = typer.Typer(help="Stored records: list, show, export.", no_args_is_help=True)


@records_app.command("list")
def records_list(
    partner: PartnerOption = None,
    doc_type: TypeOption = None,
    flag: FlagOption = None,
    status: StatusOption = None,
    expires_before: ExpiresOption = None,
) -> None:
    """One line per stored document (newest record, corrections applied), with its status and follow-up."""
    list_agreements(partner, doc_type, flag, status, expires_before)


@records_app.command("show")
def records_show(sha: Annotated[str, typer.Argument(help="SHA-256 or a prefix of it")]) -> None:
    """Print the record JSON of one document, analysts' corrections applied and the flags that depend on
    them recomputed (a prefix matching several is refused); "corrections" holds the machine values."""
    from pipeline.store.database import Store
    from pipeline.store.effective import effective_record_of

    settings = load_settings()
    store = Store(settings.database_url or "")
    matches = matching_documents(store, sha)
    if len(matches) > 1:
        console.print(f"'{sha}' matches {len(matches)} documents; give more of the SHA-256:", markup=False)
        for digest, filename in matches:
            console.print(f"  {digest}  {filename}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    days = settings.expiring_days
    record = effective_record_of(store, matches[0][0], expiring_days=days) if matches else None
    if record is None:
        console.print(f"[red]no record with SHA-256 starting '{sha}'[/red]")
        raise typer.Exit(EXIT_USAGE)
    print(json.dumps(record, ensure_ascii=False, indent=2))


def matching_documents(store, prefix: str) -> list[tuple[str, str]]:
    """(SHA-256, file name) of every stored document whose SHA-256 starts with `prefix`."""
    from sqlalchemy import select

    from pipeline.store.models import Document

    query = select(Document.sha256, Document.filename).where(Document.sha256.startswith(prefix.lower()))
    with store.sessions() as session:
        return [(digest, filename) for digest, filename in session.execute(query.order_by(Document.sha256))]


@records_app.command("export")
def records_export(
    format: Annotated[str, typer.Option("--format", help="xlsx, csv or parquet")] = "xlsx",
    out: Annotated[Path, typer.Option(help="Output file")] = Path("kerjasama.xlsx"),
    lang: Annotated[str, typer.Option(help="en, or id: Indonesian sheets, headers and values")] = "en",
) -> None:
    """Export the stored records (Excel workbook, or CSV/Parquet files per table)."""
    from pipeline.analyst.export import export_store
    from pipeline.store.database import Store
    from pipeline.store.partners import own_names

    settings = load_settings()
    try:  # analysts' corrections are applied; the Review sheet lists fields under the threshold
        store, own = Store(settings.database_url or ""), own_names(settings.own_institution)
        threshold, days = settings.review_threshold, settings.expiring_days
        written = export_store(store, out, format, threshold, days, lang=lang, own=own)
    except ValueError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    for path in written:
        console.print(f"wrote {path}")


def report(
    out: Annotated[Path | None, typer.Option(help="HTML file (default: in the reports folder)")] = None,
    gold: Annotated[list[Path] | None, typer.Option(help="Gold labels folder to score (repeatable)")] = None,
    crops: Annotated[bool, typer.Option(help="Embed page crops around low-confidence evidence")] = True,
) -> None:
    """Write the analyst report: one self-contained HTML file that opens offline."""
    from pipeline.analyst.report import write_report
    from pipeline.store.database import Store

    settings = load_settings()
    missing = [str(path) for path in gold or [] if not path.is_dir()]
    if missing:
        console.print(f"[red]gold labels folder not found:[/red] {', '.join(missing)}")
        raise typer.Exit(2)
    path = write_report(Store(settings.database_url or ""), settings, out, gold_dirs=gold or [], crops=crops)
    console.print(f"wrote {path}")


review_app = typer.Typer(help="Review queue and analysts' corrections.", no_args_is_help=True)
_FIELDS_HELP = (
    "doc_type, language, title, signing_date, signing_place, effective_date, expiry_date, workplan, "
    "parent_agreement, duration_months, or a whole list as JSON: numbers, parties, scope, obligations"
)
_ANALYST_HELP = "Who corrects (default: KERJASAMA_ANALYST or the login name)"


@review_app.command("set")
def review_set(
    sha: Annotated[str, typer.Argument(help="SHA-256 or a prefix of it")],
    field: Annotated[str, typer.Argument(help=_FIELDS_HELP)],
    value: Annotated[str, typer.Argument(help="Corrected value (dates YYYY-MM-DD; 'null' for no value)")],
    note: Annotated[str | None, typer.Option(help="Why, or where the value was read")] = None,
    analyst: Annotated[str | None, typer.Option(help=_ANALYST_HELP)] = None,
) -> None:
    """Record an analyst's corrected value for one field (kept apart from re-extraction)."""
    from pipeline.analyst.corrections import CorrectionError, add_correction
    from pipeline.store.database import open_store

    try:
        store = open_store(load_settings())  # a correction remakes follow-up flags with its months
        row = add_correction(store, sha, field, value, analyst=analyst, note=note)
    except CorrectionError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    console.print(f"corrected {row.sha256[:12]} {row.field} = {row.value!r} (by {row.analyst})")


@review_app.command("export")
def review_export(
    out: Annotated[Path, typer.Option(help="Review file to fill in (.xlsx or .csv)")] = Path("review.xlsx"),
) -> None:
    """Export the review queue with an empty corrected_value column for the analyst to fill."""
    from pipeline.analyst.corrections import CorrectionError
    from pipeline.analyst.report.review import export_queue
    from pipeline.store.database import Store

    settings = load_settings()
    try:
        count = export_queue(Store(settings.database_url or ""), settings.review_threshold, out)
    except CorrectionError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    console.print(f"wrote {out} ({count} fields to review)")


@review_app.command("import")
def review_import(
    file: Annotated[Path, typer.Argument(help="A filled-in review file (.xlsx or .csv)")],
    analyst: Annotated[str | None, typer.Option(help=_ANALYST_HELP)] = None,
) -> None:
    """Import the corrected values of a filled-in review file (all rows or, on any error, none)."""
    from pipeline.analyst.corrections import CorrectionError
    from pipeline.analyst.report.review import import_queue
    from pipeline.store.database import open_store

    try:
        result = import_queue(open_store(load_settings()), file, analyst)
    except CorrectionError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    console.print(f"imported {result.imported} correction(s); {result.skipped} row(s) left empty")
