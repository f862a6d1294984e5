"""Issue 15: faults of the machine are never blamed on the document. A missing OCR language or Tesseract,
a locked or read-only database, a PostgreSQL that does not answer, an archive or quarantine folder that
cannot be written, a bad setting: no document quarantined or stored partial because of it, the file left
where it was, one clear line, the documented exit code (README "Exit codes", docs/RELIABILITY.md)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import hostile
import pytest
from docmaker import image_pdf, page_image, text_pdf
from typer.testing import CliRunner

from pipeline import PIPELINE_VERSION, source_hash
from pipeline.errors import (
    EXIT_ENVIRONMENT,
    EXIT_USAGE,
    OcrError,
    OcrLanguageMissingError,
    TesseractMissingError,
)
from pipeline.run import default_extract, process_intake
from pipeline.settings import Settings
from pipeline.store.database import Store
from pipeline.text.ocr import TesseractEngine
from schemas.pages import Page
from tests.fakes import TimingOut

ROOT = Path(__file__).resolve().parents[1]
KERJASAMA = [sys.executable, "-c", "from flows.cli import main; main()"]
LANGUAGE_LINE = (
    "Tesseract language 'xyz' is not installed: apt-get install tesseract-ocr-xyz or fix KERJASAMA_OCR_LANG"
)


def cli(home: Path, *args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    """The real command line in a subprocess, on the data root `home`, with a shared Prefect server."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("KERJASAMA_", "PREFECT_API"))}
    environ.update(KERJASAMA_HOME=str(home), KERJASAMA_STABLE_SECONDS="0", KERJASAMA_PAGE_WORKERS="1", **env)
    environ["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        KERJASAMA + list(args),
        capture_output=True,
        text=True,
        timeout=300,
        env=environ,
        cwd=cwd or home.parent,
    )


def one_line(result: subprocess.CompletedProcess) -> str:
    """The error output is exactly one line, and no traceback."""
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def scan(path: Path, tmp: Path) -> Path:
    """An image-only PDF of a short agreement (needs real OCR)."""
    return image_pdf(path, page_image(text_pdf(tmp / f"{path.stem}-source.pdf"), dpi=200), dpi=200)


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


@contextmanager
def unwritable(path: Path):
    """Really not writable, even for root: `chattr +i` as root, else the permission bits."""
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("chattr +i is not supported here")
        try:
            yield path
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield path
        finally:
            path.chmod(mode)


# --- OCR: a missing language or Tesseract is the machine's fault -------------------------------------


def test_missing_ocr_language_leaves_the_file_in_the_intake_and_stores_nothing(settings, store, tmp_path):
    original = scan(settings.intake_dir / "scan.pdf", tmp_path).read_bytes()
    settings.ocr_lang = "xyz"
    summary = process_intake(store, settings, default_extract(settings))
    assert (summary["processed"], summary["quarantined"], summary["skipped"]) == (0, 0, 1), summary
    assert summary["environment"] == [LANGUAGE_LINE]
    assert (
        files(settings.intake_dir) == ["scan.pdf"]
        and (settings.intake_dir / "scan.pdf").read_bytes() == original
    )
    assert files(settings.quarantine_dir) == [] and files(settings.processing_dir) == []
    assert store.latest_records() == [] and not store.has_document(hashlib.sha256(original).hexdigest())
    # once the setting is fixed, the same file is read (not a "duplicate" of an empty record)
    settings.ocr_lang = "ind+eng"
    again = process_intake(store, settings, default_extract(settings))
    assert again["processed"] == 1 and again["duplicates"] == 0, again
    [row] = store.latest_records()
    assert (
        row.record["document"]["text_source"] == "ocr"
        and "KESEPAHAMAN" in store.load_pages(row.sha256)[0].text
    )


def test_a_language_missing_beside_an_installed_one_is_not_read_silently_without_it(tmp_path):
    """Tesseract itself reads "eng+xyz" as "eng" without a word: the engine refuses it."""
    image = page_image(text_pdf(tmp_path / "a.pdf"), dpi=150)
    with pytest.raises(OcrLanguageMissingError) as caught:
        TesseractEngine(lang="eng+xyz").ocr_page(image, 1, 150)
    assert caught.value.line() == LANGUAGE_LINE


