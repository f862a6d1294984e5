"""The `kerjasama` command line (typer + rich): every command, registered in one place, and the one edge
where errors become a line and an exit code (README "Exit codes")."""

from __future__ import annotations

import logging
import os
import sys
from typing import Annotated

import typer

from flows.cli_app import app_command
from flows.cli_doctor import doctor
from flows.cli_eval import eval_command
from flows.cli_extract import extract
from flows.cli_links import links_command
from flows.cli_ops import demo, nightly, process, serve, watch
from flows.cli_portfolio import partners_command
from flows.cli_records import records_app, report, review_app
from flows.cli_search import search_command
from pipeline.errors import EXIT_ENVIRONMENT, EXIT_USAGE, SettingsError, environment_fault
from samples.cli import app as samples_app

app = typer.Typer(help="Kerjasama: cooperation agreements in, structured records out.", no_args_is_help=True)
for command in (extract, process, watch, nightly, serve, demo, report, doctor):
    app.command()(command)
app.command("eval")(eval_command)
app.command("search")(search_command)
app.command("app")(app_command)
records_app.command("links")(links_command)
records_app.command("partners")(partners_command)
app.add_typer(records_app, name="records")
app.add_typer(review_app, name="review")
app.add_typer(samples_app, name="samples")

DEBUG_ENV = "KERJASAMA_DEBUG"
BUG_EXIT = 4  # an unexpected error: a bug in Kerjasama (the traceback with --debug)


def version_text() -> str:
    from pipeline import PIPELINE_VERSION, package_version

    return f"kerjasama {package_version()} (pipeline {PIPELINE_VERSION})"


def _version(value: bool) -> None:
    if value:
        typer.echo(version_text())
        raise typer.Exit()


@app.callback()
def options(
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an error.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the versions and exit.")
    ] = False,
) -> None:
    """Kerjasama: cooperation agreements in, structured records out."""
    if debug:
        os.environ[DEBUG_ENV] = "1"


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=os.environ.get("KERJASAMA_LOG_LEVEL", "WARNING"), stream=sys.stderr)
    try:
        app(args=argv)
    except Exception as exc:
        code, line = error_line(exc)
        if os.environ.get(DEBUG_ENV) == "1":
            raise
        typer.echo(f"kerjasama: {line}", err=True)
        sys.exit(code)


def error_line(exc: Exception) -> tuple[int, str]:
    """(exit code, one line) for an error that reached the command line."""
    settings_error = _settings_error(exc)
    if settings_error is not None:
        return EXIT_USAGE, f"configuration error: {settings_error}"
    fault = environment_fault(exc, _database_url())
    if fault is not None:
        return EXIT_ENVIRONMENT, fault.line()
    where = "kerjasama --debug ... shows the traceback"
    return BUG_EXIT, f"unexpected error (a bug in Kerjasama): {type(exc).__name__}: {exc} ({where})"


def _settings_error(exc: Exception) -> SettingsError | None:
    """A SettingsError, or one made of a Settings() error raised by a command that did not use
    load_settings."""
    import tomllib

    from pydantic import ValidationError

    from pipeline.settings import config_file, describe

    if isinstance(exc, SettingsError):
        return exc
    if isinstance(exc, ValidationError) and exc.title == "Settings":
        return SettingsError(describe(exc, config_file()))
    if isinstance(exc, tomllib.TOMLDecodeError):
        return SettingsError(f"{config_file()}: not valid TOML: {exc}")
    return None


def _database_url() -> str | None:
    from pipeline.settings import load_settings

    try:
        return load_settings().database_url
    except SettingsError:
        return None
