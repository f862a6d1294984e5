"""The Prefect flows under a test harness: intake lifecycle end to end, the content cache, Dask, nightly."""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
from pathlib import Path

import pytest
from docmaker import AGREEMENT_LINES, text_pdf

from pipeline.settings import Settings

PKS_LINES = [
    "PERJANJIAN KERJA SAMA",
    "ANTARA",
    "DINAS PENDIDIKAN PROVINSI JAWA TIMUR",
    "DAN",
    "INSTITUT TEKNOLOGI SEPULUH NOPEMBER",
    "Nomor: 421/1234/101.1/2022",
    "Pada hari ini Senin tanggal tiga bulan Januari tahun dua ribu dua puluh dua",
    "bertempat di Surabaya, para pihak sepakat mengadakan kerja sama.",
    "Pasal 1 RUANG LINGKUP",
    "Ruang lingkup Perjanjian ini meliputi pelatihan guru.",
    "Pasal 2 JANGKA WAKTU",
    "Perjanjian ini berlaku untuk jangka waktu 2 (dua) tahun sejak ditandatangani.",
]


@pytest.fixture(scope="session")
def harness(tmp_path_factory):
    """One Prefect test server for the session; task results stored in a fresh folder."""
    from prefect.settings import PREFECT_LOCAL_STORAGE_PATH, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    storage = tmp_path_factory.mktemp("prefect-results")
    with (
        prefect_test_harness(server_startup_timeout=None),
        temporary_settings({PREFECT_LOCAL_STORAGE_PATH: storage}),
    ):
        yield storage


@pytest.fixture
def flow_settings(tmp_path: Path) -> Settings:
    value = Settings(home=tmp_path / "data", stable_seconds=1.0, page_workers=1)
    value.ensure_folders()
    return value


def make_docs(folder: Path) -> dict[str, bytes]:
    """Two text-layer agreements (no OCR needed, so the test stays fast)."""
    folder.mkdir(parents=True, exist_ok=True)
    text_pdf(folder / "mou-kemenkumham-unpad.pdf", AGREEMENT_LINES)
    text_pdf(folder / "pks-disdik-its.pdf", PKS_LINES)
    return {p.name: p.read_bytes() for p in folder.iterdir()}


class SlowWriter(threading.Thread):
    """Appends a few bytes of a PDF every 0.2 s until stopped, then writes the rest."""

    def __init__(self, path: Path, data: bytes) -> None:
        super().__init__(daemon=True)
        self.path, self.data, self.stop = path, data, threading.Event()

    def run(self) -> None:
        written = 0
        with self.path.open("wb") as handle:
            while not self.stop.is_set() and written < len(self.data) - 2:
                handle.write(self.data[written : written + 2])
                handle.flush()
                written += 2
                self.stop.wait(0.2)
            handle.write(self.data[written:])


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_intake_flow_end_to_end(harness, flow_settings, tmp_path):
    from flows.intake import get_store, run_intake

    intake = flow_settings.intake_dir
    docs = make_docs(tmp_path / "docs")
    for name, data in docs.items():
        (intake / name).write_bytes(data)
    (intake / "resend-mou.pdf").write_bytes(docs["mou-kemenkumham-unpad.pdf"])
    (intake / "broken.pdf").write_bytes(b"%PDF-1.4\n this is not really a pdf \x00\x01")
    (intake / "~$draft.docx").write_bytes(b"owner file")
    slow_bytes = text_pdf(tmp_path / "slow.pdf", PKS_LINES[:6]).read_bytes()
    time.sleep(1.1)  # the dropped files are now stable
    writer = SlowWriter(intake / "slow.pdf", slow_bytes)
    writer.start()
    time.sleep(0.5)
    try:
        summary = run_intake(None, flow_settings, "threads", 2)
    finally:
        writer.stop.set()
        writer.join()

    assert (summary["processed"], summary["duplicates"], summary["quarantined"]) == (2, 1, 1)
    store = get_store(flow_settings)
    records = {row.record["document"]["filename"]: row for row in store.latest_records()}
    assert set(records) == set(docs)
    for name, data in docs.items():
        assert records[name].sha256 == hashlib.sha256(data).hexdigest()
        assert records[name].record["document"]["text_source"] == "text_layer"
    archive = files(flow_settings.archive_dir)
    mou_sha = hashlib.sha256(docs["mou-kemenkumham-unpad.pdf"]).hexdigest()
    assert archive == {**docs, f"duplicate-{mou_sha[:12]}-resend-mou.pdf": docs["mou-kemenkumham-unpad.pdf"]}
    assert sorted(files(flow_settings.quarantine_dir)) == ["broken.pdf", "broken.pdf.error.json"]
    error = json.loads((flow_settings.quarantine_dir / "broken.pdf.error.json").read_text())
    assert error["file"] == "broken.pdf" and error["stage"] == "read" and "broken.pdf" in error["error"]
    assert error["what_to_do"] and error["time"]
    assert sorted(files(intake)) == ["slow.pdf", "~$draft.docx"]  # still being written; temporary
    assert list(flow_settings.processing_dir.iterdir()) == []
    assert [e.outcome for e in store.events()].count("duplicate") == 1

    time.sleep(1.1)  # the slow file is complete and stable now: the next run takes it
    again = run_intake(None, flow_settings, "threads", 2)
    assert again["processed"] == 1 and again["files"][0]["name"] == "slow.pdf"
    assert files(flow_settings.archive_dir)["slow.pdf"] == slow_bytes
    assert sorted(files(intake)) == ["~$draft.docx"]
    _assert_artifacts()


