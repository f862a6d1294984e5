"""Renders the analyst report: one self-contained HTML file (Jinja2 with autoescape, inline CSS and SVG)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from pipeline.analyst.labels import flag_message
from pipeline.analyst.report import charts
from pipeline.analyst.report.data import ReportData

TEMPLATES = Path(__file__).parent
FIELD_LABELS = {
    "doc_type": "Jenis dokumen",
    "language": "Bahasa",
    "title": "Judul",
    "numbers": "Nomor",
    "parties": "Para pihak",
    "signing_date": "Tanggal tanda tangan",
    "signing_place": "Tempat tanda tangan",
    "effective_date": "Tanggal berlaku",
    "duration": "Jangka waktu",
    "duration_months": "Jangka waktu (bulan)",
    "expiry_date": "Tanggal berakhir",
    "scope": "Ruang lingkup",
    "obligations": "Kewajiban",
    "workplan": "Rencana kerja",
    "parent_agreement": "Perjanjian induk",
    "party_roles": "Peran pihak",
    "representatives": "Penandatangan",
}
SOURCE_LABELS = {"ocr": "OCR", "text_layer": "Lapisan teks", "mixed": "Campuran"}
SNIPPET_CHARS = 240


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        pct=pct, conf_class=conf_class, show=show_value, label=field_label, snippet=snippet, seconds=seconds
    )
    env.filters["flag_text"] = lambda flag: flag_message(flag["code"], flag["message"], "id")
    env.globals.update(source_label=lambda s: SOURCE_LABELS.get(s, s or "-"))
    return env


def render(data: ReportData) -> str:
    """The report HTML; every value from a document goes through autoescaping."""
    template = environment().get_template("report.html.j2")
    return template.render(
        data=data,
        css=(TEMPLATES / "report.css").read_text(encoding="utf-8"),
        charts=_charts(data),
        labels=FIELD_LABELS,
    )


def _charts(data: ReportData) -> dict[str, Any]:
    """SVG built in Python (text inside is escaped there), marked safe for the template."""
    summary, threshold = data.summary, data.threshold
    pages = summary["pages_by_source"]
    result = {
        "pages": charts.stacked(
            [
                ("OCR", pages.get("ocr", 0), charts.NEUTRAL),
                ("Lapisan teks", pages.get("text_layer", 0), charts.HIGH),
            ]
        ),
        "ocr": charts.histogram(summary["ocr_confidences"], threshold=threshold, label="OCR confidence"),
        "coverage": charts.bars(
            [
                (field_label(row["field"]), row["share"], f"{row['found']}/{summary['documents']}")
                for row in data.coverage
            ]
        ),
        "field_conf": {
            row["field"]: charts.histogram(row["confidences"], threshold=threshold, width=200, height=48)
            for row in data.coverage
        },
        "accuracy": [
            charts.bars(
                [
                    (
                        field_label(s.field),
                        s.accuracy or 0.0,
                        f"{pct(s.accuracy)} ({s.correct}/{s.documents})",
                    )
                    for s in source.scores
                    if s.documents
                ],
                colour_by_value=True,
                threshold=0.8,
            )
            for source in data.accuracy
        ],
    }
    return {key: _safe(value) for key, value in result.items()}


def _safe(value: Any) -> Any:
    if isinstance(value, str):
        return Markup(value)
    if isinstance(value, dict):
        return {k: _safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_safe(v) for v in value]
    return value


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def conf_class(value: float | None, threshold: float = 0.6) -> str:
    if value is None:
        return "conf-none"
    if value < threshold:
        return "conf-low"
    return "conf-mid" if value < 0.85 else "conf-high"


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def show_value(value: Any) -> str:
    """A field value as plain text (the template escapes it)."""
    if value is None:
        return "–"
    if isinstance(value, list):  # a corrected list field, whole
        return "; ".join(show_value(item) for item in value) or "–"
    if isinstance(value, dict):
        if "months" in value:
            months = value.get("months")
            return f"{value.get('text') or ''}{f' ({months} bulan)' if months is not None else ''}".strip()
        if "name" in value:
            extra = ", ".join(str(value[k]) for k in ("role", "representative", "position") if value.get(k))
            return f"{value['name']}{f' ({extra})' if extra else ''}"
        if "text" in value:
            return f"[{value['party']}] {value['text']}" if value.get("party") else str(value["text"])
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def snippet(text: str | None, limit: int = SNIPPET_CHARS) -> str:
    if not text:
        return ""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f} s" if value < 120 else f"{value / 60:.1f} min"
