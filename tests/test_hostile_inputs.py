"""Issue 7: one batch of hostile and broken inputs beside a good agreement — each bad file is quarantined
with an error naming it and the reason, the good one is archived and stored, no original byte changes."""

from __future__ import annotations

import hashlib
import json
import time
from datetime import datetime
from pathlib import Path

import hostile
import pytest

from pipeline.intake.stages import claim_ready
from pipeline.run import default_extract, process_claimed
from pipeline.settings import Settings
from pipeline.store.database import Store
from pipeline.text.read import read_document
from tests.fakes import BlankEngine

# name in the intake -> (stage, words the error must contain); the error also names the file
QUARANTINED = {
    "empty.pdf": ("read", "empty (0 bytes)"),
    "truncated.pdf": ("read", "truncated"),
    "locked.pdf": ("read", "encrypted with a password"),
    "page.html.pdf": ("read", "content is an HTML page"),
    "archive.zip.pdf": ("read", "content is a ZIP archive"),
    "program.elf.pdf": ("read", "Linux program (ELF"),
    "setup.exe.pdf": ("read", "Windows program"),
    "bomb.png": ("read", "10000 megapixels, too large for OCR"),
    "scan-20000x20000.png": ("read", "400 megapixels, too large for OCR"),
    "over-cap.pdf": ("read", "5 pages is over the limit of 3"),
    "corrupt.tiff": ("read", "not a readable image"),
    "macros.docx": ("read", "contains macros (word/vbaProject.bin)"),
    "docm-renamed.docx": ("read", "contains macros"),
    "notes.txt": ("intake", "unsupported file type '.txt'"),
    "link.pdf": ("intake", "symlink leading outside the intake"),
}
# name in the intake -> safe name it is archived under
ARCHIVED = {
    "good.pdf": "good.pdf",
    "broken-xref.pdf": "broken-xref.pdf",  # PDFium repairs the cross-reference table: read, not refused
    "kerja sama dengan spasi.pdf": "kerja sama dengan spasi.pdf",
    "perjanjian-ñ-日本-é.pdf": "perjanjian-ñ-日本-é.pdf",
    "line\nbreak.pdf": "line_break.pdf",
    "-rf --help.pdf": "rf --help.pdf",
    "..\\..\\evil.pdf": "_.._evil.pdf",
}


