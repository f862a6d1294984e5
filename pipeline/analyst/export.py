"""Exports of the stored records: Excel workbook (one sheet per table), CSV and Parquet through pandas."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
from openpyxl.worksheet.table import Table, TableStyleInfo

from schemas.record import SCALAR_FIELDS

DATE_COLUMNS = ("signing_date", "effective_date", "expiry_date")
PERCENT_COLUMNS = ("confidence", "ocr_mean_confidence")  # shown as 83 % in Excel
INTEGER_COLUMNS = ("duration_months", "order", "page")  # whole numbers with gaps stay whole (not 36.0)
TIMESTAMP_COLUMNS = ("created_at",)  # real Excel date-times
TABLE_STYLE = "TableStyleLight9"
SHEETS = ("Agreements", "Parties", "Obligations", "Scope", "Flags", "Review", "Corrections")
PORTFOLIO_SHEETS = ("Partners", "Links")  # from the whole store (export_store), issue 13
HEADERS = {
    "sha256": "SHA-256",
    "filename": "File",
    "doc_type": "Type",
    "title": "Title",
    "numbers": "Numbers",
    "signing_date": "Signing date",
    "signing_place": "Signing place",
    "effective_date": "Effective date",
    "expiry_date": "Expiry date",
    "duration": "Duration",
    "duration_months": "Duration (months)",
    "workplan": "Workplan",
    "parent_agreement": "Parent agreement",
    "flags": "Flags",
    "needs_review": "Needs review",
    "pipeline_version": "Pipeline version",
    "text_source": "Text source",
    "ocr_mean_confidence": "OCR confidence",
    "name": "Name",
    "role": "Role",
    "order": "Order",
    "representative": "Representative",
    "position": "Position",
    "party": "Party",
    "text": "Text",
    "confidence": "Confidence",
    "code": "Code",
    "severity": "Severity",
    "message": "Message",
    "field": "Field",
    "value": "Value",
    "reason": "Reason",
    "evidence": "Evidence",
    "page": "Page",
    "machine_value": "Machine value",
    "corrected_value": "Corrected value",
    "analyst": "Analyst",
    "created_at": "Corrected at",
    "note": "Note",
    "status": "Status",
    "follow_up": "Follow-up",
    "partners": "Partners",
    "partner": "Partner",
    "documents": "Documents",
    "MoU": "MoU",
    "PKS": "PKS",
    "addendum": "Addenda",
    "report": "Reports",
    "active": "Active",
    "expiring": "Expiring",
    "expired": "Expired",
    "unknown": "No expiry date",
    "followed_up": "Followed up",
    "no_follow_up": "No follow-up",
    "first_signed": "First signed",
    "last_signed": "Last signed",
    "spellings": "Spellings",
    "units": "Units",
    "child_sha256": "Child SHA-256",
    "child_file": "Child file",
    "child_type": "Child type",
    "parent_sha256": "Parent SHA-256",
    "parent_file": "Parent file",
    "parent_type": "Parent type",
    "method": "Method",
    "source": "Source",
    "cited": "Cited number",
    "matched": "Matched number",
}

SHEETS_ID = {
    "Agreements": "Perjanjian",
    "Parties": "Para pihak",
    "Obligations": "Kewajiban",
    "Scope": "Ruang lingkup",
    "Flags": "Tanda",
    "Review": "Tinjauan",
    "Corrections": "Koreksi",
    "Partners": "Mitra",
    "Links": "Tautan",
}
HEADERS_ID = {
    "sha256": "SHA-256",
    "filename": "Berkas",
    "doc_type": "Jenis",
    "title": "Judul",
    "numbers": "Nomor",
    "signing_date": "Tanggal tanda tangan",
    "signing_place": "Tempat tanda tangan",
    "effective_date": "Tanggal berlaku",
    "expiry_date": "Tanggal berakhir",
    "duration": "Jangka waktu",
    "duration_months": "Jangka waktu (bulan)",
    "workplan": "Rencana kerja",
    "parent_agreement": "Perjanjian induk",
    "flags": "Tanda",
    "needs_review": "Perlu ditinjau",
    "pipeline_version": "Versi pipeline",
    "text_source": "Sumber teks",
    "ocr_mean_confidence": "Keyakinan OCR",
    "name": "Nama",
    "role": "Peran",
    "order": "Urutan",
    "representative": "Penandatangan",
    "position": "Jabatan",
    "party": "Pihak",
    "text": "Teks",
    "confidence": "Keyakinan",
    "code": "Kode",
    "severity": "Tingkat",
    "message": "Pesan",
    "field": "Isian",
    "value": "Nilai",
    "reason": "Alasan",
    "evidence": "Bukti",
    "page": "Halaman",
    "machine_value": "Nilai mesin",
    "corrected_value": "Nilai koreksi",
    "analyst": "Analis",
    "created_at": "Waktu koreksi",
    "note": "Catatan",
}


def _value(field: dict | None):
    return None if not field else field.get("value")


def corrected_records(store, expiring_days: int = 90) -> list[dict]:
    """The effective record of every stored document: corrections applied, dependent flags recomputed."""
    from pipeline.store.effective import effective_records

    return effective_records(store, expiring_days=expiring_days)


def export_store(
    store,
    out: Path,
    fmt: str,
    threshold: float | None = None,
    expiring_days: int = 90,
    *,
    lang: str = "en",
    own: list[str] | None = None,
) -> list[Path]:
    """Export every stored agreement, corrections applied (see `write_export`), with each agreement's
    status, follow-up and partners, and the Partners and Links sheets (`own`: names of our own
    institution, not a partner)."""
    portfolio = portfolio_tables(store, expiring_days, own)
    records = corrected_records(store, expiring_days)
    return write_export(records, out, fmt, threshold=threshold, lang=lang, portfolio=portfolio)


def portfolio_tables(store, expiring_days: int = 90, own: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """The Partners and Links sheets, and per document its status, follow-up and partners ("Status")."""
    from pipeline.store.links import links_of_store
    from pipeline.store.partners import partners

    found = partners(store, expiring_days=expiring_days, own=own)
    rows: list[dict] = []
    status: dict[str, dict] = {}
    for partner in found:
        types, states = partner.count("doc_type"), partner.count("status", agreements_only=True)
        follow = [state for state in partner.follow_up.values() if state]
        signed = sorted(d.signing_date for d in partner.documents if d.signing_date)
        rows.append({
            "partner": partner.name, "documents": len(partner.documents),
            **{t: types.get(t, 0) for t in ("MoU", "PKS", "addendum", "report")},
            **{s: states.get(s, 0) for s in ("active", "expiring", "expired", "unknown")},
            "followed_up": follow.count("followed-up"), "no_follow_up": follow.count("no-follow-up"),
            "first_signed": signed[0] if signed else None, "last_signed": signed[-1] if signed else None,
            "numbers": "; ".join(partner.numbers), "spellings": "; ".join(partner.spellings),
            "units": "; ".join(partner.units),
        })  # fmt: skip
        for doc in partner.documents:
            entry = status.setdefault(doc.sha256, {"status": doc.status, "partners": []})
            entry["follow_up"] = partner.follow_up.get(doc.sha256)
            entry["partners"].append(partner.name)
    frames = {
        "Partners": pd.DataFrame(rows, columns=PARTNER_COLUMNS),
        "Links": links_frame(links_of_store(store)),
    }
    frames["Status"] = pd.DataFrame(
        [{"sha256": sha, **v, "partners": "; ".join(v["partners"])} for sha, v in status.items()],
        columns=["sha256", "status", "follow_up", "partners"],
    )
    return frames


PARTNER_COLUMNS = [
    "partner", "documents", "MoU", "PKS", "addendum", "report", "active", "expiring", "expired", "unknown",
    "followed_up", "no_follow_up", "first_signed", "last_signed", "numbers", "spellings", "units",
]  # fmt: skip
LINK_COLUMNS = [
    "child_sha256", "child_file", "child_type", "parent_sha256", "parent_file", "parent_type", "method",
    "confidence", "source", "cited", "matched", "note",
]  # fmt: skip


def links_frame(links: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(links, columns=LINK_COLUMNS)


def tables(records: list[dict], threshold: float | None = None) -> dict[str, pd.DataFrame]:
    """Flatten record JSON (corrections applied) into the export tables (keys are sheet names)."""
    rows: dict[str, list[dict]] = {name: [] for name in SHEETS}
    for record in records:
        doc = record["document"]
        key = {"sha256": doc["sha256"], "filename": doc["filename"]}
        rows["Agreements"].append(_agreement_row(record))
        for item in record["parties"]:
            rows["Parties"].append({**key, **(item["value"] or {}), "confidence": item["confidence"]})
        for item in record["obligations"]:
            rows["Obligations"].append({**key, **(item["value"] or {}), "confidence": item["confidence"]})
        for item in record["scope"]:
            rows["Scope"].append({**key, "text": item["value"], "confidence": item["confidence"]})
        for flag in record["flags"]:
            rows["Flags"].append(
                {**key, "code": flag["code"], "severity": flag["severity"], "message": flag["message"]}
            )
        rows["Review"].extend({**key, **row} for row in review_rows(record, threshold))
        rows["Corrections"].extend({**key, **row} for row in correction_rows(record))
    frames = {name: pd.DataFrame(data) for name, data in rows.items()}
    frames["Review"] = frames["Review"].reindex(columns=[*REVIEW_COLUMNS, "bbox"])
    frames["Corrections"] = frames["Corrections"].reindex(columns=CORRECTION_COLUMNS)
    agreements = frames["Agreements"]
    for column in DATE_COLUMNS:
        if column in agreements:
            agreements[column] = pd.to_datetime(agreements[column], errors="coerce").dt.date
    return {name: _typed(_file_first(frame)) for name, frame in frames.items()}


def _file_first(frame: pd.DataFrame) -> pd.DataFrame:
    """The file name is the first column (frozen in Excel), the SHA-256 beside it."""
    first = [c for c in ("filename", "sha256") if c in frame.columns]
    return frame[first + [c for c in frame.columns if c not in first]]


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    for column in INTEGER_COLUMNS:
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    for column in TIMESTAMP_COLUMNS:
        if column in frame.columns:
            frame[column] = pd.Series(
                [_local_time(v) for v in frame[column]], index=frame.index, dtype=object
            )
    return frame


def _local_time(value) -> datetime | None:
    """A stored correction time ('2026-12-03 11:46:56+07:00') as the analyst's wall-clock time."""
    try:
        return datetime.fromisoformat(str(value)).replace(tzinfo=None) if value else None
    except ValueError:
        return None


