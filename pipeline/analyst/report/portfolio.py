"""The portfolio part of the analyst report: per partner and year the MoU -> PKS/addendum/report tree,
the agreements signed but never followed up, and counts by status (issue 13)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from pipeline.store.partners import Partner, own_names, partners
from pipeline.store.portfolio import AGREEMENT_TYPES, Agreement, agreements, follow_up_state

NO_YEAR = "tanpa tanggal"


@dataclass
class Node:
    """One document of a tree and the documents linked to it."""

    item: Agreement
    follow_up: str | None
    children: list[Node] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"doc-{self.item.sha256[:12]}"


@dataclass
class PartnerView:
    partner: Partner
    years: list[tuple[str, list[Node]]]  # newest year first


@dataclass
class PortfolioView:
    partners: list[PartnerView]
    unfollowed: list[tuple[Agreement, list[str], str]]  # agreement, its partners, its status
    status: Counter  # agreements (MoU, PKS) by expiry status
    follow_up: Counter  # agreements by followed-up / no-follow-up
    types: Counter  # every document by type
    links: int
    follow_up_months: int


def portfolio_view(store, settings, today: date | None = None) -> PortfolioView:
    """What the portfolio section shows, corrections and analysts' partner decisions applied."""
    today = today or date.today()
    found = agreements(store, today, settings.expiring_days)
    listed = partners(store, today, settings.expiring_days, own_names(settings.own_institution))
    names: dict[str, list[str]] = {}
    for partner in listed:
        for item in partner.documents:
            names.setdefault(item.sha256, []).append(partner.name)
    contracts = [a for a in found.values() if a.doc_type in AGREEMENT_TYPES]
    states = {a.sha256: follow_up_state(a, found) for a in contracts}
    unfollowed = [
        (a, names.get(a.sha256, []), a.status)
        for a in sorted(contracts, key=lambda a: (a.signing_date or "", a.filename))
        if states[a.sha256] == "no-follow-up"
    ]
    return PortfolioView(
        partners=[PartnerView(p, _years(p, found)) for p in listed],
        unfollowed=unfollowed,
        status=Counter(a.status for a in contracts),
        follow_up=Counter(states.values()),
        types=Counter(a.doc_type or "unknown" for a in found.values()),
        links=sum(len(a.children) for a in found.values()),
        follow_up_months=settings.follow_up_months,
    )


def _years(partner: Partner, found: dict[str, Agreement]) -> list[tuple[str, list[Node]]]:
    """The partner's documents as trees: a root is one no other document of the partner is linked from."""
    mine = {item.sha256 for item in partner.documents}
    roots = [item for item in partner.documents if not any(p in mine for p in item.parents)]
    by_year: dict[str, list[Node]] = {}
    for item in roots:
        by_year.setdefault(item.year or NO_YEAR, []).append(_node(item, found, set()))
    return sorted(by_year.items(), key=lambda pair: (pair[0] != NO_YEAR, pair[0]), reverse=True)


def _node(item: Agreement, found: dict[str, Agreement], seen: set[str]) -> Node:
    seen.add(item.sha256)
    children = [found[c] for c in item.children if c in found and c not in seen]
    children.sort(key=lambda c: (c.signing_date or "", c.filename))
    node = Node(item, follow_up_state(item, found))
    node.children = [_node(child, found, seen) for child in children if child.sha256 not in seen]
    return node
