"""`kerjasama app`: serve the analysts' workspace (uvicorn), on 127.0.0.1 unless a token guards it."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from flows.cli_common import console
from pipeline.settings import load_settings


def app_command(
    host: Annotated[
        str, typer.Option(help="Address to bind (a non-loopback one needs KERJASAMA_APP_TOKEN)")
    ] = ("127.0.0.1"),
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port")] = 8470,
) -> None:
    """Serve the workspace: review queue, documents on their page images, corrections, search."""
    from pipeline.app import TOKEN_ENV, check_bind, create_app
    from pipeline.store import Store

    token = os.environ.get(TOKEN_ENV) or None
    check_bind(host, token)  # before the database is opened: a refused start changes nothing
    settings = load_settings()
    store = Store(settings.database_url or "")
    application = create_app(store, settings, token=token, allowed_hosts={host.lower()})
    import uvicorn

    shown = f"[{host}]" if ":" in host else host
    console.print(f"Kerjasama workspace on http://{shown}:{port}/" + (" (token required)" if token else ""))
    uvicorn.run(application, host=host, port=port, log_level="warning")