def _agreement_row(record: dict) -> dict:
    doc = record["document"]
    duration = _value(record["duration"]) or {}
    return {
        "sha256": doc["sha256"],
        "filename": doc["filename"],
        "doc_type": _value(record["doc_type"]),
        "title": _value(record["title"]),
        "numbers": "; ".join(n["value"] for n in record["numbers"] if n["value"]),
        "signing_date": _value(record["signing_date"]),
        "signing_place": _value(record["signing_place"]),
        "effective_date": _value(record["effective_date"]),
        "duration": duration.get("text"),
        "duration_months": duration.get("months"),
        "expiry_date": _value(record["expiry_date"]),
        "workplan": _value(record["workplan"]),
        "parent_agreement": _value(record["parent_agreement"]),
        "flags": " ".join(sorted({f["code"] for f in record["flags"]})),
        "needs_review": record["review"]["needs_review"],
        "text_source": doc["text_source"],
        "ocr_mean_confidence": doc["ocr_mean_confidence"],
        "pipeline_version": doc["pipeline_version"],
    }


REVIEW_COLUMNS = ["sha256", "filename", "field", "value", "confidence", "page", "evidence"]
CORRECTION_COLUMNS = [
    "sha256",
    "filename",
    "field",
    "machine_value",
    "corrected_value",
    "analyst",
    "created_at",
    "note",
]


