"""`kerjasama serve` against a real `prefect server start`: both deployments registered with schedules."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from docmaker import text_pdf

BIN = Path(sys.executable).parent
SERVER_START_TIMEOUT = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, timeout: float, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"process exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if condition():
                return
        except (httpx.HTTPError, OSError):
            pass
        time.sleep(1)
    pytest.fail(f"timed out after {timeout}s:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    handle = log.open("w")
    return subprocess.Popen(args, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)


async def read_deployments(api_url: str) -> dict:
    from prefect.client.orchestration import PrefectClient

    async with PrefectClient(api_url) as client:
        return {d.name: d for d in await client.read_deployments()}


async def run_deployment_now(api_url: str, deployment_id, timeout: float = 240):
    from prefect.client.orchestration import PrefectClient

    async with PrefectClient(api_url) as client:
        run = await client.create_flow_run_from_deployment(deployment_id)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            run = await client.read_flow_run(run.id)
            if run.state is not None and run.state.is_final():
                return run.state
            await asyncio.sleep(1)
    pytest.fail(f"flow run {run.id} did not finish in {timeout}s (state {run.state})")


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_serve_registers_both_deployments_with_schedules(tmp_path):
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_API_URL": api_url,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
        "KERJASAMA_HOME": str(tmp_path / "data"),
        "KERJASAMA_STABLE_SECONDS": "0",
    }
    (tmp_path / "data" / "intake").mkdir(parents=True)
    text_pdf(tmp_path / "data" / "intake" / "mou.pdf")
    server = start([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)], env,
                   tmp_path / "server.log")  # fmt: skip
    served = None
    try:
        wait_until(lambda: httpx.get(f"{api_url}/health", timeout=5).status_code == 200, SERVER_START_TIMEOUT,
                   server, tmp_path / "server.log")  # fmt: skip
        served = start([str(BIN / "kerjasama"), "serve", "--interval", "45", "--workers", "1"], env,
                       tmp_path / "serve.log")  # fmt: skip
        found: dict = {}

        def registered() -> bool:
            found.update(asyncio.run(read_deployments(api_url)))
            return {"intake", "nightly"} <= set(found)

        wait_until(registered, 180, served, tmp_path / "serve.log")
        intake, nightly = found["intake"], found["nightly"]
        [intake_schedule] = intake.schedules
        [nightly_schedule] = nightly.schedules
        assert intake_schedule.schedule.interval.total_seconds() == 45
        assert nightly_schedule.schedule.cron == "0 1 * * *"
        assert nightly_schedule.schedule.timezone == "Asia/Jakarta"
        assert intake_schedule.active and nightly_schedule.active
        assert not intake.paused and not nightly.paused
        state = asyncio.run(run_deployment_now(api_url, intake.id))  # a served run really processes files
        assert state.is_completed(), f"{state}\n{(tmp_path / 'serve.log').read_text()[-3000:]}"
        assert [p.name for p in (tmp_path / "data" / "archive").rglob("*.pdf")] == ["mou.pdf"]
        stop(served)
        after = asyncio.run(read_deployments(api_url))  # pause_on_shutdown=False: schedules stay on
        assert all(s.active for name in ("intake", "nightly") for s in after[name].schedules)
        assert not after["intake"].paused and not after["nightly"].paused
    finally:
        if served is not None:
            stop(served)
        stop(server)


def test_prefect_cli_is_installed():
    assert shutil.which("prefect", path=str(BIN)) and shutil.which("kerjasama", path=str(BIN))