def test_tesseract_failing_to_load_a_language_is_not_called_a_timeout(tmp_path, monkeypatch):
    """TesseractError subclasses RuntimeError (the timeout): a language error is named as one, another
    Tesseract error stays a page error, and a timeout is still a timeout."""
    import pytesseract

    real = subprocess.run(["which", "tesseract"], capture_output=True, text=True).stdout.strip()
    command = tmp_path / "tesseract"
    image = page_image(text_pdf(tmp_path / "a.pdf"), dpi=150)
    for stderr, expected in [
        ("Failed loading language 'ind'", OcrLanguageMissingError),
        ("Error in pixReadMem", OcrError),
    ]:
        passthrough = f'case "$1" in --version|--list-langs) exec {real} "$@";; esac'
        command.write_text(f'#!/bin/sh\n{passthrough}\necho "{stderr}" >&2\nexit 1\n')
        command.chmod(0o755)
        monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(command))
        with pytest.raises(expected) as caught:
            TesseractEngine(lang="ind+eng", correct_orientation=False).ocr_page(image, 1, 150)
        assert "timed out" not in str(caught.value)
    hung, _ = hostile.hung_tesseract(tmp_path / "hung")
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(hung))
    with pytest.raises(OcrError, match="timed out after 1.0s on page 1"):
        TesseractEngine(lang="ind+eng", timeout=1.0, correct_orientation=False).ocr_page(image, 1, 150)