def build_intake(intake: Path, outside: Path) -> dict[str, bytes]:
    """Every hostile file of the batch, plus the good agreement; returns each name's original bytes."""
    good = hostile.agreement(intake / "good.pdf").read_bytes()
    hostile.write(intake / "empty.pdf", b"")
    hostile.truncated_pdf(intake / "truncated.pdf", good)
    xref_source = hostile.agreement(outside / "x.pdf", "xref").read_bytes()
    hostile.broken_xref_pdf(intake / "broken-xref.pdf", xref_source)
    hostile.encrypted_pdf(intake / "locked.pdf")
    hostile.write(intake / "page.html.pdf", hostile.HTML_BYTES)
    hostile.write(intake / "archive.zip.pdf", hostile.docx_bytes())
    hostile.write(intake / "program.elf.pdf", hostile.ELF_BYTES)
    hostile.write(intake / "setup.exe.pdf", hostile.MZ_BYTES)
    hostile.png_header_bomb(intake / "bomb.png")
    hostile.huge_bilevel_png(intake / "scan-20000x20000.png")
    hostile.agreement(intake / "over-cap.pdf", "cap", pages=5)
    hostile.corrupt_tiff(intake / "corrupt.tiff")
    hostile.docx_with_macros(intake / "macros.docx")
    hostile.docm_renamed_docx(intake / "docm-renamed.docx")
    hostile.write(intake / "notes.txt", b"catatan rapat")
    for n, name in enumerate(ARCHIVED):
        if name not in ("good.pdf", "broken-xref.pdf"):
            hostile.agreement(intake / name, f"nama {n}")
    secret = hostile.write(outside / "secret.pdf", b"%PDF-1.4 secret outside the intake")
    (intake / "link.pdf").symlink_to(secret)
    hostile.write(intake / "drop-a" / "twice.pdf", good + b"%twice\n")  # same bytes dropped twice at once
    hostile.write(intake / "drop-b" / "twice.pdf", good + b"%twice\n")
    return {p.relative_to(intake).as_posix(): p.read_bytes() for p in intake.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("hostile")
    settings = Settings(home=tmp_path / "data", stable_seconds=1.0, max_pages=3)
    settings.ensure_folders()
    originals = build_intake(settings.intake_dir, tmp_path / "outside")
    time.sleep(1.1)  # everything above is now stable; the next file is still being written
    writing = (settings.intake_dir / "still-writing.pdf").open("wb")
    writing.write(b"%PDF-1.4\n% half of a scan being copied from the network share")
    writing.flush()
    store = Store(settings.database_url or "")
    claimed, outcomes = claim_ready(settings)
    extract = default_extract(settings, engine=BlankEngine())
    outcomes += [process_claimed(item, store, settings, extract) for item in claimed]
    writing.close()
    yield settings, store, {o.name: o for o in outcomes}, originals, tmp_path / "outside"
    store.close()


def test_each_bad_file_is_quarantined_with_a_clear_error(batch):
    settings, _, outcomes, _, _ = batch
    for name, (stage, words) in QUARANTINED.items():
        assert outcomes[name].outcome == "quarantined", name
        report = json.loads((settings.quarantine_dir / f"{name}.error.json").read_text(encoding="utf-8"))
        assert set(report) == {"file", "stage", "error", "time", "what_to_do"}
        assert report["file"] == name and report["stage"] == stage, report
        assert report["error"].startswith(f"{name}: ") and words in report["error"], report["error"]
        assert "/" not in report["error"].removeprefix(f"{name}: ").split("(")[0], "no paths leak"
        assert datetime.fromisoformat(report["time"]).tzinfo is not None and len(report["what_to_do"]) > 20
    assert (settings.quarantine_dir / "link.pdf").is_symlink()


def test_good_files_and_odd_names_are_archived_and_stored(batch):
    settings, store, outcomes, originals, _ = batch
    archive = settings.archive_dir.resolve()
    for name, safe in ARCHIVED.items():
        outcome = outcomes[safe]
        assert outcome.outcome == "processed", (name, outcome)
        location = Path(outcome.location or "")
        assert location.name == safe and location.resolve().is_relative_to(archive)
        assert location.read_bytes() == originals[name], f"{name}: archived bytes differ"
        row = store.find_record(outcome.sha256 or "")
        assert row is not None and row.record["document"]["filename"] == safe
    assert "KESEPAHAMAN" in store.find_record(outcomes["broken-xref.pdf"].sha256).title


def test_same_file_dropped_twice_at_once_is_stored_once(batch):
    settings, store, _, originals, _ = batch
    digest = hashlib.sha256(originals["drop-a/twice.pdf"]).hexdigest()
    events = [e.outcome for e in store.events() if e.sha256 == digest]
    assert sorted(events) == ["duplicate", "processed"]
    copies = [p for p in settings.archive_dir.rglob("*twice.pdf")]
    assert sorted(p.name for p in copies) == ["duplicate-" + digest[:12] + "-twice.pdf", "twice.pdf"]


def test_file_being_written_is_left_alone_and_nothing_is_lost(batch):
    settings, _, outcomes, originals, outside = batch
    assert "still-writing.pdf" not in outcomes
    assert [p.name for p in settings.intake_dir.rglob("*") if p.is_file()] == ["still-writing.pdf"]
    assert not any(settings.processing_dir.iterdir())
    kept = [p for p in settings.archive_dir.rglob("*") if p.is_file()]
    kept += [p for p in settings.quarantine_dir.iterdir() if not p.name.endswith(".error.json")]
    assert len(kept) == len(originals)  # every dropped file is somewhere, exactly once
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in kept if not p.is_symlink()}
    assert digests == {hashlib.sha256(v).hexdigest() for k, v in originals.items() if k != "link.pdf"}
    assert (outside / "secret.pdf").read_bytes() == b"%PDF-1.4 secret outside the intake"


