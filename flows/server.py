"""A temporary Prefect server started first, so it boots while a one-shot command does its own work.

Without a configured `PREFECT_API_URL`, Prefect starts a temporary server the first time a flow needs
the API, and waits for it: importing its server package in our process (~3 s) and then the server's own
start-up (~4-6 s), all after our imports, one thing after the other. `process`, `nightly` and `watch`
instead start the same server (the same uvicorn command Prefect runs, on a free port) before anything
else, let it boot on another core while they import the pipeline and open the database, and wait for
`/api/health` only then:

    with prefect_server() as server:    # the subprocess starts now (unless PREFECT_API_URL is set)
        from flows.intake import run_intake
        server.use()                    # Prefect imported: PREFECT_API_URL set, wait until healthy
        run_intake(...)
                                        # on exit: Prefect's log and event queues drained, server stopped

A server configured elsewhere is respected: `PREFECT_API_URL` in the environment (nothing is started),
or an API URL from a Prefect profile, `prefect.toml` or `.env` (found once Prefect is imported; the early
server is stopped). If the early server does not answer within Prefect's start-up timeout, it is stopped
with a warning and Prefect falls back to its own temporary server. The server is stopped on exit, on an
exception or Ctrl-C, on SIGTERM/SIGHUP, and by atexit as a backstop. Flow runs against it send no
heartbeats, and it registers no block types and runs no automations at start (see SERVER_ENV): nothing
of that outlives one command. This module never imports `prefect.server` (nor Prefect before `use`).
"""

from __future__ import annotations

import atexit
import importlib.util
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

API_URL_ENV = "PREFECT_API_URL"
TIMEOUT_ENV = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
# What Prefect's SubprocessASGIServer sets for its temporary server (no UI, ephemeral-mode services), and
# no block-type registration at start: that loads every installed Prefect collection (prefect-dask imports
# Dask, ~0.4 s) to register block types for the UI, which a server living for one command never shows.
SERVER_ENV = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
    "PREFECT_API_BLOCKS_REGISTER_ON_START": "false",
    "PREFECT_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false",
    # Nor automations (their trigger and action services take ~0.5 s to start): Kerjasama defines none,
    # and this server has no UI to define them; `kerjasama serve` runs against a lasting server instead.
    "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "false",
}
PORT_IN_USE = 3  # uvicorn's exit code when it cannot bind its port (another process took it meanwhile)
STOP_SECONDS = 5.0
DEFAULT_TIMEOUT = 20.0  # Prefect's default for TIMEOUT_ENV (flows.setup sets 180)


def free_port() -> int:
    """A port nobody listens on now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_command(port: int) -> list[str]:
    """Prefect's own command line for its temporary server (`SubprocessASGIServer._run_uvicorn_command`)."""
    spec = importlib.util.find_spec("prefect")  # located, not imported
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("prefect is not installed")
    return [
        sys.executable, "-m", "uvicorn",
        "--app-dir", str(Path(spec.origin).parent.parent),
        "--factory", "prefect.server.api.server:create_app",
        "--host", "127.0.0.1", "--port", str(port),
        "--log-level", "error", "--lifespan", "on",
    ]  # fmt: skip