def test_missing_tesseract_binary_is_an_environment_fault(tmp_path, monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-such-tesseract"))
    image = page_image(text_pdf(tmp_path / "a.pdf"), dpi=150)
    with pytest.raises(TesseractMissingError, match="Tesseract is not installed .*no-such-tesseract"):
        TesseractEngine().ocr_page(image, 1, 150)


def test_a_document_whose_every_page_failed_ocr_is_failed_not_an_empty_record(settings, store, tmp_path):
    scan(settings.intake_dir / "scan.pdf", tmp_path)
    summary = process_intake(store, settings, default_extract(settings, engine=TimingOut()))
    assert (summary["processed"], summary["quarantined"]) == (0, 1), summary
    [item] = summary["files"]
    assert item["stage"] == "ocr" and "OCR failed on every page (1)" in item["reason"]
    assert "timed out after 300.0s on page 1" in item["reason"]
    assert store.latest_records() == []  # nothing stored: dropping it again reads it again
    report = json.loads((settings.quarantine_dir / "scan.pdf.error.json").read_text())
    assert "KERJASAMA_OCR_TIMEOUT" in report["what_to_do"]
    (settings.quarantine_dir / "scan.pdf").rename(settings.intake_dir / "scan.pdf")
    again = process_intake(store, settings, default_extract(settings))
    assert again["processed"] == 1 and again["duplicates"] == 0, again


def test_ocr_text_is_the_same_as_tesseract_gives(tmp_path):
    """The error handling changed nothing for a working page: the text is Tesseract's TSV laid out."""
    import pytesseract

    from pipeline.text.ocr import page_from_tesseract

    image = page_image(text_pdf(tmp_path / "a.pdf"), dpi=200)
    page = TesseractEngine(correct_orientation=False, correct_skew=False).ocr_page(image, 1, 200)
    data = pytesseract.image_to_data(
        image, lang="ind+eng", config="--dpi 200", output_type=pytesseract.Output.DICT
    )
    assert page.text == page_from_tesseract(data, 1, image.size).text and "KESEPAHAMAN" in page.text


# --- the database -----------------------------------------------------------------------------------


def test_database_locked_mid_run_quarantines_nothing_and_the_rerun_stores_it(settings, tmp_path, monkeypatch):
    import pipeline.store.database

    # "locked beyond its timeout", sooner
    monkeypatch.setattr(pipeline.store.database, "SQLITE_BUSY_SECONDS", 0.3)
    store = Store(settings.database_url or "")
    source = text_pdf(settings.intake_dir / "mou.pdf")
    original = source.read_bytes()
    locker = sqlite3.connect(settings.home / "kerjasama.db", isolation_level=None)
    extract = default_extract(settings)

    def extract_then_lock(path, sha256):
        extraction = extract(path, sha256)
        locker.execute("BEGIN EXCLUSIVE")  # another writer holds the database from now on
        return extraction

    try:
        summary = process_intake(store, settings, extract_then_lock)
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert (summary["processed"], summary["quarantined"], summary["skipped"]) == (0, 0, 1), summary
    [line] = summary["environment"]
    assert line.startswith(
        f"database sqlite:///{settings.home}/kerjasama.db cannot be used: database is locked"
    )
    assert files(settings.quarantine_dir) == [] and (settings.intake_dir / "mou.pdf").read_bytes() == original
    assert store.latest_records() == []
    again = process_intake(store, settings, default_extract(settings))
    assert again["processed"] == 1 and again["environment"] == [], again
    store.close()


def test_read_only_database_is_one_line_and_exit_3(tmp_path):
    home = tmp_path / "data"
    assert cli(home, "records", "list").returncode == 0  # creates and migrates the database
    (home / "intake").mkdir()
    text_pdf(home / "intake" / "mou.pdf")
    with unwritable(home / "kerjasama.db"):
        result = cli(home, "process", PREFECT_API_URL=hostile.prefect_api_url())
    assert result.returncode == EXIT_ENVIRONMENT, result.stderr
    assert one_line(result) == (
        f"kerjasama: database sqlite:///{home}/kerjasama.db cannot be used: attempt to write a readonly "
        "database: check that the database is running, reachable and writable (kerjasama doctor), "
        "then run again"
    )
    assert files(home / "intake") == ["mou.pdf"] and files(home / "quarantine") == []


def test_postgresql_that_does_not_answer_is_named_without_its_password(tmp_path):
    result = cli(
        tmp_path / "data",
        "records",
        "list",
        KERJASAMA_DATABASE_URL="postgresql+psycopg://kj:s3cret@127.0.0.1:1/kj",
    )
    assert result.returncode == EXIT_ENVIRONMENT
    line = one_line(result)
    assert line.startswith("kerjasama: database postgresql+psycopg://kj:***@127.0.0.1:1/kj cannot be used: ")
    assert "Connection refused" in line and "s3cret" not in result.stderr + result.stdout


def test_debug_shows_the_traceback(tmp_path):
    url = "postgresql+psycopg://kj:s3cret@127.0.0.1:1/kj"
    result = cli(tmp_path / "data", "--debug", "records", "list", KERJASAMA_DATABASE_URL=url)
    assert result.returncode != 0 and "Traceback" in result.stderr


# --- folders ----------------------------------------------------------------------------------------


def test_archive_not_writable_leaves_the_file_in_the_intake_and_the_rerun_archives_it(settings, store):
    source = text_pdf(settings.intake_dir / "mou.pdf")
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    with unwritable(settings.archive_dir):
        summary = process_intake(store, settings, default_extract(settings))
    assert (summary["processed"], summary["quarantined"], summary["skipped"]) == (0, 0, 1), summary
    assert summary["environment"][0].startswith(f"folder {settings.archive_dir} is not writable")
    assert files(settings.intake_dir) == ["mou.pdf"] and files(settings.quarantine_dir) == []
    # the record was written before the move: the next run finishes the move it points at
    assert not Path(store.archive_path(sha) or "").exists()
    again = process_intake(store, settings, default_extract(settings))
    [item] = again["files"]
    assert item["outcome"] == "processed" and item["reason"] == "archived after an interrupted run", item
    assert Path(store.archive_path(sha) or "").is_file() and files(settings.intake_dir) == []
    assert len(store.latest_records()) == 1


def test_quarantine_not_writable_leaves_a_bad_file_in_the_intake(settings, store):
    (settings.intake_dir / "empty.pdf").write_bytes(b"")
    with unwritable(settings.quarantine_dir):
        summary = process_intake(store, settings, default_extract(settings))
    assert (summary["quarantined"], summary["skipped"]) == (0, 1), summary
    assert summary["environment"][0].startswith(f"folder {settings.quarantine_dir} is not writable")
    assert files(settings.intake_dir) == ["empty.pdf"] and files(settings.processing_dir) == []
    again = process_intake(store, settings, default_extract(settings))
    assert again["quarantined"] == 1 and files(settings.quarantine_dir) == [
        "empty.pdf",
        "empty.pdf.error.json",
    ]


def test_process_whose_archive_fails_mid_run_exits_3_and_the_rerun_archives(tmp_path):
    """The preflight finds the archive writable, but this month's folder cannot be made: the file goes
    back to the intake through the real intake flow (tasks, Prefect server), exit 3 with one line."""
    from datetime import UTC, datetime

    home = tmp_path / "data"
    year = home / "archive" / f"{datetime.now(UTC):%Y}"
    year.mkdir(parents=True)
    (home / "intake").mkdir()
    text_pdf(home / "intake" / "mou.pdf")
    api = hostile.prefect_api_url()
    with unwritable(year):
        result = cli(home, "process", PREFECT_API_URL=api)
    assert result.returncode == EXIT_ENVIRONMENT, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    [line] = [line for line in result.stderr.splitlines() if line.startswith("kerjasama: ")]
    assert line.startswith(f"kerjasama: folder {year} is not writable: fix its permissions")
    assert "left for the next run 1" in result.stderr
    assert files(home / "intake") == ["mou.pdf"] and files(home / "quarantine") == []
    again = cli(home, "process", PREFECT_API_URL=api)
    assert again.returncode == 0, again.stderr
    assert files(home / "intake") == [] and files(home / "archive") == ["mou.pdf"]


def test_process_with_a_missing_language_exits_3_before_claiming_anything(tmp_path):
    home = tmp_path / "data"
    (home / "intake").mkdir(parents=True)
    scan(home / "intake" / "scan.pdf", tmp_path)
    result = cli(home, "process", KERJASAMA_OCR_LANG="ind+xyz", PREFECT_API_URL=hostile.prefect_api_url())
    assert result.returncode == EXIT_ENVIRONMENT
    assert one_line(result) == f"kerjasama: {LANGUAGE_LINE}"
    assert files(home / "intake") == ["scan.pdf"] and files(home / "quarantine") == []


def test_extract_with_a_missing_language_exits_3(tmp_path):
    source = scan(tmp_path / "scan.pdf", tmp_path)
    result = cli(tmp_path / "data", "extract", str(source), KERJASAMA_OCR_LANG="xyz")
    assert result.returncode == EXIT_ENVIRONMENT and result.stdout == ""
    assert one_line(result) == f"kerjasama: {LANGUAGE_LINE}"


def test_extract_in_worker_processes_with_a_missing_language_exits_3(tmp_path):
    """The fault crosses the worker process boundary intact (message and hint survive pickling)."""
    sources = [str(scan(tmp_path / f"{name}.pdf", tmp_path)) for name in ("a", "b")]
    out = tmp_path / "out"
    result = cli(
        tmp_path / "data", "extract", *sources, "--out", str(out), "--workers", "2", KERJASAMA_OCR_LANG="xyz"
    )
    assert result.returncode == EXIT_ENVIRONMENT and "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("kerjasama:")] == [
        f"kerjasama: {LANGUAGE_LINE}"
    ]
    assert files(out) == []


