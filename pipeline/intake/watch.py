"""Watch the intake folder: file events (watchdog) or polling trigger debounced intake runs (no Prefect)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from pipeline.intake.folders import ERROR_SUFFIX, is_temporary

log = logging.getLogger(__name__)

DEFAULT_DEBOUNCE = 2.0


def _nothing() -> bool:
    return False


class _Nudge(FileSystemEventHandler):
    """Any relevant change in the intake marks the watcher dirty (temporary files and error reports aside)."""

    def __init__(self, watcher: Watcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write", "deleted"):
            return
        path = Path(str(getattr(event, "dest_path", "") or event.src_path))
        if is_temporary(path) or path.name.endswith(ERROR_SUFFIX):
            return
        self.watcher.nudge()


class Watcher:
    """Calls `run` once changes settle for `debounce` seconds, every `poll` seconds if set, and again while
    `pending` reports files still being written. `run` failing is logged; watching goes on."""

    def __init__(self, folder: Path, run: Callable[[], object], *, pending: Callable[[], bool] = _nothing,
                 debounce: float = DEFAULT_DEBOUNCE, poll: float | None = None, recheck: float = 2.0,
                 polling_observer: bool = False) -> None:  # fmt: skip
        self.folder, self.run, self.pending = folder, run, pending
        self.debounce, self.poll, self.recheck = debounce, poll, recheck
        self.polling_observer = polling_observer
        self.runs = 0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._dirty_at: float | None = time.monotonic() - debounce  # sweep what is already there
        self._lock = threading.Lock()

    def nudge(self) -> None:
        with self._lock:
            self._dirty_at = time.monotonic()
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def _observer(self):
        observer = PollingObserver(timeout=self.poll or 5.0) if self.polling_observer else Observer()
        observer.schedule(_Nudge(self), str(self.folder), recursive=True)
        try:
            observer.start()
        except OSError as exc:  # e.g. inotify watch limit reached: fall back to polling the folder
            log.warning("file events unavailable for %s (%s): polling instead", self.folder, exc)
            observer = PollingObserver(timeout=self.poll or 5.0)
            observer.schedule(_Nudge(self), str(self.folder), recursive=True)
            observer.start()
        return observer

    def serve(self) -> None:
        """Block until `stop()` (or Ctrl-C), running the intake when it is due."""
        self.folder.mkdir(parents=True, exist_ok=True)
        observer = self._observer()
        last_run = time.monotonic()
        log.info("watching %s (debounce %.1fs, poll %s)", self.folder, self.debounce, self.poll or "off")
        try:
            while not self._stop.is_set():
                now = time.monotonic()
                if self._due(now, last_run):
                    self._run_once()
                    last_run = time.monotonic()
                self._wake.wait(self._sleep(time.monotonic(), last_run))
                self._wake.clear()
        finally:
            observer.stop()
            observer.join(timeout=10)

    def _due(self, now: float, last_run: float) -> bool:
        with self._lock:
            settled = self._dirty_at is not None and now - self._dirty_at >= self.debounce
        return settled or (self.poll is not None and now - last_run >= self.poll)

    def _sleep(self, now: float, last_run: float) -> float:
        waits = [1.0]
        with self._lock:
            if self._dirty_at is not None:
                waits.append(self._dirty_at + self.debounce - now)
        if self.poll is not None:
            waits.append(last_run + self.poll - now)
        return max(0.05, min(waits))

    def _run_once(self) -> None:
        with self._lock:
            self._dirty_at = None
        try:
            self.run()
        except Exception:
            log.exception("intake run failed; watching on")
        self.runs += 1
        if self.pending():  # files still being written: look again once they may have settled
            with self._lock:
                if self._dirty_at is None:
                    self._dirty_at = time.monotonic() - self.debounce + self.recheck
