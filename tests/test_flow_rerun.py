"""Intake flow, issue 8: files whose bytes are already stored are handled in the flow itself (no Prefect
task per file), with exactly the outcomes, events and archive names of the Prefect-free intake."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from docmaker import AGREEMENT_LINES, text_pdf

from pipeline.settings import Settings

OTHER_LINES = [
    "PERJANJIAN KERJA SAMA",
    "ANTARA",
    "DINAS KESEHATAN KOTA BANDUNG",
    "DAN",
    "UNIVERSITAS PADJADJARAN",
    "Nomor: 445/77/Dinkes/2023",
    "Pasal 1 RUANG LINGKUP",
    "Ruang lingkup Perjanjian ini meliputi penelitian kesehatan masyarakat.",
]


@pytest.fixture(scope="module")
def prefect_api():
    """The early temporary server of flows/server.py (or the Prefect server already configured)."""
    from flows.server import prefect_server

    with prefect_server() as server:
        import prefect  # noqa: F401

        server.use()
        yield


@pytest.fixture
def docs(tmp_path: Path) -> dict[str, bytes]:
    folder = tmp_path / "docs"
    folder.mkdir()
    text_pdf(folder / "mou.pdf", AGREEMENT_LINES)
    text_pdf(folder / "pks.pdf", OTHER_LINES)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def submits(monkeypatch) -> list[str]:
    """Names of the files given a Prefect task."""
    import flows.intake

    calls: list[str] = []
    original = flows.intake.process_task.submit

    def counting(claimed, *args, **kwargs):
        calls.append(claimed.name)
        return original(claimed, *args, **kwargs)

    monkeypatch.setattr(flows.intake.process_task, "submit", counting)
    return calls


def new_settings(root: Path) -> Settings:
    settings = Settings(home=root, stable_seconds=0, page_workers=1)
    settings.ensure_folders()
    return settings


def drop(settings: Settings, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (settings.intake_dir / name).write_bytes(data)


def comparable(summary: dict) -> list[tuple]:
    """What must not differ between runners: the outcome of each file, not its timing."""
    return [
        (f["name"], f["outcome"], f["sha256"], f["stage"], f["reason"], f["flags"]) for f in summary["files"]
    ]


def archive_names(settings: Settings) -> list[str]:
    return sorted(p.name for p in settings.archive_dir.rglob("*") if p.is_file())


def test_rerun_of_stored_files_gives_no_task_and_the_same_outcomes(prefect_api, docs, submits, tmp_path):
    from flows.intake import get_store, run_intake
    from pipeline.run import process_intake

    again = {f"again {name}": data for name, data in docs.items()} | {"twice mou.pdf": docs["mou.pdf"]}
    flow_settings, plain_settings = new_settings(tmp_path / "flow"), new_settings(tmp_path / "plain")

    drop(flow_settings, docs)
    first = run_intake(None, flow_settings, "threads", 2)
    assert first["processed"] == 2 and sorted(submits) == sorted(docs)
    submits.clear()
    drop(flow_settings, again)
    rerun = run_intake(None, flow_settings, "threads", 2)
    assert submits == []  # a hash check and a move: no Prefect task for any of them

    plain_store = get_store(plain_settings)
    drop(plain_settings, docs)
    process_intake(plain_store, plain_settings)
    drop(plain_settings, again)
    expected = process_intake(plain_store, plain_settings)

    assert (rerun["processed"], rerun["duplicates"], rerun["quarantined"]) == (0, 3, 0)
    assert comparable(rerun) == comparable(expected)
    assert archive_names(flow_settings) == archive_names(plain_settings)
    mou = hashlib.sha256(docs["mou.pdf"]).hexdigest()
    assert f"duplicate-{mou[:12]}-twice mou.pdf" in archive_names(flow_settings)
    events = get_store(flow_settings).events()
    assert sorted((e.filename, e.outcome, e.sha256) for e in events) == sorted(
        (e.filename, e.outcome, e.sha256) for e in plain_store.events()
    )  # the first run's two tasks may finish in either order
    runs = {e.run_id for e in events if e.outcome == "duplicate"}
    assert len(runs) == 1 and runs != {e.run_id for e in events if e.outcome == "processed"}
    assert not any(flow_settings.processing_dir.iterdir()) and not any(flow_settings.intake_dir.iterdir())


def test_stored_new_and_repeated_bytes_in_one_run(prefect_api, docs, submits, tmp_path):
    """Stored bytes are handled in the flow; new bytes get a task, and their copy in the same run waits
    for it (so it becomes the duplicate); the summary keeps the order the files were claimed in."""
    from flows.intake import get_store, run_intake

    settings = new_settings(tmp_path / "mixed")
    drop(settings, {"mou.pdf": docs["mou.pdf"]})
    run_intake(None, settings, "threads", 2)
    submits.clear()
    folder = tmp_path / "batch"
    folder.mkdir()
    batch = {
        "a-stored.pdf": docs["mou.pdf"],
        "b-new.pdf": docs["pks.pdf"],
        "c-new-again.pdf": docs["pks.pdf"],
    }
    for name, data in batch.items():
        (folder / name).write_bytes(data)
    summary = run_intake([str(folder)], settings, "threads", 2)

    assert sorted(submits) == ["b-new.pdf", "c-new-again.pdf"]
    assert [(f["name"], f["outcome"]) for f in summary["files"]] == [
        ("a-stored.pdf", "duplicate"),
        ("b-new.pdf", "processed"),
        ("c-new-again.pdf", "duplicate"),
    ]
    assert all((folder / name).read_bytes() == data for name, data in batch.items())  # copies only
    store = get_store(settings)
    assert len(store.latest_records()) == 2
    assert [e.outcome for e in store.events()].count("duplicate") == 2


def test_stored_bytes_whose_archive_move_was_interrupted_are_finished(prefect_api, docs, submits, tmp_path):
    """A run that stored the record but died before archiving: the next run moves the file, in the flow."""
    from flows.intake import get_store, run_intake

    settings = new_settings(tmp_path / "crashed")
    drop(settings, {"mou.pdf": docs["mou.pdf"]})
    run_intake(None, settings, "threads", 2)
    [archived] = [p for p in settings.archive_dir.rglob("*") if p.is_file()]
    shutil.move(archived, settings.intake_dir / "mou.pdf")  # as if the move never happened
    submits.clear()
    summary = run_intake(None, settings, "threads", 2)
    assert submits == []
    [item] = summary["files"]
    assert (item["outcome"], item["reason"]) == ("processed", "archived after an interrupted run")
    assert archived.read_bytes() == docs["mou.pdf"]
    assert get_store(settings).archive_path(hashlib.sha256(docs["mou.pdf"]).hexdigest()) == str(archived)


def test_warm_up_only_when_some_bytes_are_new(docs, settings, store, tmp_path):
    """`kerjasama process` builds the extractors while the server boots only if extraction will run."""
    from flows.intake import warm_up_if_new
    from pipeline.intake.stages import candidates
    from pipeline.run import process_intake

    folder = tmp_path / "batch"
    folder.mkdir()
    assert warm_up_if_new([str(folder)], settings) is False and warm_up_if_new(None, settings) is False
    drop(settings, {"mou.pdf": docs["mou.pdf"], "~$mou.docx": b"owner file"})
    assert [p.name for p in candidates(None, settings)] == ["mou.pdf"]
    assert warm_up_if_new(None, settings) is True
    process_intake(store, settings)
    (folder / "again.pdf").write_bytes(docs["mou.pdf"])
    assert warm_up_if_new([str(folder)], settings) is False  # stored bytes only
    (folder / "new.pdf").write_bytes(docs["pks.pdf"])
    assert warm_up_if_new([str(folder)], settings) is True


def test_warm_up_gives_up_once_the_server_is_ready(docs, settings):
    from flows.intake import warm_up_if_new

    drop(settings, {"mou.pdf": docs["mou.pdf"]})
    assert warm_up_if_new(None, settings, meanwhile=lambda: False) is False