def test_extract_with_a_bad_setting_exits_2_with_one_line_naming_the_variable(tmp_path):
    """A bad setting is the command's error, not each file's: the CLI edge says it once (exit 2)."""
    source = text_pdf(tmp_path / "mou.pdf")
    for extra in ([], ["--out", str(tmp_path / "out"), "--workers", "2"]):
        result = cli(tmp_path / "data", "extract", str(source), str(source), *extra, KERJASAMA_DPI="abc")
        assert result.returncode == EXIT_USAGE and result.stdout == "", result.stdout
        assert one_line(result).startswith(
            "kerjasama: configuration error: KERJASAMA_DPI='abc': Input should be a valid integer"
        )
    assert not (tmp_path / "out").exists()


def test_extract_on_a_full_disk_stops_with_the_environment_fault(tmp_path, monkeypatch):
    """No space left while a file is read is the machine's fault: raised to the CLI edge (exit 3), not
    a line blaming the file; a file that cannot be read stays that file's failure."""
    import pipeline.document
    from flows.cli_extract import _extract_one
    from pipeline.errors import FolderNotWritableError

    source = text_pdf(tmp_path / "mou.pdf")

    def disk_full(path, **kwargs):
        raise OSError(28, "No space left on device", str(tmp_path / "page.tmp"))

    monkeypatch.setattr(pipeline.document, "extract_file", disk_full)
    with pytest.raises(FolderNotWritableError, match=f"folder {tmp_path} is full"):
        _extract_one(str(source), 1)

    def unreadable(path, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(pipeline.document, "extract_file", unreadable)
    path, record, error = _extract_one(str(source), 1)
    assert record is None and error == f"{source}: PermissionError: [Errno 13] Permission denied: '{source}'"


# --- settings ---------------------------------------------------------------------------------------


def test_bad_settings_name_the_variable_or_the_file_and_key(tmp_path):
    home = tmp_path / "data"
    result = cli(home, "records", "list", KERJASAMA_DPI="abc")
    assert result.returncode == EXIT_USAGE
    assert one_line(result).startswith(
        "kerjasama: configuration error: KERJASAMA_DPI='abc': Input should be a valid integer"
    )
    (tmp_path / "kerjasama.toml").write_text('dpi = "high"\n')
    result = cli(home, "records", "list", cwd=tmp_path)
    assert result.returncode == EXIT_USAGE
    assert one_line(result).startswith(
        "kerjasama: configuration error: kerjasama.toml: dpi = 'high': Input should"
    )
    (tmp_path / "kerjasama.toml").write_text("dpi = 300\nocr_langs = 'ind'\n")
    result = cli(home, "records", "list", cwd=tmp_path)
    assert result.returncode == EXIT_USAGE and "kerjasama.toml: unknown key 'ocr_langs'" in one_line(result)
    (tmp_path / "kerjasama.toml").write_text("dpi = \n")
    result = cli(home, "records", "list", cwd=tmp_path)
    assert result.returncode == EXIT_USAGE
    assert (
        one_line(result)
        == "kerjasama: configuration error: kerjasama.toml: not valid TOML: Invalid value (at line 1, "
        "column 7)"
    )
    result = cli(home, "records", "list", KERJASAMA_CONFIG=str(tmp_path / "missing.toml"))
    assert (
        result.returncode == EXIT_USAGE
        and f"KERJASAMA_CONFIG={tmp_path}/missing.toml: no such file" in one_line(result)
    )


# --- doctor -----------------------------------------------------------------------------------------


def test_doctor_passes_on_a_working_machine(tmp_path):
    result = cli(tmp_path / "data", "doctor")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("ok   tesseract: tesseract ")
    names = [line.split(":")[0] for line in lines]
    assert names[1:3] == ["ok   language ind", "ok   language eng"]
    assert "ok   database" in names and "ok   disk" in names
    assert [n for n in names if "folder" in n] == [
        f"ok   folder {name}" for name in ("intake", "processing", "archive", "quarantine", "reports")
    ]


def test_the_database_check_leaves_nothing_behind_and_passes_again(tmp_path):
    """The write probe on an existing SQLite file is undone: a second check (every run's preflight) passes."""
    import sqlite3

    from pipeline.health import PROBE_TABLE, check_database

    db = tmp_path / "k.db"
    sqlite3.connect(db).close()
    for _ in range(3):
        check = check_database(f"sqlite:///{db}")
        assert check.ok, check.detail
    with sqlite3.connect(db) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert PROBE_TABLE not in tables


def test_doctor_names_each_fault_and_exits_3(tmp_path):
    home = tmp_path / "data"
    Settings(home=home).ensure_folders()
    with unwritable(home / "archive"):
        result = cli(
            home,
            "doctor",
            KERJASAMA_OCR_LANG="ind+xyz",
            KERJASAMA_DATABASE_URL="postgresql+psycopg://kj:s3cret@127.0.0.1:1/kj",
            PREFECT_API_URL="http://127.0.0.1:1/api",
        )
    assert result.returncode == EXIT_ENVIRONMENT
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert failed[0] == f"FAIL language xyz: {LANGUAGE_LINE}"
    assert failed[1].startswith(
        "FAIL database: database postgresql+psycopg://kj:***@127.0.0.1:1/kj cannot be used"
    )
    assert failed[2].startswith(f"FAIL folder archive: folder {home}/archive is not writable")
    assert failed[3].startswith("FAIL prefect: Prefect server http://127.0.0.1:1/api does not answer")
    assert len(failed) == 4 and "s3cret" not in result.stdout + result.stderr
    assert result.stderr.strip() == f"{len(failed)} of {len(result.stdout.splitlines())} checks failed"


def test_doctor_flags_a_full_disk(settings):
    from pipeline.health import check_disk

    [check] = check_disk(settings, minimum=1 << 60)  # more than any disk: this one counts as full
    assert not check.ok and "GiB free at" in check.detail and check.fault is not None


# --- versions and records ---------------------------------------------------------------------------


def test_version_shows_the_pipeline_version(tmp_path):
    result = cli(tmp_path / "data", "--version")
    # the source hash of now: others may edit extractors/ while the suite runs
    assert (
        result.returncode == 0
        and result.stdout.strip() == f"kerjasama 0.1.0 (pipeline 0.1.0+{source_hash()})"
    )
    assert PIPELINE_VERSION.startswith("0.1.0+")


def test_pipeline_version_moves_with_the_extractor_source(tmp_path):
    import shutil

    for folder in ("extractors", "schemas"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    assert source_hash(root=tmp_path) == source_hash()  # the same files give the same version
    words = next((tmp_path / "extractors").rglob("*.py"))
    words.write_text(words.read_text() + "\n# one more word\n")
    assert source_hash(root=tmp_path) != source_hash()
    (tmp_path / "extractors" / "__pycache__").mkdir(exist_ok=True)
    before = source_hash(root=tmp_path)
    (tmp_path / "extractors" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"compiled")
    assert source_hash(root=tmp_path) == before  # byte-code caches do not count


def test_records_show_refuses_a_prefix_matching_several_documents(settings, store):
    from flows.cli import app
    from tests.test_store import make_record

    for sha in ("ab12" + "0" * 60, "ab34" + "0" * 60):
        store.save(make_record(sha=sha), [Page(1, "NOTA KESEPAHAMAN", "ocr", [], 0.9)])
    runner = CliRunner()
    env = {"KERJASAMA_HOME": str(settings.home)}
    result = runner.invoke(app, ["records", "show", "ab"], env=env)
    assert result.exit_code == EXIT_USAGE
    assert "'ab' matches 2 documents" in result.output
    assert "ab12" + "0" * 60 in result.output and "ab34" + "0" * 60 in result.output
    shown = runner.invoke(app, ["records", "show", "ab3"], env=env)
    assert shown.exit_code == 0 and json.loads(shown.stdout)["document"]["sha256"] == "ab34" + "0" * 60
    missing = runner.invoke(app, ["records", "show", "cd"], env=env)
    assert missing.exit_code == EXIT_USAGE and "no record with SHA-256 starting 'cd'" in missing.output


def test_an_unexpected_error_is_one_line_with_exit_4(monkeypatch, capsys):
    from flows import cli as cli_module

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli_module, "app", broken)
    monkeypatch.delenv("KERJASAMA_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exited:
        cli_module.main([])
    assert exited.value.code == cli_module.BUG_EXIT
    assert capsys.readouterr().err.startswith(
        "kerjasama: unexpected error (a bug in Kerjasama): ZeroDivisionError"
    )
