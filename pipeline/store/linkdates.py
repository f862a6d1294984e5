"""Links by date when no number is cited: a PKS, addendum or report that refers to "Nota Kesepahaman ...
tanggal 22 Agustus 2022" is linked to the stored MoU (or PKS) signed that day by the same parties.

The cited date and each agreement's signing date are stored as numbers of their own (roles 'cdate' and
'sdate', key 'D' + YYYYMMDD) so either can arrive first; the parties are compared as partners
(pipeline/store/partners.py): every partner of the citing document must be a partner of the agreement.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors.dates import find_dates
from extractors.lang.numbers import PARENT_AGREEMENT_NAMES, PARENT_MOU_NAMES
from pipeline.store.models import PartyRow, RecordRow

DATED = r"(?:tanggal|tertanggal|tgl\.?|dated|signed\s+on|on)"
_REFERENCE = re.compile(
    rf"(?:{'|'.join(PARENT_MOU_NAMES + PARENT_AGREEMENT_NAMES)})[^.;]{{0,160}}?\b{DATED}\s+", re.IGNORECASE
)
DATE_WINDOW = 40  # characters after 'tanggal' where the date must start and end
MIN_PARTNERS = 2  # a citing document naming fewer partners links only to an agreement with the same ones


def date_key(day: date) -> str:
    return "D" + day.strftime("%Y%m%d")


def cited_dates(text: str) -> list[date]:
    """The dates an agreement is cited by ('Nota Kesepahaman ... tanggal 22 Agustus 2022')."""
    found = []
    for match in _REFERENCE.finditer(text):
        dates = find_dates(text[match.end() : match.end() + DATE_WINDOW])
        if dates and dates[0].start <= 1 and dates[0].value not in found:
            found.append(dates[0].value)
    return found


def party_names(session: Session, sha256: str) -> list[str]:
    """The party names of the newest record of a document."""
    newest = select(RecordRow.id).where(RecordRow.sha256 == sha256).order_by(RecordRow.id.desc()).limit(1)
    query = select(PartyRow.name).where(PartyRow.record_id == newest.scalar_subquery()).order_by(PartyRow.id)
    return list(session.scalars(query))


def same_parties(child: list[str], parent: list[str]) -> bool:
    """Every partner of the citing document is a partner of the agreement (at least MIN_PARTNERS of
    them, or exactly the agreement's partners)."""
    from pipeline.store.partners import resolve

    resolved = resolve(child + parent)
    mine, theirs = {resolved[n] for n in child}, {resolved[n] for n in parent}
    return bool(mine) and mine <= theirs and (len(mine) >= MIN_PARTNERS or mine == theirs)
