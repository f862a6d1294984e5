"""Prefect environment defaults, set before Prefect is imported (it reads settings at import)."""

from __future__ import annotations

import os

from pipeline.settings import Settings

PREFECT_DEFAULTS = {
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
}


def prepare_prefect(settings: Settings) -> None:
    """Embedded defaults; cached task results live in the data root (Prefect's own home stays shared,
    so its temporary server's database is migrated once per machine, not once per data root)."""
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault(
        "PREFECT_LOCAL_STORAGE_PATH", str((settings.home / "prefect" / "results").resolve())
    )
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