def _assert_artifacts() -> None:
    from prefect import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["intake-summary"]))
        )
        assert any("processed: **2**" in str(a.data) for a in found)
        tables = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["flagged-agreements"]))
        )
        assert tables and "NO_DETAILED_WORKPLAN" in str(tables[0].data)
        names = {run.name for run in client.read_task_runs()}
        # Prefect runs people can read: each task run named by the file it works on
        assert "process mou-kemenkumham-unpad.pdf" in names, names
        assert "extract mou-kemenkumham-unpad.pdf" in names, names  # the dropped name, not the claim name
        assert not any("@" in n for n in names), names


def test_extract_cache_is_keyed_on_content_not_path(harness, flow_settings, tmp_path):
    from prefect import flow

    from flows.intake import extract_task
    from pipeline.document import sha256_file

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    unique = [*AGREEMENT_LINES, f"Lampiran {time.time_ns()}"]  # bytes no earlier test has cached
    first = text_pdf(tmp_path / "a" / "mou.pdf", unique)
    elsewhere = tmp_path / "b" / "renamed.pdf"
    shutil.copy2(first, elsewhere)

    @flow
    def twice(paths: list[Path]):
        return [extract_task(p, sha256_file(p), flow_settings, return_state=True) for p in paths]

    states = twice([first, elsewhere])
    assert [s.name for s in states] == ["Completed", "Cached"]
    assert states[1].result().record.document.sha256 == sha256_file(first)
    stored = [p.name for p in harness.iterdir()]
    assert any(
        name.startswith(f"extract-{sha256_file(first)}") for name in stored
    )  # persisted by content key
    text_pdf(
        first, [*PKS_LINES, f"Lampiran {time.time_ns()}"]
    )  # other bytes at the same path: extracted afresh, not a stale result
    [state] = twice([first])
    assert state.name == "Completed"
    assert state.result().record.doc_type.value == "PKS"
    assert state.result().record.document.sha256 == sha256_file(first)


def _comparable(settings: Settings) -> dict[str, dict]:
    from flows.intake import get_store

    return {row.sha256: row.record for row in get_store(settings).latest_records()}


def test_dask_local_cluster_matches_threads(harness, tmp_path):
    from flows.intake import run_intake

    docs = make_docs(tmp_path / "docs")
    results = {}
    for runner in ("threads", "dask"):
        settings = Settings(home=tmp_path / runner, stable_seconds=0, page_workers=1)
        settings.ensure_folders()
        for name, data in docs.items():
            (settings.intake_dir / name).write_bytes(data)
        summary = run_intake(None, settings, runner, 2)
        assert summary["processed"] == len(docs), summary
        results[runner] = _comparable(settings)
    assert results["dask"] == results["threads"] and len(results["dask"]) == len(docs)


def test_nightly_flow_smoke(harness, flow_settings, tmp_path):
    from flows.intake import get_store
    from flows.nightly import nightly_flow

    flow_settings.stable_seconds = 0
    for name, data in make_docs(tmp_path / "docs").items():
        (flow_settings.intake_dir / name).write_bytes(data)
    summary = nightly_flow(settings=flow_settings)
    assert summary["intake"]["processed"] == 2 and summary["reextracted"] == 0
    assert summary["checked"] == 2 and Path(summary["export"]).is_file()
    assert len(get_store(flow_settings).latest_records()) == 2


