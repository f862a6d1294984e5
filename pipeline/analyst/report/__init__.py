"""The analyst report: a self-contained HTML file of run summary, coverage, accuracy, flags and review."""

from __future__ import annotations

from pathlib import Path

from pipeline.analyst.report.accuracy import SAMPLE_LABELS

REPORT_NAME = "kerjasama-report.html"


def write_report(
    store,
    settings,
    out: Path | None = None,
    *,
    gold_dirs: list[Path] | None = None,
    sample_labels: Path | None = SAMPLE_LABELS,
    crops: bool = True,
) -> Path:
    """Write the report (default settings.reports_dir / kerjasama-report.html) and return its path."""
    from pipeline.analyst.report.data import collect
    from pipeline.analyst.report.render import render

    out = out or Path(settings.reports_dir) / REPORT_NAME
    html = render(collect(store, settings, gold_dirs=gold_dirs, sample_labels=sample_labels, crops=crops))
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.write_text(html, encoding="utf-8")
    partial.replace(out)
    return out


__all__ = ["REPORT_NAME", "write_report"]
