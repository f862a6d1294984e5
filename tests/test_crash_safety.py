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

    from pipeline.store.database import Store

    url = f"sqlite:///{tmp_path / 'k.db'}"
    Store(url)  # migrated
    code = (
        "import os, signal, sys\n"
        "from pipeline.store.database import Store\n"
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


def test_an_orphaned_temporary_server_is_stopped_and_a_live_ones_is_not():
    import subprocess
    import sys

    from flows.setup import OWNER_VARIABLE, reap_orphaned_servers

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    dead_pid = int(dead.stdout)  # a Kerjasama run that is gone (its pid not reused this soon)
    fake_server = [
        sys.executable,
        "-c",
        "import time; time.sleep(120)",
        "prefect.server.api.server:create_app",
    ]
    orphan = subprocess.Popen(fake_server, env={**os.environ, OWNER_VARIABLE: str(dead_pid)})
    kept = subprocess.Popen(fake_server, env={**os.environ, OWNER_VARIABLE: str(os.getpid())})
    try:
        time.sleep(0.5)
        reaped = reap_orphaned_servers()
        assert orphan.pid in reaped and kept.pid not in reaped
        assert orphan.wait(timeout=10) == -signal.SIGTERM
        assert kept.poll() is None  # its run (this test) still lives
    finally:
        for process in (orphan, kept):
            process.kill()
            process.wait()


def _servers_of(owner: int) -> list[int]:
    from flows.setup import PROC, _owner

    found = []
    for entry in PROC.iterdir():
        try:
            if entry.name.isdigit() and b"prefect.server.api.server" in (entry / "cmdline").read_bytes():
                if _owner(entry / "environ") == owner:
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.timeout(400)
def test_sigkill_of_the_run_alone_leaves_no_server_behind_the_next_run(tmp_path):
    """`kill -9 PID` of `kerjasama process` (not its group): its temporary Prefect server lives on as an
    orphan; the next run stops it before it starts its own, and closes the killed run as interrupted."""
    import subprocess
    import sys

    home = tmp_path / "data"
    drop_agreements(home / "intake")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KERJASAMA_", "PREFECT_API"))}
    env.update(
        KERJASAMA_HOME=str(home), KERJASAMA_STABLE_SECONDS="0", KERJASAMA_TEST_SLOW_EXTRACT_SECONDS="2"
    )
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    log = (home / "cli.log").open("ab")
    command = [sys.executable, str(hostile.SLOW_CLI), "process"]
    first = subprocess.Popen(command, env=env, stdout=log, stderr=log, start_new_session=True)
    deadline = time.monotonic() + 180
    while not (servers := _servers_of(first.pid)):
        assert first.poll() is None and time.monotonic() < deadline, "no temporary server came up"
        time.sleep(0.5)
    os.kill(first.pid, signal.SIGKILL)  # the run only: its server is left behind
    first.wait()
    time.sleep(0.5)
    assert _servers_of(first.pid) == servers  # an orphan now
    second = subprocess.Popen(command, env=env, stdout=log, stderr=log, start_new_session=True)
    try:
        assert second.wait(timeout=240) == 0, (home / "cli.log").read_text(errors="replace")[-3000:]
    finally:
        if second.poll() is None:
            os.killpg(second.pid, signal.SIGKILL)
    time.sleep(1)
    assert _servers_of(first.pid) == [], "the orphaned server is still running"
    state = hostile.database_state(home)
    assert state["documents"], "the second run processed the intake"
    from pipeline.store.database import Store

    runs = Store(f"sqlite:///{home / 'kerjasama.db'}").runs()
    assert runs and all(run.finished_at is not None for run in runs)  # none left open (killed: interrupted)
