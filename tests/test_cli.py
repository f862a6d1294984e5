"""The `kerjasama` command line: extract (one file, --out with failures), records list/show/export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from schemas.record import Record
from tests.docmaker import text_pdf

KERJASAMA = [sys.executable, "-c", "from flows.cli import main; main()"]


def run(args: list[str], env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(KERJASAMA + args, capture_output=True, text=True, timeout=600, env=env, cwd=cwd)


def test_extract_one_text_layer_file_prints_a_contract_valid_record(tmp_path):
    result = run(["extract", str(text_pdf(tmp_path / "mou.pdf"))])
    assert result.returncode == 0, result.stderr
    record = Record.model_validate(json.loads(result.stdout))
    assert record.document.text_source == "text_layer"
    assert record.document.ocr_mean_confidence is None
    assert record.doc_type.value == "MoU"


def test_extract_out_writes_one_json_per_input_and_names_each_failure(tmp_path):
    good = text_pdf(tmp_path / "good.pdf")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 truncated")
    out = tmp_path / "out"
    result = run(["extract", str(good), str(broken), "--out", str(out), "--workers", "2"])
    assert result.returncode == 1
    assert (out / "good.json").is_file() and not (out / "broken.json").exists()
    failures = [line for line in result.stderr.splitlines() if "failed" in line]
    assert len(failures) == 1 and "broken.pdf" in failures[0]


@pytest.mark.slow
def test_extract_real_scan_uses_ocr(realdocs):
    scan = realdocs / "pdf" / "03_mou-rri-bengkulu-2021.pdf"
    result = run(["extract", str(scan)])
    assert result.returncode == 0, result.stderr
    record = Record.model_validate(json.loads(result.stdout))
    assert record.document.text_source == "ocr"
    assert record.document.ocr_mean_confidence is not None and record.document.ocr_mean_confidence > 0.5
    assert record.document.pages == 3


def test_records_commands_after_process(tmp_path):
    env = {
        **__import__("os").environ,
        "KERJASAMA_HOME": str(tmp_path / "data"),
        "KERJASAMA_STABLE_SECONDS": "0",
    }
    source = text_pdf(tmp_path / "mou.pdf")
    before = source.read_bytes()
    result = run(["process", str(source)], env=env)
    assert result.returncode == 0, result.stderr
    assert source.read_bytes() == before  # the original is never touched
    listing = run(["records", "list"], env=env)
    assert "mou.pdf" in listing.stdout
    sha = __import__("hashlib").sha256(before).hexdigest()
    shown = json.loads(run(["records", "show", sha[:10]], env=env).stdout)
    assert shown["document"]["sha256"] == sha
    xlsx = tmp_path / "out.xlsx"
    assert run(["records", "export", "--format", "xlsx", "--out", str(xlsx)], env=env).returncode == 0
    assert xlsx.stat().st_size > 0
