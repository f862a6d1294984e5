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
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port")] = 8470,
) -> None:
    """Serve the workspace: review queue, documents on their page images, corrections, search."""
    from pipeline.analyst.app import TOKEN_ENV

    server = workspace_server(host, port)
    shown = f"[{host}]" if ":" in host else host
    guarded = " (token required)" if os.environ.get(TOKEN_ENV) else ""
    console.print(f"Kerjasama workspace on http://{shown}:{port}/{guarded}")
    server.run()


def workspace_server(host: str, port: int):
    """A uvicorn server of the workspace over the configured store; refused (SettingsError, exit 2) on a
    non-loopback address without KERJASAMA_APP_TOKEN, before the database is opened."""
    import uvicorn

    from pipeline.analyst.app import TOKEN_ENV, check_bind, create_app
    from pipeline.store.database import Store

    token = os.environ.get(TOKEN_ENV) or None
    check_bind(host, token)
    settings = load_settings()
    application = create_app(
        Store(settings.database_url or ""), settings, token=token, allowed_hosts={host.lower()}
    )
    application.guard_token = bool(token)  # type: ignore[attr-defined]
    return uvicorn.Server(uvicorn.Config(application, host=host, port=port, log_level="warning"))


def start_workspace(host: str, port: int):
    """The workspace served from a daemon thread, beside `kerjasama serve`'s deployments."""
    import threading
    import time

    server = workspace_server(host, port)
    thread = threading.Thread(target=server.run, name="kerjasama-app", daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        time.sleep(0.05)
    if not server.started:
        raise OSError(f"the workspace could not listen on {host}:{port} (is the port in use?)")
    console.print(f"Kerjasama workspace on http://{host}:{port}/")
    return server