def test_macros_are_never_run(batch, tmp_path):
    assert not Path("pwned").exists() and not (tmp_path / "pwned").exists()


def test_docx_external_entities_are_not_resolved(tmp_path):
    secret = hostile.write(tmp_path / "secret.txt", b"TOP-SECRET-PASSWORD")
    path = hostile.docx_with_external_entity(tmp_path / "xxe.docx", secret)
    try:
        text = read_document(path).pages[0].text
    except Exception as exc:  # refusing the file is fine too; leaking the file is not
        text = str(exc)
    assert "TOP-SECRET" not in text


def test_docx_zip_bomb_is_refused_before_inflating(tmp_path):
    from pipeline.errors import TooLargeError

    path = hostile.docx_zip_bomb(tmp_path / "bomb.docx")
    assert path.stat().st_size < 2_000_000
    with pytest.raises(TooLargeError, match=r"bomb\.docx: the DOCX would inflate to 30\d MB"):
        read_document(path)


PAYLOADS = ['<script>alert("t")</script>', '<img src=x onerror="alert(1)">', '"><svg onload=alert(2)>']


def test_report_escapes_hostile_text_everywhere(store, settings, tmp_path):
    from report_fixtures import evidence, make_page_image, make_record, page_for

    from pipeline.analyst.report import write_report
    from schemas.record import ExtractedField, Party

    title = f"NOTA KESEPAHAMAN {PAYLOADS[0]}"
    record = make_record(1, title=title, filename=f"mou {PAYLOADS[1]}.png")
    record.parties = [ExtractedField(value=Party(name=f"PT {p}", role=p), confidence=0.4) for p in PAYLOADS]
    record.signing_date.evidence = evidence(f"tanggal {PAYLOADS[2]}")
    archive = make_page_image(tmp_path / "archive" / "mou.png", [title])
    store.save(record, pages=[page_for(title)], archive_path=str(archive))
    store.add_event(f"{PAYLOADS[1]}.pdf", "quarantined", stage="read", reason=f"{PAYLOADS[0]}: broken")
    html = write_report(store, settings, tmp_path / "r.html", sample_labels=None).read_text(encoding="utf-8")
    for payload in PAYLOADS:
        assert payload not in html
    assert "<script" not in html.lower() and "<img src=x" not in html and "<svg onload" not in html
    assert "&lt;img src=x onerror=" in html


@pytest.mark.parametrize(
    "name", ["..", "../../etc/passwd", "..\\..\\evil.pdf", "/abs/x.pdf", "a/../../b.pdf", "-", "\n..\n/x.pdf"]
)
def test_names_never_leave_archive_or_quarantine(settings, name):
    from pipeline.intake.folders import Claimed, archive_target, quarantine, safe_name

    safe = safe_name(name)
    assert "/" not in safe and "\\" not in safe and not safe.startswith(("-", ".")) and safe not in ("", "..")
    target = archive_target(safe, settings, "ab" * 32)
    assert target.resolve().is_relative_to(settings.archive_dir.resolve())
    source = hostile.write(settings.processing_dir / "claimed.bin", b"%PDF-1.4 x")
    final = quarantine(Claimed(source, safe), settings, stage="read", error=f"{safe}: x", hint="y")
    assert final.resolve().parent == settings.quarantine_dir.resolve()


def test_no_shell_is_ever_built_from_file_names():
    """subprocess calls take argument lists; pytesseract is only given temp files it names itself."""
    import re

    root = Path(__file__).resolve().parents[1]
    sources = [
        p for folder in ("pipeline", "extractors", "flows", "schemas") for p in (root / folder).rglob("*.py")
    ]
    shell = re.compile(r"shell\s*=\s*True|os\.system\(|os\.popen\(|subprocess\.getoutput|commands\.getoutput")
    lines = [(p, n, text) for p in sources for n, text in enumerate(p.read_text("utf-8").splitlines(), 1)]
    offenders = [f"{p.relative_to(root)}:{n}" for p, n, text in lines if shell.search(text)]
    assert offenders == []
    assert len(sources) > 30