def test_nightly_flow_counts_reextractions_from_the_pipelines_outcomes(
    harness, flow_settings, tmp_path, monkeypatch
):
    """The flow's re-extraction counts are the pipeline's (pipeline/nightly.py), not Prefect task states
    counted by the flow: the same summary shape, a failure with its document and reason."""
    from sqlalchemy import delete

    from flows.intake import get_store
    from flows.nightly import nightly_flow
    from pipeline import PIPELINE_VERSION, nightly
    from pipeline.store.models import RecordRow
    from schemas.record import Record

    flow_settings.stable_seconds = 0
    for name, data in make_docs(tmp_path / "docs").items():
        (flow_settings.intake_dir / name).write_bytes(data)
    store = get_store(flow_settings)
    assert nightly_flow(settings=flow_settings)["intake"]["processed"] == 2
    rows = store.latest_records()
    for row in rows:  # both made by an older pipeline
        old = Record.model_validate(row.record)
        old.document.pipeline_version = "0.0.1"
        store.save(old)
    with store.sessions.begin() as session:
        session.execute(delete(RecordRow).where(RecordRow.pipeline_version == PIPELINE_VERSION))
    failing = rows[0].sha256
    build = nightly.build_record

    def fails_once(info, *args, **kwargs):
        if info.sha256 == failing:
            raise ZeroDivisionError("division by zero")
        return build(info, *args, **kwargs)

    monkeypatch.setattr(nightly, "build_record", fails_once)
    summary = nightly_flow(settings=flow_settings)
    assert summary["reextracted"] == 1
    assert summary["failed"] == [{"sha256": failing, "error": "ZeroDivisionError: division by zero"}]
    assert store.outdated(PIPELINE_VERSION) == [failing]


def test_an_empty_intake_does_not_republish_the_summary(harness, flow_settings, tmp_path):
    from prefect import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.intake import run_intake

    def versions() -> int:
        with get_client(sync_client=True) as client:
            key = ArtifactFilter(key=ArtifactFilterKey(any_=["intake-summary"]))
            return len(client.read_artifacts(artifact_filter=key))

    text_pdf(flow_settings.intake_dir / "one.pdf", AGREEMENT_LINES)
    time.sleep(1.1)  # stable
    assert run_intake(None, flow_settings, "threads", 1)["processed"] == 1
    before = versions()
    assert run_intake(None, flow_settings, "threads", 1)["processed"] == 0  # nothing dropped since
    assert versions() == before


def test_date_flags_are_made_after_the_cache(flow_settings):
    """A cached extraction keeps no stale EXPIRED / EXPIRING_SOON: they are made on the day it is used."""
    import datetime as dt

    from report_fixtures import make_record

    from extractors.checks import compute_flags
    from flows.intake import content_key
    from pipeline.document import Extraction, dated

    record = make_record(1, expiry="2027-04-27")
    record.flags = compute_flags(record, [], today=dt.date(2027, 5, 1))  # cached after it expired
    assert "EXPIRED" in [f.code for f in record.flags]
    cached = Extraction(record=record, text=None)  # type: ignore[arg-type]
    fresh = dated(cached, flow_settings, today=dt.date(2027, 3, 1)).record.flags
    assert [f.code for f in fresh] == [f.code for f in compute_flags(record, [], today=dt.date(2027, 3, 1))]
    assert "EXPIRING_SOON" in [f.code for f in fresh] and "EXPIRED" not in [f.code for f in fresh]
    key = content_key(None, {"settings": flow_settings, "sha256": "ab"})
    other = flow_settings.model_copy(update={"review_threshold": 0.8})
    assert key != content_key(None, {"settings": other, "sha256": "ab"})  # the review shapes the record


def test_a_quarantined_document_logs_no_prefect_error(harness, flow_settings):
    """Issue 15: a bad document is an expected outcome: the runner says it at WARNING with the file's own
    name, and Prefect's task run logs no ERROR (no "Finished in state Failed" with the claim name)."""
    import logging

    from flows.intake import run_intake

    class Keep(logging.Handler):
        def __init__(self) -> None:
            super().__init__(logging.DEBUG)
            self.records: list[logging.LogRecord] = []

        def emit(self, record: logging.LogRecord) -> None:
            self.records.append(record)

    keep = Keep()
    loggers = [logging.getLogger(name) for name in ("prefect.task_runs", "prefect.flow_runs", "pipeline")]
    for logger in loggers:  # Prefect's loggers do not propagate to the root (caplog would see nothing)
        logger.addHandler(keep)
    (flow_settings.intake_dir / "broken.pdf").write_bytes(b"%PDF-1.4\n%%EOF")
    time.sleep(1.1)  # stable now (flow_settings: stable_seconds=1)
    try:
        summary = run_intake(None, flow_settings, "threads", 1)
    finally:
        for logger in loggers:
            logger.removeHandler(keep)
    assert summary["quarantined"] == 1 and summary["files"][0]["status"] == "failed"
    said = [(r.name, r.levelname, r.getMessage()) for r in keep.records if r.levelno >= logging.INFO]
    assert [s for s in said if s[1] in ("ERROR", "CRITICAL")] == [], said
    assert any(s[1] == "WARNING" and "quarantined broken.pdf at read" in s[2] for s in said), said
    lowered = [
        r.getMessage() for r in keep.records if r.name == "prefect.task_runs" and r.levelname == "DEBUG"
    ]
    assert any("Finished in state Failed" in m and "CorruptFileError" in m for m in lowered), lowered
    assert not any("@" in s[2] and ".broken.pdf" in s[2] for s in said if s[0].startswith("prefect")), said
