"""`kerjasama app`: the analysts' local web workspace (FastAPI, Jinja2 templates, vendored htmx)."""

from __future__ import annotations

from pipeline.analyst.app.security import TOKEN_ENV, check_bind, is_loopback

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8470


def create_app(store, settings, *, token: str | None = None, allowed_hosts: set[str] | None = None):
    """The ASGI application over `store`; with `token`, every request must carry it."""
    from pipeline.analyst.app.routes import build

    return build(store, settings, token=token, allowed_hosts=allowed_hosts or set())


__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "TOKEN_ENV", "check_bind", "create_app", "is_loopback"]
