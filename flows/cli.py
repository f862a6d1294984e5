"""The `kerjasama` command line (typer + rich): every command, registered in one place."""

from __future__ import annotations

import logging
import os
import sys

import typer

from flows.cli_eval import eval_command
from flows.cli_extract import extract
from flows.cli_ops import demo, nightly, process, serve, watch
from flows.cli_records import records_app, report, review_app
from flows.cli_search import search_command
from samples.cli import app as samples_app

app = typer.Typer(help="Kerjasama: cooperation agreements in, structured records out.", no_args_is_help=True)
for command in (extract, process, watch, nightly, serve, demo, report):
    app.command()(command)
app.command("eval")(eval_command)
app.command("search")(search_command)
app.add_typer(records_app, name="records")
app.add_typer(review_app, name="review")
app.add_typer(samples_app, name="samples")


def main() -> None:
    logging.basicConfig(level=os.environ.get("KERJASAMA_LOG_LEVEL", "WARNING"), stream=sys.stderr)
    app()
