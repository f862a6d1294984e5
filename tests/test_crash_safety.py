"""Issue 7: a worker killed with SIGKILL mid-batch loses nothing: the rerun ends every file in archive or
quarantine exactly once, with one whole record (record, parties, pages) per document."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import time
from pathlib import Path

import hostile
import pytest

DOCS = 8


def drop_agreements(intake: Path) -> dict[str, str]:
    """DOCS distinct text-layer agreements; name -> SHA-256."""
    intake.mkdir(parents=True, exist_ok=True)
    paths = [hostile.agreement(intake / f"agreement-{n:02d}.pdf", f"crash {n}") for n in range(DOCS)]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def wait_for_archived(home: Path, count: int, process, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while len(hostile.stored_files(home / "archive")) < count:
        assert process.poll() is None, (home / "cli.log").read_text(errors="replace")[-3000:]
        assert time.monotonic() < deadline, "the batch never got going"
        time.sleep(0.1)


def assert_consistent(home: Path, digests: dict[str, str]) -> None:
    """Every document exactly once on disk and in the database, no record half-written."""
    state = hostile.database_state(home)
    assert not hostile.stored_files(home / "intake") and not hostile.stored_files(home / "processing")
    kept = hostile.stored_files(home / "archive") + hostile.stored_files(home / "quarantine")
    assert sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in kept) == sorted(digests.values())
    assert not hostile.stored_files(home / "quarantine"), "good documents must not end in quarantine"
    assert [sha for sha, _ in state["documents"]] == sorted(digests.values())
    assert [sha for sha, _, _ in state["records"]] == sorted(digests.values()), "one record per document"
    for sha, pages in state["documents"]:
        assert state["pages"].get(sha) == pages, f"{sha[:12]}: page rows missing"
    for _, record_id, record in state["records"]:
        parties = len(json.loads(record)["parties"])
        assert state["parties"].get(record_id, 0) == parties, f"record {record_id}: party rows missing"
    processed = [sha for sha, outcome in state["events"] if outcome == "processed"]
    assert len(processed) == len(set(processed)), "no document is processed twice"


@pytest.mark.timeout(300)
def test_sigkill_mid_batch_then_rerun_loses_nothing(tmp_path):
    home = tmp_path / "data"
    digests = drop_agreements(home / "intake")
    first = hostile.start_cli(home, "--workers", "2", slow_seconds=1.5)
    wait_for_archived(home, 2, first)
    os.killpg(first.pid, signal.SIGKILL)  # the worker and everything it started, no clean-up at all
    first.wait()
    left = hostile.stored_files(home / "processing") + hostile.stored_files(home / "intake")
    assert left, "the kill came too late to prove anything"
    second = hostile.start_cli(home, "--workers", "2")
    assert second.wait(timeout=240) == 0, (home / "cli.log").read_text(errors="replace")[-3000:]
    assert_consistent(home, digests)


def test_a_run_left_by_a_killed_process_is_closed_as_interrupted(tmp_path):
    import subprocess
    import sys

    from pipeline.store import Store

    url = f"sqlite:///{tmp_path / 'k.db'}"
    Store(url)  # migrated
    code = (
        "import os, signal, sys\n"
        "from pipeline.store import Store\n"
        f"Store({url!r}).start_run('intake')\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1])
    assert killed.returncode == -9
    store = Store(url)
    [left] = store.runs()
    assert left.finished_at is None  # nobody closed it yet
    mine = store.start_run("intake")
    runs = {run.id: run for run in store.runs()}
    assert runs[left.id].finished_at is not None and runs[left.id].summary["status"] == "interrupted"
    assert runs[mine].finished_at is None  # a live run is never closed
    store.start_run("nightly")
    assert store.runs()[1].finished_at is None  # ...by the next run either (its owner still lives)
