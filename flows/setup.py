"""Prefect environment defaults, set before Prefect is imported (it reads settings at import), and the
reaping of temporary Prefect servers whose Kerjasama process was killed."""

from __future__ import annotations

import logging
import os
import signal
from pathlib import Path

from pipeline.processes import alive
from pipeline.settings import Settings

log = logging.getLogger(__name__)

PREFECT_DEFAULTS = {
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
}
# Every process a Kerjasama run starts (Prefect's temporary server among them) inherits the pid of the run
# that started it: a server whose run is gone (killed with SIGKILL) is an orphan, and the next run stops it.
OWNER_VARIABLE = "KERJASAMA_OWNER_PID"
_SERVER_MARK = b"prefect.server.api.server"  # in the command line of Prefect's temporary server
PROC = Path("/proc")


def prepare_prefect(settings: Settings) -> None:
    """Embedded defaults; cached task results live in the data root (Prefect's own home stays shared,
    so its temporary server's database is migrated once per machine, not once per data root)."""
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault(
        "PREFECT_LOCAL_STORAGE_PATH", str((settings.home / "prefect" / "results").resolve())
    )
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    reap_orphaned_servers()
    os.environ[OWNER_VARIABLE] = str(os.getpid())


def reap_orphaned_servers(proc: Path = PROC) -> list[int]:
    """Stop the temporary Prefect servers left by Kerjasama runs that no longer live; returns their pids.
    A server started by a live run, or by anyone but Kerjasama, is never touched (Linux /proc only)."""
    reaped: list[int] = []
    if not proc.is_dir():
        return reaped
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if _SERVER_MARK not in (entry / "cmdline").read_bytes():
                continue
            owner = _owner(entry / "environ")
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if owner is None or alive(owner):
            continue
        try:
            os.kill(int(entry.name), signal.SIGTERM)
        except OSError:
            continue
        log.warning(
            "stopped an orphaned Prefect server (pid %s) left by a killed run (pid %s)", entry.name, owner
        )
        reaped.append(int(entry.name))
    return reaped


def _owner(environ: Path) -> int | None:
    for item in environ.read_bytes().split(b"\0"):
        if item.startswith(OWNER_VARIABLE.encode() + b"="):
            value = item.split(b"=", 1)[1]
            return int(value) if value.isdigit() else None
    return None
