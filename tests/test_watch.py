"""The watcher: events are debounced into one run, polling works without events, unfinished files recheck."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from pipeline.intake.watch import Watcher


def start(watcher: Watcher) -> threading.Thread:
    thread = threading.Thread(target=watcher.serve, daemon=True)
    thread.start()
    return thread


def wait_for(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_burst_of_events_gives_one_debounced_run(tmp_path: Path):
    calls: list[float] = []
    watcher = Watcher(tmp_path, lambda: calls.append(time.monotonic()), debounce=0.5)
    thread = start(watcher)
    assert wait_for(lambda: len(calls) == 1)  # the initial sweep
    for i in range(5):
        (tmp_path / f"f{i}.pdf").write_bytes(b"x")
        time.sleep(0.1)
    assert wait_for(lambda: len(calls) == 2)
    time.sleep(1.0)
    assert len(calls) == 2  # five files, one run
    watcher.stop()
    thread.join(5)
    assert not thread.is_alive()


def test_temporary_files_do_not_trigger(tmp_path: Path):
    calls: list[int] = []
    watcher = Watcher(tmp_path, lambda: calls.append(1), debounce=0.2)
    thread = start(watcher)
    assert wait_for(lambda: len(calls) == 1)
    (tmp_path / "mou.pdf.part").write_bytes(b"x")
    (tmp_path / "~$draft.docx").write_bytes(b"x")
    time.sleep(0.8)
    assert len(calls) == 1
    watcher.stop()
    thread.join(5)


def test_polling_fallback_runs_without_events(tmp_path: Path):
    calls: list[int] = []
    watcher = Watcher(tmp_path, lambda: calls.append(1), debounce=0.2, poll=0.4, polling_observer=True)
    thread = start(watcher)
    assert wait_for(lambda: len(calls) >= 3, timeout=5)  # sweep, then every 0.4 s with nothing happening
    watcher.stop()
    thread.join(5)


def test_pending_files_are_rechecked_and_failures_do_not_stop_watching(tmp_path: Path):
    state = {"runs": 0}

    def run():
        state["runs"] += 1
        if state["runs"] == 1:
            raise RuntimeError("database down")

    watcher = Watcher(tmp_path, run, pending=lambda: state["runs"] < 3, debounce=5.0, recheck=0.2)
    thread = start(watcher)
    assert wait_for(lambda: state["runs"] == 3, timeout=5)  # no events: rechecks because files are pending
    time.sleep(0.5)
    assert state["runs"] == 3
    watcher.stop()
    thread.join(5)


def test_watch_drives_the_intake_until_a_slow_file_is_done(settings, store):
    from test_intake import fake_extract

    from pipeline.intake.stages import pending
    from pipeline.run import process_intake

    settings.stable_seconds = 0.5
    watcher = Watcher(settings.intake_dir, lambda: process_intake(store, settings, fake_extract),
                      pending=lambda: bool(pending(settings)), debounce=0.2, recheck=0.3)  # fmt: skip
    thread = start(watcher)
    (settings.intake_dir / "a.pdf").write_bytes(b"%PDF a")
    assert wait_for(lambda: len(store.latest_records()) == 1)
    # the runner stores the record, then moves the file: the archive follows a moment later
    assert wait_for(lambda: [p.name for p in settings.archive_dir.rglob("*.pdf")] == ["a.pdf"])
    watcher.stop()
    thread.join(5)
