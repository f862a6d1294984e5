"""The workspace's guards: loopback unless a token is set, access token, CSRF, allowed hosts, headers."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass, field

from starlette.datastructures import FormData
from starlette.requests import Request

from pipeline.errors import SettingsError

TOKEN_ENV = "KERJASAMA_APP_TOKEN"
SESSION_COOKIE = "kj_session"
TOKEN_COOKIE = "kj_token"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
LOOPBACK_NAMES = ("localhost",)
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


class CsrfError(PermissionError):
    """A form posted without this browser session's CSRF token."""


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve on a non-loopback address without an access token (anyone on the network could
    read and change every record)."""
    if not is_loopback(host) and not token:
        raise SettingsError(
            f"refusing to serve the workspace on {host}: it is not a loopback address and {TOKEN_ENV} is "
            f"not set; set {TOKEN_ENV} to a long random secret (e.g. `openssl rand -hex 24`) "
            "or bind to 127.0.0.1"
        )


@dataclass
class Guard:
    """Per-process secrets and the optional access token."""

    token: str | None = None
    allowed_hosts: set[str] = field(default_factory=set)
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    def csrf_token(self, session: str) -> str:
        return hmac.new(self.secret, session.encode(), hashlib.sha256).hexdigest()

    def token_ok(self, offered: str | None) -> bool:
        if not self.token:
            return True
        return offered is not None and hmac.compare_digest(offered.encode(), self.token.encode())

    def host_ok(self, request: Request) -> bool:
        """The Host header names this server (guards against DNS rebinding onto 127.0.0.1). With a token
        any name may reach it (a rebound page has no token cookie): a shared server has many names."""
        if self.token:
            return True
        header = (request.headers.get("host") or "").lower()
        host = header[1:].split("]")[0] if header.startswith("[") else header.rsplit(":", 1)[0]
        return host in self.allowed_hosts or is_loopback(host)

    async def verified_form(self, request: Request) -> FormData:
        """The posted form, after checking it carries this session's CSRF token."""
        form = await request.form()
        session = request.cookies.get(SESSION_COOKIE) or ""
        offered = str(form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER) or "")
        if not session or not hmac.compare_digest(offered.encode(), self.csrf_token(session).encode()):
            raise CsrfError(
                "this form has no valid CSRF token (an old page, or a post from another site): "
                "reload the page and save again"
            )
        return form


def new_session() -> str:
    return secrets.token_urlsafe(24)
