"""Issue 14 end to end: the workspace served by uvicorn, driven in headless Chromium over DevTools (the
harness of test_report_browser.py). Open the queue, correct an expiry date and a party name, reload, see
both; records show, the report and the xlsx agree; EXPIRED is gone; no console error, no request off the
machine, a <script> in a document's text shown as text. Screenshots of the queue and the document view
land in docs/ when KERJASAMA_DOCS_SCREENSHOTS=1."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from report_fixtures import SCRIPT, make_page_image, make_record, page_for
from test_report_browser import CHROMIUM, Chromium, problems, screenshot
from typer.testing import CliRunner

from pipeline.analyst.app import create_app
from pipeline.analyst.export import export_store
from pipeline.analyst.report import write_report
from pipeline.document import extract_document

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "fixed" / "docs"
SHOWN = ("01-mou-3party-text.pdf", "02-mou-office-scan.pdf", "03-mou-trap-title.pdf", "09-mou-en-text.pdf")
TARGET = "02-mou-office-scan.pdf"  # expired in its text (2026-09-15); two parties
NEW_EXPIRY = "2031-09-15"
NEW_PARTY = "PT Pegadaian (Persero) Kantor Wilayah Riau"
WAIT_SECONDS = 30

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"{CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium)",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    """The workspace on 127.0.0.1 in a uvicorn thread."""

    def __init__(self, app) -> None:
        import uvicorn

        self.port = free_port()
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + WAIT_SECONDS
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        self.base = f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def wait_until(browser: Chromium, expression: str, timeout: float = WAIT_SECONDS):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = browser.evaluate(expression)
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for: {expression}")


def navigate(browser: Chromium, url: str) -> None:
    browser.events = [e for e in browser.events if e.get("method") != "Page.loadEventFired"]
    browser.send("Page.navigate", {"url": url})
    browser.wait_for("Page.loadEventFired")


def images_loaded(browser: Chromium) -> None:
    browser.evaluate("document.querySelectorAll('img').forEach(i => i.loading = 'eager')")
    wait_until(browser, "[...document.images].every(i => i.complete && i.naturalWidth > 0)")


def off_machine(events: list[dict], base: str) -> list[str]:
    return [
        url
        for e in events
        if e.get("method") == "Network.requestWillBeSent"
        and not (url := e["params"]["request"]["url"]).startswith((base + "/", "data:", "about:"))
    ]


@pytest.fixture
def archive(store, settings, tmp_path) -> dict[str, str]:
    """The committed samples read and stored (text layer and one scan), plus a record whose title and
    page text hold a <script> tag; returns {file name: SHA-256}."""
    shas = {}
    for name in SHOWN:
        original = settings.archive_dir / name
        shutil.copy(SAMPLES / name, original)
        extraction = extract_document(original, settings=settings)
        store.save(extraction.record, extraction.text.pages, archive_path=str(original))
        shas[name] = extraction.record.document.sha256
    hostile = make_record(7, title=f"NOTA KESEPAHAMAN {SCRIPT}", filename="hostile.png")
    page = make_page_image(tmp_path / "hostile.png", ["NOTA KESEPAHAMAN"])
    store.save(hostile, pages=[page_for(f"Teks {SCRIPT} halaman")], archive_path=str(page))
    shas["hostile.png"] = hostile.document.sha256
    return shas


@pytest.mark.timeout(300)
def test_correct_in_the_browser_and_see_it_everywhere(archive, store, settings, tmp_path, monkeypatch):
    sha = archive[TARGET]
    served = Served(create_app(store, settings))
    browser = Chromium(tmp_path / "profile")
    try:
        for domain in ("Runtime", "Log", "Network", "Page"):
            browser.send(f"{domain}.enable")
        browser.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1400, "height": 1000, "deviceScaleFactor": 1, "mobile": False},
        )
        navigate(browser, served.base + "/queue")
        assert browser.evaluate("typeof window.htmx") == "object"  # the vendored script ran
        expired_row = f"document.querySelector('a[href=\"/doc/{sha}#field-expiry_date\"]')"
        assert browser.evaluate(f"!!{expired_row}"), "the expired sample is not in the queue"
        queue_shot = screenshot(browser, tmp_path / "app-queue.png")

        browser.evaluate(f"{expired_row}.click()")  # boosted by htmx: the body is swapped
        wait_until(browser, f"location.pathname === '/doc/{sha}' && !!document.querySelector('.fields')")
        assert browser.evaluate("document.querySelectorAll('ul.flags .flag-EXPIRED').length") == 1
        browser.evaluate("window.__same_page = 1")
        browser.evaluate(
            "(() => { const f = document.querySelector('form[action$=\"/correct/expiry_date\"]');"
            f" f.querySelector('input[name=value]').value = '{NEW_EXPIRY}'; f.requestSubmit(); }})()"
        )
        wait_until(browser, "document.querySelector('.saved') !== null")
        assert browser.evaluate("window.__same_page") == 1  # htmx swapped the page in: no full reload
        browser.evaluate(
            "(() => { const f = document.querySelector('form[action$=\"/correct/parties\"]');"
            f" f.querySelector('input[name=\"name-1\"]').value = {json.dumps(NEW_PARTY)};"
            " f.requestSubmit(); })()"
        )
        wait_until(browser, "location.search.includes('saved=parties')")

        navigate(browser, f"{served.base}/doc/{sha}")  # a real reload: what the server has stored
        assert (
            browser.evaluate(
                "document.querySelector('form[action$=\"/correct/expiry_date\"] input[name=value]').value"
            )
            == NEW_EXPIRY
        )
        assert browser.evaluate("document.querySelector('input[name=\"name-1\"]').value") == NEW_PARTY
        assert browser.evaluate("document.querySelectorAll('ul.flags .flag-EXPIRED').length") == 0
        assert browser.evaluate("document.querySelectorAll('svg.boxes rect').length") > 0
        images_loaded(browser)
        browser.evaluate(  # highlights the party boxes on the page
            "document.querySelector('input[name=\"name-1\"]').focus({preventScroll: true}); scrollTo(0, 0)"
        )
        document_shot = screenshot(browser, tmp_path / "app-document.png")

        navigate(browser, f"{served.base}/doc/{archive['hostile.png']}")
        browser.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        body = browser.evaluate("document.body.innerText")
        assert body.count(SCRIPT) >= 2  # the title and the page text, shown as text
        assert browser.evaluate("typeof window.__pwned") == "undefined"
        assert browser.evaluate("document.querySelectorAll('script:not([src])').length") == 0
        navigate(browser, f"{served.base}/search?q=halaman")
        assert SCRIPT in browser.evaluate("document.body.innerText")
        assert browser.evaluate("typeof window.__pwned") == "undefined"

        console, errors, _ = problems(browser.events)
        assert console == [] and errors == [], (console, errors)
        assert off_machine(browser.events, served.base) == []
    finally:
        browser.close()
        served.close()

    for shot in (queue_shot, document_shot):
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    if os.environ.get("KERJASAMA_DOCS_SCREENSHOTS") == "1":
        for shot in (queue_shot, document_shot):
            shutil.copy(shot, ROOT / "docs" / shot.name)

    from flows.cli import app

    monkeypatch.setenv("KERJASAMA_HOME", str(settings.home))
    shown = CliRunner().invoke(app, ["records", "show", sha[:12]])
    assert shown.exit_code == 0, shown.output
    record = json.loads(shown.output)
    assert record["expiry_date"]["value"] == NEW_EXPIRY
    assert record["parties"][1]["value"]["name"] == NEW_PARTY
    assert "EXPIRED" not in {flag["code"] for flag in record["flags"]}

    html = write_report(store, settings, tmp_path / "report.html", sample_labels=None, crops=False)
    text = html.read_text(encoding="utf-8")
    expiry_section = text.split('<section id="masa-berlaku">')[1].split("</section>")[0]
    assert TARGET not in expiry_section and NEW_PARTY in text and NEW_EXPIRY in text

    book = load_workbook(export_store(store, tmp_path / "k.xlsx", "xlsx", 0.6)[0])
    rows = list(book["Agreements"].values)
    header = rows[0]
    mine = next(row for row in rows[1:] if row[header.index("SHA-256")] == sha)
    assert str(mine[header.index("Expiry date")])[:10] == NEW_EXPIRY
    assert "EXPIRED" not in (mine[header.index("Flags")] or "")
    assert NEW_PARTY in [row[2] for row in book["Parties"].values if row[1] == sha]


@pytest.mark.timeout(300)
def test_pages_work_without_javascript(archive, store, settings, tmp_path):
    """Scripts off in the browser: the queue link, the correction form and the redirect are plain HTML."""
    sha = archive[TARGET]
    served = Served(create_app(store, settings))
    browser = Chromium(tmp_path / "profile")
    try:
        for domain in ("Runtime", "Network", "Page"):
            browser.send(f"{domain}.enable")
        browser.send("Emulation.setScriptExecutionDisabled", {"value": True})
        navigate(browser, served.base + "/queue")
        assert browser.evaluate("typeof window.htmx") == "undefined"  # the page's scripts did not run
        href = browser.evaluate(f"document.querySelector('a[href^=\"/doc/{sha}\"]').getAttribute('href')")
        navigate(browser, served.base + href)
        browser.evaluate(
            "(() => { const f = document.querySelector('form[action$=\"/correct/signing_date\"]');"
            " f.querySelector('input[name=value]').value = '2025-03-16'; f.submit(); })()"
        )
        wait_until(browser, "location.search.includes('saved=signing_date')")
        browser.send("Page.reload")
        wait_until(browser, "!!document.querySelector('.fields')")
        value = browser.evaluate(
            "document.querySelector('form[action$=\"/correct/signing_date\"] input[name=value]').value"
        )
        assert value == "2025-03-16"
    finally:
        browser.close()
        served.close()
    from pipeline.store.corrected import list_corrections

    assert [(c.field, c.value) for c in list_corrections(store, sha)] == [("signing_date", "2025-03-16")]
