"""`kerjasama records links`: the parents and children of a stored document, with evidence and confidence."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from flows.cli_common import console
from pipeline.settings import load_settings


def links_command(
    sha: Annotated[str | None, typer.Argument(help="SHA-256 or a prefix of it (none: every link)")] = None,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="First remake the links of every stored document")
    ] = False,
    parent: Annotated[
        str | None, typer.Option("--set-parent", help="Analyst: link SHA to this parent (SHA-256 prefix)")
    ] = None,
    reject: Annotated[
        str | None, typer.Option("--reject-parent", help="Analyst: SHA is not linked to this parent")
    ] = None,
    note: Annotated[str | None, typer.Option(help="Why (kept with an analyst's link)")] = None,
) -> None:
    """Links between documents: a PKS, addendum or report and the agreement whose number it cites."""
    from sqlalchemy import select

    from pipeline.analyst.corrections import CorrectionError, default_analyst, resolve_sha
    from pipeline.store.database import open_store
    from pipeline.store.links import links_of, relink_all, set_link
    from pipeline.store.models import Document, Link

    store = open_store(load_settings())  # the follow-up flags of relinked parents use its months
    if refresh:
        console.print(f"{relink_all(store)} link(s) after refreshing every document")
    try:
        full = resolve_sha(store, sha) if sha else None
        for other, keep in ((parent, True), (reject, False)):
            if other is not None:
                if full is None:
                    raise CorrectionError(
                        "give the child document's SHA-256 before --set-parent/--reject-parent"
                    )
                set_link(
                    store, full, resolve_sha(store, other), analyst=default_analyst(), note=note, keep=keep
                )
    except (CorrectionError, ValueError) as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    with store.sessions() as session:
        names = dict(session.execute(select(Document.sha256, Document.filename)).all())
        links = links_of(store, full) if full else list(session.scalars(select(Link).order_by(Link.id)))
    if not links:
        console.print("no links" + (f" for {full[:12]}" if full else ""))
        return
    out = Console(highlight=False, soft_wrap=True)
    for link in links:
        evidence = link.evidence or {}
        page = f" (page {evidence['page']})" if evidence.get("page") else ""
        how = f"{link.method}, {evidence['match']}" if evidence.get("match") else link.method
        pair = f"{_label(link.child_sha256, names, full)} → {_label(link.parent_sha256, names, full)}"
        if "cited" in evidence:
            cited = f"cited {evidence['cited']}{page} = {evidence.get('matched', '-')}"
        else:
            cited = f"by {evidence.get('analyst', '?')}" + (
                f": {evidence['note']}" if evidence.get("note") else ""
            )
        out.print(escape(f"{pair}  {cited}  ({how}) confidence {link.confidence:.2f}, {link.source}"))


def _label(sha256: str, names: dict[str, str], this: str | None) -> str:
    name = "this document" if sha256 == this else names.get(sha256, "")
    return f"{sha256[:12]} {name}"
