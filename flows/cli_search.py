"""`kerjasama search`: full text over the stored pages and record fields, with record filters."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from flows.cli_common import console
from flows.cli_portfolio import PartnerOption, StatusOption, TypeOption
from pipeline.settings import load_settings


def search_command(
    query: Annotated[str, typer.Argument(help='Words to find (prefix-matched); "a phrase" in quotes')],
    partner: PartnerOption = None,
    doc_type: TypeOption = None,
    flag: Annotated[str | None, typer.Option(help="Has this flag, e.g. NO_DETAILED_WORKPLAN")] = None,
    expires_before: Annotated[
        str | None, typer.Option(help="Expires on or before this day (YYYY-MM-DD)")
    ] = None,
    status: StatusOption = None,
    limit: Annotated[int, typer.Option(help="Show at most this many matches")] = 20,
) -> None:
    """Search the archive: matching pages with file, page and a highlighted snippet, best first."""
    from pipeline.analyst.search import SearchError, SearchFilters, search
    from pipeline.store.database import Store

    settings = load_settings()
    try:
        filters = SearchFilters(
            partner=partner,
            doc_type=doc_type,
            flag=flag,
            expires_before=_day(expires_before),
            status=status,  # type: ignore[arg-type]  # checked by search
        )
        result = search(
            Store(settings.database_url or ""),
            query,
            filters,
            limit=limit,
            expiring_days=settings.expiring_days,
        )
    except SearchError as exc:
        console.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    _print(result)


def _day(value: str | None) -> date | None:
    from pipeline.analyst.search import SearchError

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise SearchError(f"--expires-before: '{value}' is not a date YYYY-MM-DD (e.g. 2026-12-31)") from exc


def _print(result) -> None:
    from pipeline.analyst.search import HIGHLIGHT

    if not result.hits:
        console.print("no match")
        return
    if not result.every_term:
        console.print("[yellow]no document has every word: showing matches of some of them[/yellow]")
    out = Console(highlight=False)
    start, end = HIGHLIGHT
    for rank, hit in enumerate(result.hits, 1):
        where = f"page {hit.page}" if hit.page else "record fields"
        kind = f" · {hit.doc_type}" if hit.doc_type else ""
        out.print(f"[bold]{rank}. {escape(hit.filename)}[/bold] {where}{kind} · {hit.sha256[:12]}")
        snippet = escape(hit.snippet).replace(start, "[bold yellow]").replace(end, "[/bold yellow]")
        out.print(f"   {snippet}")
