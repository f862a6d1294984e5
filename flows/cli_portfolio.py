"""Portfolio commands: `records list` with its filters and `records partners` (issue 13)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Column, Table

from flows.cli_common import console
from pipeline.errors import EXIT_USAGE
from pipeline.settings import load_settings

STATUS_HELP = (
    "active, expiring (within KERJASAMA_EXPIRING_DAYS), expired, unknown (no expiry date), "
    "followed-up or no-follow-up (an MoU/PKS with or without a linked PKS, addendum or report)"
)
MAX_FILE_COLUMN = 40  # file names are shown whole up to this width, then folded
PIPED_WIDTH = 200  # columns of a table written to a pipe or file
PartnerOption = Annotated[str | None, typer.Option(help="A partner: part of its name or of any spelling")]
TypeOption = Annotated[str | None, typer.Option("--type", help="MoU, PKS, addendum, report or other")]
FlagOption = Annotated[str | None, typer.Option(help="Has this flag, e.g. NO_FOLLOW_UP")]
StatusOption = Annotated[str | None, typer.Option(help=STATUS_HELP)]
ExpiresOption = Annotated[str | None, typer.Option(help="Expires on or before this day (YYYY-MM-DD)")]


def day_option(name: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        console.print(f"[red]{name}: '{escape(value)}' is not a date YYYY-MM-DD (e.g. 2026-12-31)[/red]")
        raise typer.Exit(EXIT_USAGE) from None


def wide_console() -> Console:
    """stdout; piped into a file or another program, as wide as a table needs (not 80 columns)."""
    out = Console()
    return out if out.is_terminal else Console(width=PIPED_WIDTH)


def list_agreements(partner, doc_type, flag, status, expires_before) -> None:
    """The table of `records list`: one line per stored document passing the filters."""
    from pipeline.store.database import open_store
    from pipeline.store.partners import partner_documents
    from pipeline.store.portfolio import (
        ListFilters,
        agreements,
        check_status,
        follow_up_state,
        select_agreements,
    )

    settings = load_settings()
    try:
        check_status(status)
    except ValueError as exc:
        console.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(EXIT_USAGE) from exc
    store = open_store(settings)
    found = agreements(store, expiring_days=settings.expiring_days)
    partner_shas = frozenset(partner_documents(store, partner)) if partner else None
    filters = ListFilters(
        partner_shas, doc_type, flag, status, day_option("--expires-before", expires_before)
    )
    chosen = select_agreements(found, filters)
    widest = min(MAX_FILE_COLUMN, max((len(item.filename) for item in chosen), default=4))
    dates = (Column("signed", min_width=10), Column("expires", min_width=10))
    table = Table(Column("sha256", min_width=12), Column("file", min_width=widest, overflow="fold"), "type",
                  *dates, "workplan", "status", "follow-up", Column("flags", overflow="fold"))  # fmt: skip
    for item in chosen:
        table.add_row(
            item.sha256[:12], escape(item.filename), item.doc_type or "", item.signing_date or "",
            item.expiry_date or "", item.workplan or "", item.status, follow_up_state(item, found) or "",
            " ".join(item.flags),
        )  # fmt: skip
    wide_console().print(table)


def partners_command(
    name: Annotated[
        str | None, typer.Argument(help="Show the partners whose name or a spelling has this")
    ] = None,
    set_name: Annotated[str | None, typer.Option("--set", help="A party name as printed, to resolve")] = None,
    partner: Annotated[str | None, typer.Option(help="with --set: the partner it belongs to")] = None,
    apart: Annotated[
        str | None, typer.Option(help="Keep this printed party name a partner of its own")
    ] = None,
    unset: Annotated[
        str | None, typer.Option(help="Drop the analyst's decision on this printed name")
    ] = None,
    note: Annotated[str | None, typer.Option(help="Why (kept with the decision)")] = None,
) -> None:
    """One line per partner: its agreements by type, status and follow-up; with NAME, each agreement."""
    from pipeline.analyst.corrections import default_analyst
    from pipeline.store.database import open_store
    from pipeline.store.partners import own_names, partners, remove_override, set_override

    settings = load_settings()
    store = open_store(settings)
    if set_name or apart or unset:
        _decide(
            store, set_name, partner, apart, unset, note, default_analyst(), set_override, remove_override
        )
        return
    found = partners(store, expiring_days=settings.expiring_days, own=own_names(settings.own_institution))
    if name:
        chosen = [p for p in found if any(name.lower() in s.lower() for s in [p.name, *p.spellings])]
        if not chosen:
            console.print(f"no partner matches '{escape(name)}'")
            raise typer.Exit(EXIT_USAGE)
        for item in chosen:
            _print_partner(item)
        return
    table = Table("partner", "docs", "MoU", "PKS", "addendum", "report", "active", "expiring", "expired",
                  "followed up", "no follow-up", "spellings")  # fmt: skip
    for item in found:
        types, states = item.count("doc_type"), item.count("status", agreements_only=True)
        follow = [state for state in item.follow_up.values() if state]
        table.add_row(
            escape(item.name), str(len(item.documents)),
            *(str(types.get(t, 0)) for t in ("MoU", "PKS", "addendum", "report")),
            *(str(states.get(s, 0)) for s in ("active", "expiring", "expired")),
            str(follow.count("followed-up")), str(follow.count("no-follow-up")), str(len(item.spellings)),
        )  # fmt: skip
    wide_console().print(table)


def _decide(store, set_name, partner, apart, unset, note, analyst, set_override, remove_override) -> None:
    if set_name and not partner:
        console.print("[red]--set NAME needs --partner PARTNER (the partner it belongs to)[/red]")
        raise typer.Exit(EXIT_USAGE)
    if unset:
        done = remove_override(store, unset)
        console.print(
            f"dropped the decision on '{escape(unset)}'" if done else f"no decision on '{escape(unset)}'"
        )
        return
    name, target = (set_name, partner) if set_name else (apart, apart)
    try:
        row = set_override(store, name or "", target or "", analyst=analyst, note=note)
    except ValueError as exc:
        console.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(EXIT_USAGE) from exc
    console.print(f"'{escape(row.name)}' -> partner '{escape(row.partner)}' (by {escape(row.analyst)})")


def _print_partner(item) -> None:
    out = Console(highlight=False)
    out.print(f"[bold]{escape(item.name)}[/bold]  ({len(item.documents)} documents)")
    out.print(f"  spellings: {escape('; '.join(item.spellings))}")
    if item.units:
        out.print(f"  units: {escape('; '.join(item.units))}")
    out.print(f"  numbers: {escape('; '.join(item.numbers))}")
    for doc in item.documents:
        follow = item.follow_up.get(doc.sha256) or ""
        dates = f"{doc.signing_date or '-':10} -> {doc.expiry_date or '-':10}"
        line = f"  {doc.sha256[:12]} {doc.doc_type or '?':8} {dates} {doc.status:8} {follow:12}"
        out.print(f"{line} {escape(doc.filename)}  {' '.join(doc.flags)}")


def print_portfolio(settings) -> None:
    """The demo's portfolio step: each partner with its documents, and the agreements never followed up."""
    from pipeline.analyst.report.portfolio import portfolio_view
    from pipeline.store.database import open_store
    from pipeline.store.partners import own_names

    view = portfolio_view(open_store(settings), settings)
    console.print(f"\n[bold]Portfolio[/bold]: {len(view.partners)} partners, {view.links} links; agreements "
                  + ", ".join(f"{n} {s}" for s, n in sorted(view.status.items())))  # fmt: skip
    for item in view.partners:
        if len(item.partner.documents) > 1 or len(item.partner.spellings) > 1:
            ways = len(item.partner.spellings)
            console.print(f"  {escape(item.partner.name)}: {len(item.partner.documents)} documents, "
                          f"{ways} spelling{'s' if ways > 1 else ''}")  # fmt: skip
            for year, nodes in item.years:
                for node in nodes:
                    _print_node(node, f"    {year} ")
    console.print(f"[bold]Signed, no follow-up[/bold] ({len(view.unfollowed)}; NO_FOLLOW_UP after "
                  f"{view.follow_up_months} months):")  # fmt: skip
    for agreement, names, status in view.unfollowed:
        partner = "; ".join(n for n in names if n not in own_names(settings.own_institution))
        console.print(f"  {agreement.doc_type} {agreement.signing_date or '-'} {escape(agreement.filename)} "
                      f"({status}) {escape(partner)}", highlight=False)  # fmt: skip


def _print_node(node, prefix: str) -> None:
    item = node.item
    number = item.numbers[0] if item.numbers else item.filename
    console.print(f"{prefix}{item.doc_type} {escape(number)} ({item.status})", highlight=False)
    for child in node.children:
        _print_node(child, " " * len(prefix) + "└ ")