def review_rows(record: dict, threshold: float | None = None) -> list[dict]:
    """One row per field the analyst should look at (named in review reasons, or found under `threshold`).

    Fields an analyst already corrected are left out; duration is reviewed as `duration_months`.
    """
    flagged = {reason.split(":")[0].strip() for reason in record["review"]["reasons"]}
    corrected = set(record.get("corrections", {}))
    rows = []
    for name in SCALAR_FIELDS:
        field = record[name]
        key = "duration_months" if name == "duration" else name
        low = threshold is not None and field["value"] is not None and field["confidence"] < threshold
        if key not in corrected and (name in flagged or low):
            evidence = field["evidence"][0] if field["evidence"] else {}
            value = _text((field["value"] or {}).get("months") if name == "duration" else field["value"])
            rows.append(
                {
                    "field": key,
                    "value": value,
                    "confidence": field["confidence"],
                    "page": evidence.get("page"),
                    "evidence": evidence.get("text"),
                    "bbox": evidence.get("bbox"),
                }
            )
    return rows


def correction_rows(record: dict) -> list[dict]:
    """The analysts' corrections applied to a record (machine value beside the corrected one)."""
    return [
        {
            "field": field,
            "machine_value": _text(item["machine_value"]),
            "corrected_value": _text(item["value"]),
            "analyst": item["analyst"],
            "created_at": item["at"],
            "note": item["note"],
        }
        for field, item in record.get("corrections", {}).items()
    ]


