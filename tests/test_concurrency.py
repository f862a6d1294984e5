"""Issue 7: two `kerjasama process` runs on the same intake at once never process a file twice."""

from __future__ import annotations

import hashlib
from collections import Counter

import hostile
import pytest

DOCS = 10


@pytest.mark.timeout(300)
def test_two_runs_at_once_process_each_file_exactly_once(tmp_path):
    home = tmp_path / "data"
    intake = home / "intake"
    paths = [hostile.agreement(intake / f"mou-{n:02d}.pdf", f"race {n}") for n in range(DOCS)]
    digests = sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in paths)
    logs = [tmp_path / "run1.log", tmp_path / "run2.log"]
    runs = [hostile.start_cli(home, "--workers", "2", slow_seconds=0.3, log=log) for log in logs]
    for i, run in enumerate(runs, 1):
        assert run.wait(timeout=240) == 0, (tmp_path / f"run{i}.log").read_text(errors="replace")[-3000:]
    state = hostile.database_state(home)
    processed = Counter(sha for sha, outcome in state["events"] if outcome == "processed")
    assert sorted(processed) == digests and set(processed.values()) == {1}, processed
    assert all(outcome == "processed" for _, outcome in state["events"]), "no duplicate, no quarantine"
    archived = hostile.stored_files(home / "archive")
    assert sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in archived) == digests
    assert sorted(p.name for p in archived) == sorted(p.name for p in paths)
    assert [sha for sha, _, _ in state["records"]] == digests
    for i in (1, 2):  # both runs really worked the intake (the race was real)
        assert "processed" in (tmp_path / f"run{i}.log").read_text(errors="replace")


def _open_store(url: str, barrier) -> None:
    from pipeline.store.database import Store

    barrier.wait()
    Store(url).close()


def test_runs_starting_at_once_on_a_fresh_database_both_migrate(tmp_path):
    """Regression: two runs on a new SQLite file raced in Alembic ("table documents already exists")."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    barrier = context.Barrier(4)
    workers = [context.Process(target=_open_store, args=(url, barrier)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [worker.exitcode for worker in workers] == [0, 0, 0, 0]
