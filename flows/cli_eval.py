"""`kerjasama eval`: score extraction against gold labels and print the tables (docs/EVALUATION.md)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from pipeline.errors import EnvironmentFault
from pipeline.quality.evaluate import (
    FLAG_CODE,
    EvalReport,
    Json,
    evaluate,
    evaluate_folds,
    load_folds,
    load_labels,
    load_predictions,
)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _short(value: Any, width: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= width else text[: width - 1] + "…"


def _field_table(report: EvalReport) -> Table:
    table = Table(title=f"Per-field scores (macro F1 {_pct(report.macro_f1)})")
    for column in ("field", "P", "R", "F1", "TP", "FP", "FN", "support"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for name, c in report.fields.items():
        table.add_row(name, _pct(c.precision), _pct(c.recall), _pct(c.f1), str(c.tp), str(c.fp), str(c.fn),
                      str(c.support))  # fmt: skip
    return table


def format_report(report: EvalReport, *, documents: bool = True) -> str:
    """The report as plain-text tables: fields, workplan, calibration, and (`documents`) the mismatches."""
    out = io.StringIO()
    console = Console(file=out, width=120, color_system=None, force_terminal=False)
    console.print(_field_table(report))
    for name, c in report.extra.items():
        console.print(f"{name} (outside the macro F1, labelled documents only): P {_pct(c.precision)} "
                      f"R {_pct(c.recall)} F1 {_pct(c.f1)} (TP {c.tp}, FP {c.fp}, FN {c.fn})")  # fmt: skip
    for title, acc in (
        (f"{FLAG_CODE} accuracy", report.flag),
        ("workplan (3-way) accuracy", report.workplan),
    ):
        console.print(f"{title}: {_pct(acc.accuracy)} ({acc.correct}/{acc.total}), balanced "
                      f"{_pct(acc.balanced_accuracy)}  "
                      + "  ".join(f"{k}: {v}" for k, v in sorted(acc.confusion.items())))  # fmt: skip
    bands = Table(title="Calibration (scalar fields with a value)")
    for column in ("confidence", "count", "correct", "accuracy"):
        bands.add_column(column, justify="right")
    for b in report.calibration:
        bands.add_row(f"{b.low:.2f}-{b.high:.2f}", str(b.count), str(b.correct), _pct(b.accuracy))
    console.print(bands)
    for doc in report.documents if documents else []:
        note = " (NO PREDICTION)" if doc.missing_prediction else ""
        console.print(f"{doc.stem}{note}: {len(doc.mismatches)} mismatch(es)")
        for m in doc.mismatches:
            console.print(f"  {m.outcome:5} {m.field:16} gold={_short(m.gold)} pred={_short(m.predicted)}")
    return out.getvalue()


def format_folds(reports: dict[str, EvalReport]) -> str:
    """Per-field F1 side by side for every fold (and "all"), with the workplan figures under them."""
    out = io.StringIO()
    console = Console(file=out, width=120, color_system=None, force_terminal=False)
    table = Table(title="F1 by fold")
    table.add_column("field")
    for fold, r in reports.items():
        table.add_column(f"{fold} ({len(r.documents)})", justify="right")
    first = next(iter(reports.values()))
    for name in [*first.fields, *first.extra]:
        table.add_row(
            name,
            *(
                _pct((r.fields.get(name) or r.extra.get(name)).f1)  # type: ignore[union-attr]
                if name in r.fields or name in r.extra
                else "-"
                for r in reports.values()
            ),
        )
    table.add_row("macro F1", *(_pct(r.macro_f1) for r in reports.values()))
    table.add_row("workplan accuracy", *(_pct(r.workplan.accuracy) for r in reports.values()))
    table.add_row(f"{FLAG_CODE} accuracy", *(_pct(r.flag.accuracy) for r in reports.values()))
    table.add_row(f"{FLAG_CODE} balanced acc.", *(_pct(r.flag.balanced_accuracy) for r in reports.values()))
    console.print(table)
    return out.getvalue()


def _fail(message: str) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code=2)


def _document_files(docs: Path) -> dict[str, Path]:
    suffixes = {".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg", ".docx"}
    files: dict[str, Path] = {}
    for path in sorted(p for p in docs.iterdir() if p.suffix.lower() in suffixes):
        if path.stem in files:
            raise _fail(
                f"two documents share the stem {path.stem!r} in {docs}: {files[path.stem].name}, {path.name}"
            )
        files[path.stem] = path
    return files


def _extract_all(files: dict[str, Path], page_cache: Path | None) -> dict[str, Json]:
    # lazy: the extraction stack is heavy and optional here
    from pipeline.document import extract_file
    from pipeline.quality.pagecache import cached_record

    predicted = {}
    for stem, path in files.items():
        try:
            record = extract_file(path) if page_cache is None else cached_record(path, page_cache)
            predicted[stem] = record.to_json_dict()
        except EnvironmentFault:  # the machine, not this file (a missing OCR language): stop, exit 3
            raise
        except Exception as exc:  # noqa: BLE001 - one bad file is scored as missed, not a crash
            typer.echo(f"Warning: extracting {path} failed ({exc}); it counts as all-FN", err=True)
    return predicted


def _predictions(
    labels: dict[str, Json], docs: Path | None, pred: Path | None, page_cache: Path | None = None
) -> dict[str, Json]:
    if (docs is None) == (pred is None):
        raise _fail("give exactly one of --docs DIR (extract now) or --pred DIR (score record JSON files)")
    source = docs if docs is not None else pred
    if source is None or not source.is_dir():
        raise _fail(f"{source} is not a directory")
    if docs is not None:
        files = _document_files(docs)
        no_doc, no_label = sorted(set(labels) - set(files)), sorted(set(files) - set(labels))
        if no_doc or no_label:
            raise _fail(f"labels without a document: {no_doc or 'none'}; documents without a label: "
                        f"{no_label or 'none'}. Documents and labels are matched by file stem.")  # fmt: skip
        return _extract_all(files, page_cache)
    predicted = load_predictions(source)
    for stem in sorted(set(labels) - set(predicted)):
        typer.echo(f"Warning: no prediction {stem}.json in {source}; it counts as all-FN", err=True)
    for stem in sorted(set(predicted) - set(labels)):
        typer.echo(f"Warning: prediction {stem}.json has no gold label; ignored", err=True)
    return predicted


def eval_command(
    gold: Annotated[Path, typer.Option("--gold", help="Gold labels folder (or a folder with labels/).")],
    docs: Annotated[Path | None, typer.Option("--docs", help="Documents to extract and score.")] = None,
    pred: Annotated[Path | None, typer.Option("--pred", help="Record JSON files to score.")] = None,
    out_json: Annotated[
        Path | None, typer.Option("--out-json", help="Also write the report as JSON.")
    ] = None,
    page_cache: Annotated[
        Path | None,
        typer.Option("--page-cache", help="With --docs: keep page text here by file hash (OCR once)."),
    ] = None,
    folds: Annotated[
        Path | None,
        typer.Option("--folds", help="Folds file ([families.X] fold/members): F1 per fold side by side."),
    ] = None,
    summary: Annotated[
        bool, typer.Option("--summary", help="Only the tables, no per-document list.")
    ] = False,
) -> None:
    """Score extraction against gold labels: per-field P/R/F1, workplan flag accuracy, calibration."""
    try:
        labels = load_labels(gold)
    except (OSError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    predicted = _predictions(labels, docs, pred, page_cache)
    report = evaluate(labels, predicted)
    typer.echo(format_report(report, documents=not summary))
    payload: Json = report.to_dict()
    if folds is not None:
        try:
            reports = evaluate_folds(labels, predicted, load_folds(folds))
        except ValueError as exc:
            raise _fail(str(exc)) from exc
        typer.echo(format_folds(reports))
        payload["folds"] = {name: r.to_dict() for name, r in reports.items() if name != "all"}
    if out_json is not None:
        out_json.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
