"""Analysts' corrections as the store reads them: listed (oldest first, or grouped by document) and
applied to a record's JSON, the newest correction of a field winning. The table is in
pipeline/store/models.py; pipeline/analyst/corrections.py validates and stores corrections."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from pipeline.store.models import CORRECTABLE_FIELDS, LIST_CORRECTABLE, Correction


def list_corrections(store, sha256: str | None = None) -> list[Correction]:
    """Every stored correction (oldest first), optionally of one document."""
    query = select(Correction).order_by(Correction.created_at, Correction.id)
    if sha256:
        query = query.where(Correction.sha256 == sha256)
    with store.sessions() as session:
        return list(session.scalars(query))


def corrections_by_document(store) -> dict[str, list[Correction]]:
    grouped: dict[str, list[Correction]] = {}
    for row in list_corrections(store):
        grouped.setdefault(row.sha256, []).append(row)
    return grouped


def machine_value(record: dict, field: str) -> Any:
    """The extracted value of a correctable field in record JSON."""
    if field == "duration_months":
        return (record["duration"].get("value") or {}).get("months")
    if field in LIST_CORRECTABLE:
        return [item.get("value") for item in record[field] if item.get("value") is not None]
    return record[field].get("value")


def apply_corrections(record_json: dict, corrections: Iterable[Correction | dict]) -> dict:
    """A copy of the record with corrected values set (confidence 1.0); the newest correction of a field wins.

    The copy gains a "corrections" key {field: {value, machine_value, machine_confidence, analyst, at, note}};
    review reasons about corrected fields are dropped and the workplan flag follows a corrected workplan.
    """
    record = copy.deepcopy(record_json)
    applied: dict[str, dict] = {}
    for item in corrections:
        row = item if isinstance(item, dict) else _as_dict(item)
        applied[row["field"]] = row
    summary = {}
    for field, row in applied.items():
        if field not in CORRECTABLE_FIELDS:
            continue  # a field this version no longer corrects: ignored, kept in the table
        summary[field] = {
            "value": row["value"],
            "machine_value": machine_value(record, field),
            "machine_confidence": _machine_confidence(record, field),
            "analyst": row.get("analyst"),
            "at": str(row.get("created_at") or ""),
            "note": row.get("note"),
        }
        _set_value(record, field, row["value"])
    record["corrections"] = summary
    if summary:
        _refresh_review(record, set(summary))
    return record


def _as_dict(row: Correction) -> dict:
    return {
        "field": row.field,
        "value": row.value,
        "analyst": row.analyst,
        "created_at": row.created_at,
        "note": row.note,
    }


def _machine_confidence(record: dict, field: str) -> float | None:
    if field in LIST_CORRECTABLE:
        items = record[field]
        return min((item.get("confidence", 0.0) for item in items), default=None)
    return (record["duration"] if field == "duration_months" else record[field]).get("confidence")


def _set_value(record: dict, field: str, value: Any) -> None:
    if field in LIST_CORRECTABLE:
        record[field] = _corrected_items(record[field], value or [])
        return
    if field == "duration_months":
        duration = record["duration"].get("value") or {"text": "", "months": None}
        record["duration"]["value"] = {**duration, "months": value}
        record["duration"]["confidence"] = 1.0
        return
    record[field]["value"] = value
    record[field]["confidence"] = 1.0
    if field == "workplan":
        _refresh_workplan_flag(record, value)


def _corrected_items(machine: list[dict], values: list) -> list[dict]:
    """The corrected list as fields of confidence 1.0; an item keeps the evidence of the machine item it
    equals, else of the machine item at its position that no corrected item equals."""
    kept = [item.get("value") for item in machine]
    equal = {index for index, value in enumerate(kept) if value in values}
    items = []
    for position, value in enumerate(values):
        source = kept.index(value) if value in kept else None
        if source is None and position < len(machine) and position not in equal:
            source = position
        evidence = machine[source].get("evidence", []) if source is not None else []
        items.append({"value": value, "confidence": 1.0, "evidence": evidence})
    return items


def _refresh_workplan_flag(record: dict, workplan: str | None) -> None:
    flags = [flag for flag in record["flags"] if flag["code"] != "NO_DETAILED_WORKPLAN"]
    if workplan != "detailed":
        old = next((f for f in record["flags"] if f["code"] == "NO_DETAILED_WORKPLAN"), None)
        flags.append(
            old
            or {
                "code": "NO_DETAILED_WORKPLAN",
                "severity": "warning",
                "evidence": [],
                "message": f"No detailed workplan (workplan '{workplan}', corrected by an analyst)",
            }
        )
    record["flags"] = flags


def _refresh_review(record: dict, fields: set[str]) -> None:
    names = fields | ({"duration"} if "duration_months" in fields else set())
    reasons = [r for r in record["review"]["reasons"] if _reason_field(r) not in names]
    record["review"] = {"needs_review": bool(reasons), "reasons": reasons}


def _reason_field(reason: str) -> str:
    """The field a review reason names: 'parties[1]: confidence ...' -> 'parties'."""
    return reason.split(":")[0].strip().split("[")[0]
