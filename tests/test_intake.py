"""Intake lifecycle without Prefect: stability, atomic claims, dedupe, archive, quarantine — nothing lost."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import threading
import time
from pathlib import Path

import pytest

from pipeline import PIPELINE_VERSION
from pipeline.errors import CorruptFileError
from pipeline.intake import folders
from pipeline.intake.folders import Claimed, claim, is_stable, move_no_clobber, orphans, scan
from pipeline.intake.stages import claim_ready, pending
from pipeline.run import process_claimed, process_intake
from pipeline.text.read import DocumentText
from schemas.pages import Page
from schemas.record import DocumentInfo, Record


def fake_extract(path: Path, sha256: str):
    """A stand-in extractor: fails on files starting with 'BAD', else one text page."""
    from pipeline.document import Extraction

    data = path.read_bytes()
    if data.startswith(b"BAD"):
        raise CorruptFileError(f"{path.name}: the file looks damaged")
    info = DocumentInfo(
        sha256=sha256,
        filename=path.name,
        bytes=len(data),
        pages=1,
        text_source="text_layer",
        pipeline_version=PIPELINE_VERSION,
    )
    page = Page(1, data.decode(errors="replace"), "text_layer")
    return Extraction(Record(document=info), DocumentText([page]))


def drop(folder: Path, name: str, data: bytes = b"%PDF agreement") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def archived(settings) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in settings.archive_dir.rglob("*") if p.is_file()}


def test_success_archives_original_bytes_by_month(settings, store):
    data = b"%PDF original bytes \x00\xff"
    drop(settings.intake_dir, "mou.pdf", data)
    summary = process_intake(store, settings, fake_extract)
    assert (summary["processed"], summary["duplicates"], summary["quarantined"]) == (1, 0, 0)
    [path] = [p for p in settings.archive_dir.rglob("*") if p.is_file()]
    assert path.read_bytes() == data
    assert path.relative_to(settings.archive_dir).parts[0].isdigit() and len(path.parent.name) == 2
    assert store.archive_path(hashlib.sha256(data).hexdigest()) == str(path)
    assert not any(settings.intake_dir.iterdir()) and not any(settings.processing_dir.iterdir())


def test_duplicate_is_recorded_and_archived_not_extracted(settings, store):
    drop(settings.intake_dir, "a.pdf", b"%PDF same")
    process_intake(store, settings, fake_extract)
    drop(settings.intake_dir, "copy of a.pdf", b"%PDF same")
    calls = []
    summary = process_intake(store, settings, lambda p, s: calls.append(p) or fake_extract(p, s))
    assert summary["duplicates"] == 1 and calls == []
    prefix = hashlib.sha256(b"%PDF same").hexdigest()[:12]
    assert sorted(archived(settings)) == ["a.pdf", f"duplicate-{prefix}-copy of a.pdf"]
    assert [e.outcome for e in store.events()] == ["processed", "duplicate"]


def test_failure_quarantines_with_error_json(settings, store):
    drop(settings.intake_dir, "broken.pdf", b"BAD bytes")
    summary = process_intake(store, settings, fake_extract)
    assert summary["quarantined"] == 1
    assert (settings.quarantine_dir / "broken.pdf").read_bytes() == b"BAD bytes"
    report = json.loads((settings.quarantine_dir / "broken.pdf.error.json").read_text())
    assert report["stage"] == "read" and "broken.pdf" in report["error"]
    assert set(report) == {"file", "stage", "error", "time", "what_to_do"} and report["what_to_do"]


def test_unexpected_error_names_stage_and_file(settings, store):
    drop(settings.intake_dir, "x.pdf")

    def crash(path, sha):
        raise RuntimeError("boom")

    process_intake(store, settings, crash)
    report = json.loads((settings.quarantine_dir / "x.pdf.error.json").read_text())
    assert report["stage"] == "extract" and report["error"] == "x.pdf: RuntimeError: boom"


def test_unsupported_type_is_quarantined_with_reason(settings, store):
    drop(settings.intake_dir, "notes.txt", b"hello")
    process_intake(store, settings, fake_extract)
    report = json.loads((settings.quarantine_dir / "notes.txt.error.json").read_text())
    assert report["stage"] == "intake" and "unsupported file type '.txt'" in report["error"]


@pytest.mark.parametrize(
    "name",
    [
        "~$draft.docx",
        "mou.pdf.part",
        "mou.pdf.crdownload",
        ".hidden.pdf",
        "Thumbs.db",
        "desktop.ini",
        ".~lock.mou.docx#",
        "x.pdf.tmp",
    ],
)
def test_temporary_files_stay_untouched(settings, store, name):
    drop(settings.intake_dir, name)
    summary = process_intake(store, settings, fake_extract)
    assert summary["files"] == []
    assert (settings.intake_dir / name).exists()


def test_hidden_folders_are_not_entered_but_subfolders_are(settings, store):
    drop(settings.intake_dir / ".sync", "a.pdf", b"%PDF a")
    drop(settings.intake_dir / "2024" / "bureau", "b.pdf", b"%PDF b")
    summary = process_intake(store, settings, fake_extract)
    assert [f["name"] for f in summary["files"]] == ["b.pdf"]
    assert (settings.intake_dir / ".sync" / "a.pdf").exists()


def test_symlink_out_of_intake_is_quarantined_and_target_untouched(settings, store, tmp_path):
    secret = drop(tmp_path / "outside", "secret.pdf", b"%PDF secret")
    (settings.intake_dir / "link.pdf").symlink_to(secret)
    summary = process_intake(store, settings, fake_extract)
    assert summary["quarantined"] == 1 and summary["processed"] == 0
    assert (settings.quarantine_dir / "link.pdf").is_symlink()
    assert "symlink" in json.loads((settings.quarantine_dir / "link.pdf.error.json").read_text())["error"]
    assert secret.read_bytes() == b"%PDF secret" and not archived(settings)


def test_symlinked_folder_is_not_followed(settings, store, tmp_path):
    drop(tmp_path / "elsewhere", "c.pdf")
    (settings.intake_dir / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    process_intake(store, settings, fake_extract)
    assert (tmp_path / "elsewhere" / "c.pdf").exists() and not archived(settings)


def test_stability_uses_mtime_and_ctime(tmp_path):
    path = drop(tmp_path, "a.pdf")
    assert not is_stable(path, 5.0)
    assert is_stable(path, 5.0, now=time.time() + 6)
    os.utime(path, (1, 1))  # a copy that keeps an old mtime still changed the inode just now
    assert not is_stable(path, 5.0)


def test_file_being_written_is_not_claimed(settings, store):
    settings.stable_seconds = 0.5
    drop(settings.intake_dir, "slow.pdf")
    assert scan(settings)[0] == [] and pending(settings) == [settings.intake_dir / "slow.pdf"]
    time.sleep(0.6)
    assert scan(settings)[0] == [settings.intake_dir / "slow.pdf"]


def test_two_runners_never_claim_the_same_file(settings):
    for i in range(30):
        drop(settings.intake_dir, f"f{i}.pdf", str(i).encode())
    results: list[list[Claimed]] = [[], [], [], []]
    ready, _ = scan(settings)
    barrier = threading.Barrier(4)

    def runner(slot: int) -> None:
        barrier.wait()
        results[slot] = [c for path in ready if (c := claim(path, settings)) is not None]

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    names = [c.name for group in results for c in group]
    assert sorted(names) == sorted(f"f{i}.pdf" for i in range(30))  # each exactly once


def test_orphans_of_dead_runner_are_taken_over(settings, store):
    dead = drop(settings.processing_dir, f"999999999@{folders.host_tag()}.0123abcd.left.pdf", b"%PDF left")
    other_host = drop(settings.processing_dir, "1@otherhost.0123abcd.theirs.pdf")
    claimed, _ = claim_ready(settings)
    assert [c.name for c in claimed] == ["left.pdf"] and not dead.exists() and other_host.exists()
    process_claimed(claimed[0], store, settings, fake_extract)
    assert archived(settings) == {"left.pdf": b"%PDF left"}


def test_own_claims_left_by_a_failed_run_are_taken_over_but_live_ones_are_not(settings):
    drop(settings.intake_dir, "a.pdf")
    [live] = claim_ready(settings)[0]
    assert orphans(settings) == []  # still held by this process
    folders.release(live)  # the run that held it died without moving it
    assert [c.name for c in orphans(settings)] == ["a.pdf"]


def test_claim_across_file_systems_falls_back_to_copy(settings, monkeypatch):
    source = drop(settings.intake_dir, "a.pdf", b"%PDF remote")
    real_rename = os.rename

    def rename(src, dst):
        if Path(dst).parent == settings.processing_dir and Path(src).parent != settings.processing_dir:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real_rename(src, dst)

    monkeypatch.setattr(folders.os, "rename", rename)
    claimed = claim(source, settings)
    assert claimed is not None and claimed.name == "a.pdf" and claimed.path.read_bytes() == b"%PDF remote"
    assert list(settings.intake_dir.iterdir()) == []


def test_move_never_overwrites(tmp_path):
    drop(tmp_path / "dest", "a.pdf", b"first")
    moved = move_no_clobber(drop(tmp_path, "a.pdf", b"second"), tmp_path / "dest" / "a.pdf")
    assert moved.name == "a (2).pdf" and (tmp_path / "dest" / "a.pdf").read_bytes() == b"first"


def test_same_name_different_bytes_both_archived(settings, store):
    drop(settings.intake_dir, "mou.pdf", b"%PDF one")
    process_intake(store, settings, fake_extract)
    drop(settings.intake_dir, "mou.pdf", b"%PDF two")
    process_intake(store, settings, fake_extract)
    assert sorted(archived(settings).values()) == [b"%PDF one", b"%PDF two"]


def test_interrupted_archive_is_finished_by_next_run(settings, store, monkeypatch):
    drop(settings.intake_dir, "a.pdf", b"%PDF a")
    from pipeline.intake import stages as process

    def die(claimed, target):
        raise KeyboardInterrupt  # the runner is killed after storing, before moving

    monkeypatch.setattr(process, "move_to_archive", die)
    with pytest.raises(KeyboardInterrupt):
        process_intake(store, settings, fake_extract)
    monkeypatch.undo()
    [left] = list(settings.processing_dir.iterdir())
    folders.release(Claimed(left, "a.pdf"))  # as after a restart
    summary = process_intake(store, settings, fake_extract)
    assert summary["processed"] == 1 and "interrupted" in summary["files"][0]["reason"]
    assert list(archived(settings).values()) == [b"%PDF a"]


def test_store_failure_quarantines_with_store_stage(settings, store, monkeypatch):
    drop(settings.intake_dir, "a.pdf")
    monkeypatch.setattr(store, "save", lambda *a, **k: (_ for _ in ()).throw(OSError("database is locked")))
    process_intake(store, settings, fake_extract)
    report = json.loads((settings.quarantine_dir / "a.pdf.error.json").read_text())
    assert report["stage"] == "store" and "database" in report["what_to_do"]


def test_error_reports_in_quarantine_never_collide(settings, store):
    for _ in range(2):
        drop(settings.intake_dir, "bad.pdf", b"BAD")
        process_intake(store, settings, fake_extract)
    names = sorted(p.name for p in settings.quarantine_dir.iterdir())
    assert names == ["bad (2).pdf", "bad (2).pdf.error.json", "bad.pdf", "bad.pdf.error.json"]
