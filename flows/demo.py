"""`make demo`: the intake flow over the committed samples (the fixed set and the portfolio set) on the
embedded defaults, then the portfolio and where to look."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pipeline.settings import Settings

SAMPLE_DOCS = Path(__file__).resolve().parents[1] / "samples" / "fixed" / "docs"
PORTFOLIO_DOCS = Path(__file__).resolve().parents[1] / "samples" / "portfolio" / "docs"


def run_demo(
    settings: Settings | None = None, docs: Path = SAMPLE_DOCS, portfolio: Path | None = PORTFOLIO_DOCS
) -> dict[str, Path]:
    """Copy the samples (and the portfolio set) into the intake folder, run the intake flow, export and
    report."""
    from flows.setup import prepare_prefect

    settings = settings or Settings()
    if portfolio is not None and not settings.own_institution:
        from samples.portfolio import PARTNERS

        settings.own_institution = PARTNERS["own"].name  # the office of the portfolio set is "us"
    prepare_prefect(settings)
    from flows.intake import get_store, run_intake
    from pipeline.analyst.export import corrected_records, export_store
    from pipeline.store.partners import own_names

    for folder in (docs, portfolio):
        if folder is not None and not folder.is_dir():
            raise FileNotFoundError(f"no sample documents at {folder}: run `kerjasama samples fixed` first")
    settings.ensure_folders()
    for path in sorted(docs.iterdir()) + (sorted(portfolio.iterdir()) if portfolio else []):
        if path.is_file():
            shutil.copy2(path, settings.intake_dir / path.name)  # type: ignore[operator]
    summary = run_intake(None, settings)
    store = get_store(settings)
    reports = settings.reports_dir
    assert reports is not None
    records = corrected_records(store)
    own = own_names(settings.own_institution)
    threshold, days = settings.review_threshold, settings.expiring_days
    excel = export_store(store, reports / "kerjasama.xlsx", "xlsx", threshold, days, own=own)[0]
    json_dir = settings.home / "records"
    json_dir.mkdir(parents=True, exist_ok=True)
    for record in records:
        target = json_dir / f"{Path(record['document']['filename']).stem}.json"
        target.write_text(json.dumps(record, ensure_ascii=False, indent=2))
    outputs = {
        "database": Path(settings.database_url.removeprefix("sqlite:///")),  # type: ignore[union-attr]
        "records": json_dir,
        "archive": settings.archive_dir,
        "quarantine": settings.quarantine_dir,
        "excel": excel,
    }
    try:
        from pipeline.analyst.report import write_report
    except ImportError:
        pass
    else:
        outputs["report"] = write_report(store, settings)
    outputs["summary"] = summary  # type: ignore[assignment]
    return outputs  # type: ignore[return-value]