def _text(value) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list):  # a corrected list field, whole
        return "; ".join(text for item in value if (text := _text(item)))
    if isinstance(value, dict):
        return value.get("text") or value.get("name") or str(value)
    return str(value)


def write_export(
    records: list[dict],
    out: Path,
    fmt: str,
    threshold: float | None = None,
    lang: str = "en",
    portfolio: dict[str, pd.DataFrame] | None = None,
) -> list[Path]:
    """Write xlsx (one workbook), csv or parquet (one file per table); returns the files written. With
    lang "id", sheet names, headers, workplan values and flag messages are Indonesian (file names and
    Parquet column names stay as they are, for scripts). With `portfolio` (portfolio_tables), Agreements
    gains status, follow-up and partners, and the Partners and Links sheets follow."""
    if fmt not in ("xlsx", "csv", "parquet"):
        raise ValueError(f"unknown export format '{fmt}': use xlsx, csv or parquet")
    if lang not in ("id", "en"):
        raise ValueError(f"unknown export language '{lang}': use id or en")
    frames = tables(records, threshold)
    if portfolio is not None:
        agreements, status = frames["Agreements"], portfolio["Status"]
        if not agreements.empty:
            frames["Agreements"] = agreements.merge(status, on="sha256", how="left")
        frames.update({name: portfolio[name] for name in PORTFOLIO_SHEETS})
    frames["Review"] = frames["Review"].drop(columns=["bbox"], errors="ignore")
    headers, sheet_names = HEADERS, {name: name for name in frames}
    if lang == "id" and fmt != "parquet":
        frames, headers, sheet_names = _indonesian(frames), HEADERS_ID, SHEETS_ID
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        write_workbook(frames, out, headers, sheet_names)
        return [out]
    written = []
    for name, frame in frames.items():
        target = out if name == "Agreements" else out.with_name(f"{out.stem}-{name.lower()}{out.suffix}")
        if fmt == "csv":  # with a BOM, so Excel reads the UTF-8 names right
            frame.rename(columns=headers).to_csv(target, index=False, encoding="utf-8-sig")
        else:
            frame.to_parquet(target, index=False)
        written.append(target)
    return written


def _indonesian(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    from pipeline.analyst.labels import WORKPLAN_ID, flag_message

    frames = {name: frame.copy() for name, frame in frames.items()}
    agreements, flags = frames["Agreements"], frames["Flags"]
    if "workplan" in agreements:
        agreements["workplan"] = agreements["workplan"].map(lambda v: WORKPLAN_ID.get(v, v))
    if len(flags):
        flags["message"] = [
            flag_message(c, m, "id") for c, m in zip(flags["code"], flags["message"], strict=True)
        ]
    return frames


def write_workbook(
    frames: dict[str, pd.DataFrame],
    out: Path,
    headers: dict[str, str] | None = None,
    sheet_names: dict[str, str] | None = None,
) -> None:
    """Readable headers, dates and times as Excel dates, confidences as percentages, the header row (and a
    leading file name column) frozen, each sheet an Excel table (filters and stripes)."""
    headers = HEADERS if headers is None else headers
    sheet_names = sheet_names or {}
    with pd.ExcelWriter(
        out, engine="openpyxl", date_format="YYYY-MM-DD", datetime_format="YYYY-MM-DD HH:MM"
    ) as writer:
        for key, frame in frames.items():
            name = sheet_names.get(key, key)
            frame.rename(columns=headers).to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "B2" if list(frame.columns[:1]) == ["filename"] else "A2"
            for index, column in enumerate(frame.columns, start=1):
                if column in PERCENT_COLUMNS:
                    for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                        cell.number_format = "0%"
            if len(frame) and len(frame.columns):
                style = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True)
                sheet.add_table(Table(displayName=f"T_{key}", ref=sheet.dimensions, tableStyleInfo=style))
            elif sheet.max_column and sheet.max_row:
                sheet.auto_filter.ref = sheet.dimensions
            for column in sheet.columns:
                width = max((len(str(cell.value)) for cell in column if cell.value is not None), default=8)
                sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
            for cell in sheet[1]:
                cell.font = cell.font.copy(bold=True)
