"""Shared fixtures: settings in a temporary data root, a SQLite store (and one on SQLite and PostgreSQL),
paths to samples and realdocs."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from pipeline.settings import Settings

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
for _key, _value in {
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
}.items():
    os.environ.setdefault(_key, _value)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "fixed"
REALDOCS = ROOT.parent / "shared" / "realdocs"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings on a fresh data root; files count as fully written at once."""
    value = Settings(home=tmp_path / "data", stable_seconds=0)
    value.ensure_folders()
    return value


@pytest.fixture
def store(settings: Settings):
    from pipeline.store.database import Store

    value = Store(settings.database_url or "")
    yield value
    value.close()


@pytest.fixture
def realdocs() -> Path:
    if not (REALDOCS / "pdf").is_dir():
        pytest.skip(f"../shared/realdocs is absent ({REALDOCS}): real documents are only on the dev machine")
    return REALDOCS


@pytest.fixture
def sample_docs() -> Path:
    docs = SAMPLES / "docs"
    if not docs.is_dir():
        pytest.skip("samples/fixed/docs has not been generated yet")
    return docs


POSTGRES_URL = os.environ.get("KERJASAMA_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path):
    """A store on SQLite, and on the PostgreSQL of KERJASAMA_TEST_POSTGRES_URL in a schema of its own."""
    from pipeline.store.database import Store

    if request.param == "sqlite":
        store = Store(f"sqlite:///{tmp_path / 'k.db'}")
        yield store
        store.close()
        return
    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL server: set KERJASAMA_TEST_POSTGRES_URL (.ci/run starts one)")
    schema = f"t_{uuid.uuid4().hex[:8]}"
    admin = Store(POSTGRES_URL, auto_migrate=False)
    with admin.engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    store = Store(f"{POSTGRES_URL}?options=-csearch_path%3D{schema}")
    yield store
    store.close()
    with admin.engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.close()
