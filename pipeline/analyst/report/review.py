"""The review queue as an Excel/CSV file for analysts, and importing their corrected values back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.analyst.corrections import (
    CorrectionError,
    CorrectionInput,
    add_corrections,
    parse_value,
    resolve_sha,
)
from pipeline.analyst.export import HEADERS, corrected_records, review_rows, write_workbook
from pipeline.store.models import CORRECTABLE_FIELDS

QUEUE_COLUMNS = [
    "sha256",
    "filename",
    "field",
    "value",
    "confidence",
    "page",
    "evidence",
    "corrected_value",
    "note",
]
QUEUE_HEADERS = {**HEADERS, "value": "Machine value", "corrected_value": "corrected_value", "note": "note"}
REQUIRED = ("sha256", "field", "corrected_value")


@dataclass
class ImportResult:
    imported: int
    skipped: int  # rows with an empty corrected_value


def queue_frame(store, threshold: float) -> pd.DataFrame:
    """The review queue: one row per field to check, with empty corrected_value and note columns."""
    rows = []
    for record in corrected_records(store):
        doc = record["document"]
        for row in review_rows(record, threshold):
            if row["field"] in CORRECTABLE_FIELDS:
                rows.append(
                    {
                        "sha256": doc["sha256"],
                        "filename": doc["filename"],
                        **row,
                        "corrected_value": None,
                        "note": None,
                    }
                )
    frame = pd.DataFrame(rows, columns=[*QUEUE_COLUMNS, "bbox"]).drop(columns=["bbox"])
    return frame.sort_values(["confidence", "filename"], kind="stable") if len(frame) else frame


def export_queue(store, threshold: float, out: Path) -> int:
    """Write the queue to .xlsx (frozen header, filters) or .csv; returns the number of rows."""
    frame = queue_frame(store, threshold)
    out.parent.mkdir(parents=True, exist_ok=True)
    suffix = out.suffix.lower()
    if suffix == ".xlsx":
        write_workbook({"Review": frame}, out, headers=QUEUE_HEADERS)
    elif suffix == ".csv":
        frame.rename(columns=QUEUE_HEADERS).to_csv(out, index=False)
    else:
        raise CorrectionError(f"{out.name}: the review file must end in .xlsx or .csv")
    return len(frame)


def read_queue(path: Path) -> pd.DataFrame:
    """A filled-in review file with the internal column names (headers may be readable or raw)."""
    if not path.is_file():
        raise CorrectionError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        frame = pd.read_excel(path, sheet_name=0, dtype=object)
    elif suffix == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    else:
        raise CorrectionError(f"{path.name}: the review file must end in .xlsx or .csv")
    names = {header: key for key, header in QUEUE_HEADERS.items()}
    frame = frame.rename(columns=lambda c: names.get(str(c).strip(), str(c).strip()))
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise CorrectionError(
            f"{path.name}: missing column(s) {', '.join(missing)}; export a fresh file with "
            "`kerjasama review export`"
        )
    return frame


def queue_corrections(frame: pd.DataFrame, source: str, resolve=None) -> tuple[list[CorrectionInput], int]:
    """Validate every filled row; all problems are reported together with their spreadsheet row numbers."""
    items, errors, skipped = [], [], 0
    for index, row in enumerate(frame.to_dict("records"), start=2):  # row 1 is the header
        raw = row.get("corrected_value")
        if _blank(raw):
            skipped += 1
            continue
        field = str(row.get("field") or "").strip()
        sha = str(row.get("sha256") or "").strip()
        try:
            parse_value(field, _cell(raw))
            sha = resolve(sha) if resolve else sha
        except CorrectionError as exc:
            errors.append(f"row {index}: {exc}")
            continue
        note = None if _blank(row.get("note")) else str(row["note"]).strip()
        items.append(CorrectionInput(sha, field, _cell(raw), note))
    if errors:
        raise CorrectionError(
            f"{source}: nothing imported, fix these rows and import again:\n" + "\n".join(errors)
        )
    return items, skipped


def import_queue(store, path: Path, analyst: str | None = None) -> ImportResult:
    """Store the corrected values of a filled-in review file (all rows or none)."""
    items, skipped = queue_corrections(read_queue(path), path.name, lambda sha: resolve_sha(store, sha))
    add_corrections(store, items, analyst)
    return ImportResult(len(items), skipped)


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and value != value) or str(value).strip() == ""


def _cell(value):
    """Spreadsheet cells as the analyst meant them: 36.0 is 36, a date cell is a date."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value
