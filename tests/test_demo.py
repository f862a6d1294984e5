"""`make demo` end to end: the intake flow over the committed samples on the embedded defaults, then the
records, the Excel export (with the portfolio sheets) and the report where the demo says they are."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.slow


def test_demo_writes_records_export_and_report(tmp_path: Path):
    home = tmp_path / "home"
    env = {**os.environ, "KERJASAMA_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    cli = Path(sys.executable).with_name("kerjasama")
    done = subprocess.run([str(cli), "demo"], env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    samples = Path(__file__).resolve().parents[1] / "samples"
    expected = len(list((samples / "fixed" / "docs").iterdir())) + len(
        list((samples / "portfolio" / "docs").iterdir())
    )
    records = sorted((home / "records").glob("*.json"))
    assert len(records) == expected  # every sample processed, none quarantined
    assert not any((home / "quarantine").iterdir()) if (home / "quarantine").exists() else True
    parent = json.loads((home / "records" / "04-pks-parent-mixed.json").read_text())
    assert parent["parent_agreement"]["value"] == "PHN.HM.05.02-769"
    book = load_workbook(home / "reports" / "kerjasama.xlsx")
    assert {"Agreements", "Partners", "Links"} <= set(book.sheetnames)
    assert book["Links"].max_row >= 2  # the portfolio's PKS, addendum and reports are linked
    report = (home / "reports" / "kerjasama-report.html").read_text(encoding="utf-8")
    assert "<script" not in report.lower()
    said = done.stdout + done.stderr
    assert "Excel:" in said and "Report:" in said
