"""Shared benchmark helpers: timed commands (wall, CPU of the process tree, peak RSS), load, tables, JSON."""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
VENV_BIN = Path(sys.executable).parent
KERJASAMA = str(VENV_BIN / "kerjasama")
REALDOCS = Path(os.environ.get("KERJASAMA_REALDOCS", ROOT.parent / "shared" / "realdocs")) / "pdf"
RSS_POLL_SECONDS = 0.1
QUIET_LOAD = 0.7


@dataclass
class Measurement:
    """One timed run: wall seconds, CPU seconds of everything it started, peak RSS of its process tree."""

    label: str
    wall: float
    cpu: float
    peak_rss_mb: float = 0.0
    load_before: float = 0.0
    load_after: float = 0.0
    returncode: int = 0
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def load1() -> float:
    return os.getloadavg()[0]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(label: str, work: Callable[[], int], rss_of: Callable[[], float] | None = None) -> Measurement:
    """Run `work` (which waits for its subprocesses) and measure wall and children's CPU deltas."""
    before, cpu0, start = load1(), children_cpu(), time.perf_counter()
    code = work()
    wall, cpu = time.perf_counter() - start, children_cpu() - cpu0
    peak = rss_of() if rss_of else 0.0
    return Measurement(label, wall, cpu, peak, before, load1(), code)


def run_cmd(
    label: str, cmd: Sequence[str], env: dict | None = None, cwd: Path | None = None, poll_rss: bool = False
) -> Measurement:
    """Run one command; CPU is the RUSAGE_CHILDREN delta (every waited-for descendant counts)."""
    peak = [0.0]

    def work() -> int:
        proc = subprocess.Popen(
            list(cmd),
            env={**os.environ, **(env or {})},
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        poller = threading.Thread(target=_poll_tree_rss, args=(proc.pid, peak, proc), daemon=True)
        if poll_rss:
            poller.start()
        _, err = proc.communicate()
        if poll_rss:
            poller.join()
        if proc.returncode:
            print(
                f"  ! {label}: exit {proc.returncode}: {err.decode(errors='replace')[-800:]}", file=sys.stderr
            )
        return proc.returncode

    return timed(label, work, lambda: peak[0])


def _poll_tree_rss(pid: int, peak: list[float], proc: subprocess.Popen) -> None:
    """Peak PSS (MB) summed over a process and its descendants, polled until it exits."""
    try:
        root = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    while proc.poll() is None:
        total = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    total += p.memory_full_info().pss  # PSS: pages shared after fork count once
                except psutil.Error:
                    pass
        except psutil.Error:
            break
        peak[0] = max(peak[0], total / 2**20)
        time.sleep(RSS_POLL_SECONDS)


def wait_for_quiet(max_load: float = QUIET_LOAD, timeout: float = 2400, poll: float = 60) -> dict:
    """Wait (up to `timeout` seconds) until the 1-minute load is under `max_load`; say what happened."""
    start = time.monotonic()
    while load1() > max_load and time.monotonic() - start < timeout:
        print(f"  load {load1():.2f} > {max_load}: waiting {poll:.0f} s", file=sys.stderr)
        time.sleep(poll)
    waited = time.monotonic() - start
    return {"load_at_start": round(load1(), 2), "waited_s": round(waited), "quiet": load1() <= max_load}


def machine() -> dict:
    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    tesseract = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.split("\n")[
        0
    ]
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "tesseract": tesseract.strip(),
        "omp_thread_limit": os.environ.get("OMP_THREAD_LIMIT", "1"),
    }


def write_results(name: str, payload: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    payload = {
        "benchmark": name,
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": machine(),
        **payload,
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    return path


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def generate_samples(out: Path, count: int, seed: int, profile: str, kinds: tuple = (".pdf",)) -> list[Path]:
    """Generated agreements (cached: a folder already holding `count` documents is reused)."""
    docs = out / "docs"
    if not docs.is_dir() or len(list(docs.iterdir())) < count:
        if out.exists():
            shutil.rmtree(out)
        subprocess.run(
            [
                KERJASAMA,
                "samples",
                "generate",
                "--out",
                str(out),
                "--count",
                str(count),
                "--seed",
                str(seed),
                "--profile",
                profile,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return sorted(p for p in docs.iterdir() if p.suffix.lower() in kinds)[:count]


def ratio(a: float, b: float) -> float:
    return round(a / b, 3) if b else float("nan")


def office_docs(args, count: int, kinds: tuple = (".pdf",)) -> list[Path]:
    """The first `count` generated office scans of the shared cache (generated once for every benchmark)."""
    if count <= 0:
        return []
    wanted = max(count, getattr(args, "office_pool", 0))
    folder = args.cache / f"office-s{args.seed}-{wanted}"
    return generate_samples(folder, wanted, args.seed, "office", kinds)[:count]
