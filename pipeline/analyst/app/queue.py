"""The review queue: every field under the review threshold (list items too) and every flag, of the
effective records; an item leaves the queue when an analyst corrects or accepts the field behind it."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.store.models import LIST_CORRECTABLE, SCALAR_CORRECTABLE

# The field whose value decides a flag: accepting or correcting it settles the flag's queue item.
FLAG_FIELDS = {
    "NO_DETAILED_WORKPLAN": "workplan",
    "EXPIRED": "expiry_date",
    "EXPIRING_SOON": "expiry_date",
    "NO_SIGNING_DATE": "signing_date",
    "NUMBER_MISSING": "numbers",
    "MISSING_SECTION": "doc_type",
}
SORTS = ("confidence", "document", "field", "flag")


@dataclass(frozen=True)
class QueueItem:
    sha256: str
    filename: str
    field: str  # the correctable field the item is about ("" for a flag no field decides)
    item: str  # what is shown: 'parties[2]', 'signing_date' or a flag code
    value: object
    confidence: float | None  # None for a flag
    flag: str | None
    message: str | None
    page: int | None

    @property
    def anchor(self) -> str:
        return f"field-{self.field}" if self.field else "flags"


def _reason_names(record: dict) -> set[str]:
    return {reason.split(":")[0].strip() for reason in record["review"]["reasons"]}


def _page(field: dict) -> int | None:
    return field["evidence"][0]["page"] if field.get("evidence") else None


def document_queue(record: dict, threshold: float) -> list[QueueItem]:
    """The open queue items of one effective record."""
    doc = record["document"]
    corrected = set(record.get("corrections", {}))
    named = _reason_names(record)
    items: list[QueueItem] = []

    def add(field: str, item: str, entry: dict) -> None:
        conf = entry["confidence"]
        low = entry["value"] is not None and conf < threshold
        if field not in corrected and (low or item in named):
            items.append(
                QueueItem(
                    doc["sha256"],
                    doc["filename"],
                    field,
                    item,
                    entry["value"],
                    conf,
                    None,
                    None,
                    _page(entry),
                )
            )

    for field in SCALAR_CORRECTABLE:
        entry = record["duration"] if field == "duration_months" else record[field]
        if field == "duration_months":
            months = (entry["value"] or {}).get("months")
            entry = {**entry, "value": months}
        add(field, "duration" if field == "duration_months" else field, entry)
    for field in LIST_CORRECTABLE:
        for index, entry in enumerate(record[field]):
            add(field, f"{field}[{index}]", entry)
    open_fields = {item.field for item in items}
    for flag in record["flags"]:
        field = FLAG_FIELDS.get(flag["code"], "")
        settled = field in corrected if field else not open_fields and bool(corrected)
        if not settled:
            page = flag["evidence"][0]["page"] if flag.get("evidence") else None
            items.append(
                QueueItem(
                    doc["sha256"],
                    doc["filename"],
                    field,
                    flag["code"],
                    None,
                    None,
                    flag["code"],
                    flag["message"],
                    page,
                )  # fmt: skip
            )
    return items


def review_queue(records: list[dict], threshold: float, sort: str = "confidence", descending: bool = False):
    """Every open item of every record, sorted by `sort` (confidence: flags after the fields)."""
    if sort not in SORTS:
        sort = "confidence"
    items = [item for record in records for item in document_queue(record, threshold)]
    keys = {
        "confidence": lambda i: (i.confidence is None, i.confidence or 0.0, i.filename.casefold(), i.item),
        "document": lambda i: (i.filename.casefold(), i.confidence is None, i.confidence or 0.0, i.item),
        "field": lambda i: (i.field or "~", i.item, i.filename.casefold()),
        "flag": lambda i: (i.flag is None, i.flag or "", i.filename.casefold(), i.item),
    }
    return sorted(items, key=keys[sort], reverse=descending)
