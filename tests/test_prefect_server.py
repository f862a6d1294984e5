"""flows/server.py: the temporary Prefect server a one-shot command starts first (issue 8).

The real server runs in a child Python process here, so no Prefect test harness of this session (which
sets an API URL) hides it; the waiting, retry and clean-up logic is also checked against a stand-in
HTTP server, which starts in milliseconds."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows import server as early

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import json, os, sys
from flows.server import prefect_server

report = {}
try:
    with prefect_server() as server:
        report["pid"] = server.process.pid if getattr(server, "process", None) else None
        from prefect import flow, get_client, task
        from prefect.settings import get_current_settings

        report["url"] = server.use()
        report["env_url"] = os.environ.get("PREFECT_API_URL")
        report["prefect_url"] = get_current_settings().api.url
        report["server_alive"] = server.process is not None and server.process.poll() is None

        @task
        def double(x):
            return 2 * x

        @flow
        def tiny():
            return [f.result() for f in double.map([1, 2, 3])]

        state = tiny(return_state=True)
        report["result"] = state.result()
        with get_client(sync_client=True) as client:
            run = client.read_flow_run(state.state_details.flow_run_id)
            report["stored_state"] = run.state.type.value
            report["client_url"] = str(client.api_url)
        if os.environ.get("RAISE_INSIDE"):
            print(json.dumps(report), flush=True)
            raise RuntimeError("boom inside the command")
finally:
    report["env_after"] = os.environ.get("PREFECT_API_URL")
    print(json.dumps(report), flush=True)
"""


def run_script(tmp_path: Path, **env: str) -> tuple[subprocess.CompletedProcess, dict]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    environ.update(PYTHONPATH=str(ROOT), **env)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300, env=environ, cwd=tmp_path
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-3000:]
    return done, json.loads(lines[-1])


def gone(pid: int, within: float = 10.0) -> bool:
    """The process no longer exists (or is a zombie nobody waits for: not ours once its parent exited)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.timeout(300)
def test_a_flow_runs_on_the_early_server_which_is_gone_afterwards(tmp_path):
    done, report = run_script(tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    url = report["url"]
    assert url.startswith("http://127.0.0.1:") and url.endswith("/api")
    assert report["env_url"] == url and report["prefect_url"] == url and report["client_url"] == url + "/"
    assert report["server_alive"]
    assert report["result"] == [2, 4, 6] and report["stored_state"] == "COMPLETED"
    assert report["env_after"] is None  # PREFECT_API_URL is restored
    assert gone(report["pid"])


@pytest.mark.timeout(300)
def test_the_server_is_stopped_when_the_command_fails(tmp_path):
    done, report = run_script(tmp_path, RAISE_INSIDE="1")
    assert done.returncode != 0 and "boom inside the command" in done.stderr
    assert report["env_after"] is None
    assert gone(report["pid"])


@pytest.mark.timeout(300)
def test_an_api_url_from_a_prefect_profile_is_used_and_the_early_server_stopped(tmp_path):
    home = tmp_path / "prefect-home"
    home.mkdir()
    profile_url = "http://127.0.0.1:9/api"  # nothing listens there: only the choice is checked
    (home / "profiles.toml").write_text(
        f'active = "team"\n[profiles.team]\nPREFECT_API_URL = "{profile_url}"\n'
    )
    script = (
        "import json\nfrom flows.server import prefect_server\n"
        "with prefect_server() as server:\n"
        "    pid = server.process.pid\n"
        "    import prefect\n"
        "    url = server.use()\n"
        "    print(json.dumps({'pid': pid, 'url': url, 'stopped': server.process is None}))\n"
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    environ.update(PYTHONPATH=str(ROOT), PREFECT_HOME=str(home))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env=environ, cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["url"] == profile_url and report["stopped"]
    assert gone(report["pid"])


def test_a_configured_api_url_starts_nothing(monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")

    def refuse(*args, **kwargs):
        raise AssertionError("no server may be started")

    monkeypatch.setattr(early.subprocess, "Popen", refuse)
    with early.prefect_server() as server:
        assert server.use() == "http://127.0.0.1:4200/api"
    assert os.environ["PREFECT_API_URL"] == "http://127.0.0.1:4200/api"


# The waiting and stopping logic against a stand-in server -------------------------------------------


@pytest.fixture
def stand_in(tmp_path, monkeypatch):
    """`server_command` replaced: each launch takes the next command of `commands` (an HTTP server
    serving `/api/health` and `/api/admin/version` by default); the launches are counted."""
    site = tmp_path / "site"
    (site / "api" / "admin").mkdir(parents=True)
    (site / "api" / "health").write_text("true")
    (site / "api" / "admin" / "version").write_text('"3.9.1"')
    launches: list[list[str]] = []
    commands: list[list[str]] = []

    def command(port: int) -> list[str]:
        http = [
            sys.executable,
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(site),
        ]
        chosen = commands.pop(0) if commands else http
        launches.append(chosen)
        return chosen

    monkeypatch.setattr(early, "server_command", command)
    return commands, launches


def test_port_taken_meanwhile_means_another_port(stand_in):
    commands, launches = stand_in
    commands.append([sys.executable, "-c", f"raise SystemExit({early.PORT_IN_USE})"])
    server = early.PrefectServer()
    server.start(timeout=30)
    try:
        assert server.wait(30)
        assert len(launches) == 2 and server.process is not None and server.process.poll() is None
    finally:
        process = server.process
        server.stop()
    assert process.poll() is not None and server.process is None


def test_a_server_that_dies_is_not_waited_for(stand_in):
    commands, _ = stand_in
    commands.append([sys.executable, "-c", "raise SystemExit(1)"])
    server = early.PrefectServer()
    started = time.monotonic()
    server.start(timeout=60)
    try:
        assert server.wait(60) is False
        assert time.monotonic() - started < 30
    finally:
        server.stop()


def test_the_context_manager_stops_the_server_on_an_exception(stand_in):
    with pytest.raises(KeyboardInterrupt):
        with early.prefect_server() as server:
            assert server.wait(30)
            process = server.process
            raise KeyboardInterrupt
    assert process.poll() is not None and server.process is None


def test_a_server_ignoring_terminate_is_killed(stand_in, monkeypatch):
    commands, _ = stand_in
    stubborn = "import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\ntime.sleep(60)"
    commands.append([sys.executable, "-c", stubborn])
    monkeypatch.setattr(early, "STOP_SECONDS", 0.5)
    with early.prefect_server() as server:
        time.sleep(0.5)  # the child has installed its handler
        process = server.process
    assert process.poll() is not None


def test_sigterm_still_ends_the_command_and_takes_the_server_along(tmp_path):
    """A supervisor's SIGTERM (atexit does not run then) must not leave the server behind."""
    script = (
        "import sys, time\nimport flows.server as early\n"
        "early.server_command = lambda port: [sys.executable, '-c', 'import time; time.sleep(120)']\n"
        "with early.prefect_server() as server:\n"
        "    print(server.process.pid, flush=True)\n"
        "    time.sleep(120)\n"
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    environ.update(PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=environ)
    try:
        server_pid = int(child.stdout.readline())
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=30) == -signal.SIGTERM  # ended by the signal, as before
        assert gone(server_pid)
    finally:
        child.kill()
        child.wait()