class PrefectServer:
    """One temporary Prefect API server in a subprocess, for the lifetime of one command."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.port: int | None = None
        self.in_use = False  # PREFECT_API_URL points at this server
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._healthy = False
        self._stopped = False
        self._settings: ExitStack | None = None
        self._url_set: str | None = None
        self._handled: list[int] = []

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self, timeout: float | None = None) -> None:
        """Launch the server and return at once; a thread waits until it is healthy (`use` waits for that)."""
        self._launch()
        atexit.register(self.stop)  # a backstop: the context manager stops it first
        self._handle_termination()
        limit = timeout if timeout is not None else float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT))
        threading.Thread(target=self._wait, args=(limit,), name="prefect-server-ready", daemon=True).start()

    def _handle_termination(self) -> None:
        """SIGTERM or SIGHUP still end the command at once, as they did, but take the server along
        (atexit does not run then): it is sent SIGTERM first. Only where those signals were not handled."""
        if threading.current_thread() is not threading.main_thread():
            return
        for signum in (signal.SIGTERM, signal.SIGHUP):
            if signal.getsignal(signum) == signal.SIG_DFL:
                signal.signal(signum, self._terminated)
                self._handled.append(signum)

    def _terminated(self, signum: int, frame) -> None:
        process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    def _release_signals(self) -> None:
        while self._handled:
            signum = self._handled.pop()
            if signal.getsignal(signum) == self._terminated:
                signal.signal(signum, signal.SIG_DFL)

    def _launch(self) -> None:
        with self._lock:
            if self._stopped:
                return
            self.port = free_port()
            self.process = subprocess.Popen(server_command(self.port), env={**os.environ, **SERVER_ENV})

    def _get(self, path: str) -> bool:
        try:
            with urllib.request.urlopen(f"{self.api_url}{path}", timeout=5) as response:
                return response.status == 200
        except OSError:  # refused while booting; urllib's HTTPError is an OSError too
            return False

    def _wait(self, timeout: float) -> None:
        """Until `/api/health` answers (then one API call, whose first answer is slow, is made here
        rather than in the flow); gives up when the server exits or after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                with self._lock:
                    process = self.process
                    code = None if process is None else process.poll()
                if process is None:
                    return
                if code == PORT_IN_USE:  # the free port was taken before uvicorn bound it: another one
                    self._launch()
                    continue
                if code is not None:
                    log.warning("the temporary Prefect server exited with code %s", code)
                    return
                if self._get("/health"):
                    self._get("/admin/version")
                    self._healthy = True
                    return
                time.sleep(0.05)
        finally:
            self._ready.set()

    def booting(self) -> bool:
        """Still starting: time the command may spend on work it would otherwise do later."""
        return self.process is not None and not self._ready.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """True once the server is healthy; False if it failed or did not answer in time."""
        self._ready.wait(timeout)
        return self._healthy

    def use(self) -> str | None:
        """Point Prefect here and wait until the server is healthy (after importing Prefect, before the flow).

        Returns the API URL the flows will use: this server's, or one configured elsewhere (then this
        server is stopped); None when this server failed, so Prefect starts its own temporary server."""
        from prefect.settings import (
            PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
            get_current_settings,
            temporary_settings,
        )

        current = get_current_settings()
        if current.api.url:  # a profile, prefect.toml or .env names a server: use that one
            log.info("using the Prefect server at %s", current.api.url)
            self.stop()
            return str(current.api.url)
        if self.process is None:
            return None
        _preload()
        # Prefect is pointed here before the server answers (no time lost once it does), without flow-run
        # heartbeats: they tell a lasting server that a run crashed, and this server ends with the command
        # (the engine also waits up to a second for the heartbeat thread at the end of each run).
        self._point_prefect_here()
        self._settings = ExitStack()
        self._settings.enter_context(temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}))
        if not self.wait():
            log.warning(
                "the temporary Prefect server (port %s) did not become healthy: Prefect starts its own",
                self.port,
            )
            self.stop()  # and the settings are as they were
            return None
        if os.environ.get(API_URL_ENV) != self.api_url:  # relaunched on another port meanwhile
            self._settings.close()
            self._point_prefect_here()
            self._settings.enter_context(temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}))
        return self.api_url

    def _point_prefect_here(self) -> None:
        from prefect.context import refresh_global_settings_context

        os.environ[API_URL_ENV] = self._url_set = self.api_url
        refresh_global_settings_context()  # Prefect read its settings at import; every thread sees this
        self.in_use = True

    def stop(self) -> None:
        """Drain what Prefect still has to send, stop the server (terminate, then kill), restore settings."""
        if self.in_use:
            self.in_use = False
            _drain_prefect_queues()
            settings, self._settings = self._settings, None
            if settings is not None:
                try:
                    settings.close()
                except ValueError:  # not the context `use` ran in (an atexit call): nothing to restore
                    pass
            if os.environ.get(API_URL_ENV) == self._url_set:
                del os.environ[API_URL_ENV]
            from prefect.context import refresh_global_settings_context

            refresh_global_settings_context()
        with self._lock:
            self._stopped = True
            process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        atexit.unregister(self.stop)
        if threading.current_thread() is threading.main_thread():
            self._release_signals()


def _preload() -> None:
    """Modules Prefect imports at the start of the first flow run: loaded while the server still boots."""
    for name in ("prefect.flow_engine", "prefect.task_engine", "fastapi.encoders"):
        try:
            importlib.import_module(name)
        except ImportError:
            pass


class ConfiguredServer:
    """PREFECT_API_URL is set (`prefect server start`, `kerjasama serve`): nothing to start or stop."""

    def booting(self) -> bool:
        return False

    def use(self) -> str | None:
        return os.environ.get(API_URL_ENV)


def _drain_prefect_queues() -> None:
    """Logs and events still queued in background threads go out before the server stops (as Prefect's
    test harness does), so nothing is sent to a server that is gone. Their "Still processing items"
    progress warnings are kept quiet meanwhile: the drain is expected to find a few."""
    quiet = [logging.getLogger(name) for name in ("APILogWorker", "EventsWorker")]
    levels = [logger.level for logger in quiet]
    try:
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        for logger in quiet:
            logger.setLevel(logging.ERROR)
        APILogWorker.drain_all(timeout=STOP_SECONDS, at_exit=False)
        EventsWorker.drain_all(timeout=STOP_SECONDS, at_exit=False)
    except Exception as exc:  # never let clean-up hide the command's own outcome
        log.warning("could not drain Prefect's log and event queues: %s", exc)
    finally:
        for logger, level in zip(quiet, levels, strict=True):
            logger.setLevel(level)


@contextmanager
def prefect_server() -> Iterator[PrefectServer | ConfiguredServer]:
    """A temporary Prefect server for one command, started now; stopped on exit, also on errors and
    Ctrl-C. With PREFECT_API_URL set, nothing is started and that server is used."""
    if os.environ.get(API_URL_ENV):
        yield ConfiguredServer()
        return
    server = PrefectServer()
    try:
        server.start()
    except (OSError, ModuleNotFoundError) as exc:
        log.warning("could not start a temporary Prefect server (%s): Prefect starts its own", exc)
        server.process = None
    try:
        yield server
    finally:
        server.stop()
