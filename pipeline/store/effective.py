"""The effective record: the newest stored record with analysts' corrections applied and every flag that
depends on a corrected value recomputed. `records list`, `records show`, the report, the exports and the
app all read records through here, so a corrected expiry date clears EXPIRED everywhere at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from extractors.checks import flags_of
from pipeline.store.corrected import apply_corrections, corrections_by_document, list_corrections
from pipeline.store.models import Correction
from schemas.pages import Page
from schemas.record import Flag, Record

DEFAULT_EXPIRING_DAYS = 90

# Which flags follow which corrected field (the rest read only the page text: LOW_OCR_CONFIDENCE).
DEPENDENT_FLAGS: dict[str, tuple[str, ...]] = {
    "workplan": ("NO_DETAILED_WORKPLAN",),
    "expiry_date": ("EXPIRED", "EXPIRING_SOON"),
    "signing_date": ("NO_SIGNING_DATE",),
    "numbers": ("NUMBER_MISSING",),
    "parties": ("NUMBER_MISSING",),
    "doc_type": ("NUMBER_MISSING", "MISSING_SECTION"),
}


def effective_record(
    record_json: dict,
    corrections: Iterable[Correction | dict],
    *,
    today: date | None = None,
    expiring_days: int = DEFAULT_EXPIRING_DAYS,
    pages: Callable[[], list[Page]] | None = None,
) -> dict:
    """A copy of `record_json` with `corrections` applied (see `apply_corrections`) and the flags that
    depend on a corrected field recomputed against `today`. MISSING_SECTION after a corrected doc_type
    needs the page text: `pages` loads it (only then); without it that flag is kept as extracted."""
    record = apply_corrections(record_json, corrections)
    corrected = set(record["corrections"])
    stale = {code for field in corrected for code in DEPENDENT_FLAGS.get(field, ())}
    if pages is None:
        stale.discard("MISSING_SECTION")
    if stale:
        record["flags"] = _recomputed(record, stale, today or date.today(), expiring_days, pages)
    return record


def _recomputed(
    record: dict, stale: set[str], today: date, expiring_days: int, pages: Callable[[], list[Page]] | None
) -> list[dict]:
    model = Record.model_validate({key: value for key, value in record.items() if key != "corrections"})
    loaded = pages() if pages is not None and "MISSING_SECTION" in stale else None
    fresh = flags_of(model, stale, today=today, expiring_days=expiring_days, pages=loaded)
    kept = [flag for flag in record["flags"] if flag["code"] not in stale]
    old = {flag["code"]: flag for flag in record["flags"]}
    # a recomputed flag that says what the machine flag said keeps its message and evidence
    return kept + [old[flag.code] if _same(flag, old) else flag.model_dump(mode="json") for flag in fresh]


def _same(flag: Flag, old: dict[str, dict]) -> bool:
    """The machine flag of this code says the same (expiry flags name the date, so they must match)."""
    previous = old.get(flag.code)
    if previous is None:
        return False
    return flag.code not in ("EXPIRED", "EXPIRING_SOON") or previous["message"] == flag.message


def effective_records(
    store, *, today: date | None = None, expiring_days: int = DEFAULT_EXPIRING_DAYS
) -> list[dict]:
    """The effective record of every stored document (its newest record), in storage order."""
    corrections = corrections_by_document(store)
    return [
        effective_record(
            row.record,
            corrections.get(row.sha256, []),
            today=today,
            expiring_days=expiring_days,
            pages=_loader(store, row.sha256),
        )
        for row in store.latest_records()
    ]


def effective_record_of(
    store, sha256: str, *, today: date | None = None, expiring_days: int = DEFAULT_EXPIRING_DAYS
) -> dict | None:
    """The effective record of the document with this full SHA-256, or None when none is stored."""
    row = store.find_record(sha256)
    if row is None or row.sha256 != sha256:
        return None
    return effective_record(
        row.record,
        list_corrections(store, sha256),
        today=today,
        expiring_days=expiring_days,
        pages=_loader(store, sha256),
    )


def _loader(store, sha256: str) -> Callable[[], list[Page]]:
    return lambda: store.load_pages(sha256)
