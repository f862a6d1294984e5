"""Shared pieces of the command line: the stderr console, progress bars, run summaries."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

console = Console(stderr=True)


def progress_bar() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def print_summary(summary: dict) -> None:
    table = Table("file", "outcome", "detail")
    for item in summary["files"]:
        detail = item["reason"] if item["outcome"] != "processed" else ", ".join(item["flags"])
        table.add_row(item["name"], item["outcome"], detail or "")
    console.print(table)
    skipped = f", left for the next run {summary['skipped']}" if summary.get("skipped") else ""
    console.print(
        f"processed {summary['processed']}, duplicates {summary['duplicates']}, "
        f"quarantined {summary['quarantined']}{skipped}"
    )
