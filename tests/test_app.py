"""Issue 14: the workspace over HTTP (FastAPI TestClient): queue, document view, page images, corrections
of scalar and list fields, accept, search; and every refusal: CSRF, path traversal, conflicting saves,
the access token, a non-loopback start without one, a foreign Host header."""

from __future__ import annotations

import re
import socket
import threading

import pytest
from fastapi.testclient import TestClient
from report_fixtures import SCRIPT, fill_store
from typer.testing import CliRunner

from pipeline.analyst.app import check_bind, create_app
from pipeline.analyst.corrections import CorrectionConflict, add_checked_correction
from pipeline.errors import SettingsError
from pipeline.store.corrected import list_corrections

FIRST, SECOND, THIRD = ("01" * 32, "02" * 32, "03" * 32)  # fill_store; SECOND expired on 2021-05-01
BASE = "http://127.0.0.1"
PNG = b"\x89PNG\r\n\x1a\n"


def client(store, settings, **options) -> TestClient:
    return TestClient(create_app(store, settings, **options), base_url=BASE)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def version_of(html: str, field: str) -> str:
    form = html.split(f'action="/doc/{SECOND}/correct/{field}"')[1]
    return re.search(r'name="version" value="(\d+)"', form).group(1)


@pytest.fixture
def filled(store, tmp_path):
    fill_store(store, tmp_path, count=3)
    return store


@pytest.fixture
def web(filled, settings):
    return client(filled, settings)


def open_doc(web, sha=SECOND) -> tuple[str, str]:
    page = web.get(f"/doc/{sha}")
    assert page.status_code == 200
    return page.text, csrf_of(page.text)


def save(web, field, data, sha=SECOND, **extra):
    html, csrf = open_doc(web, sha)
    form = {"csrf": csrf, "version": version_of(html, field) if sha == SECOND else "0", **data}
    return web.post(f"/doc/{sha}/correct/{field}", data=form, follow_redirects=False, **extra)


# pages -------------------------------------------------------------------------------------------
def test_queue_lists_low_fields_and_flags_sortable(web):
    page = web.get("/queue")
    assert page.status_code == 200
    rows = re.findall(r"<tr>\s*<td><a data-nav href=\"/doc/(\w+)#([\w-]+)\">", page.text)
    assert (SECOND, "field-signing_date") in rows and (SECOND, "field-expiry_date") in rows  # EXPIRED
    assert (FIRST, "field-workplan") in rows  # confidence 0.55 and NO_DETAILED_WORKPLAN
    by_conf = [sha for sha, anchor in rows]
    assert "45%" in page.text.split("</thead>")[1].split("</tr>")[0]  # lowest confidence first
    by_flag = web.get("/queue?sort=flag").text
    first_row = by_flag.split("</thead>")[1].split("</tr>")[0]
    assert "flag-EXPIRED" in first_row  # flags sort before fields, EXPIRED before NO_DETAILED_...
    assert len(by_conf) == len(re.findall(r"data-nav", by_flag))


def test_document_view_shows_fields_evidence_boxes_and_escapes(web):
    html, _ = open_doc(web, FIRST)
    assert f'src="/doc/{FIRST}/page/1.png"' in html
    assert re.search(r'<rect data-field="signing_date" x="120.0" y="300.0" width="980.0" height="50.0"', html)
    assert f'href="/doc/{FIRST}/original"' in html
    assert SCRIPT not in html and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert 'id="field-parties"' in html and 'value="Pemerintah Kota Contoh"' in html
    assert "45%" in html  # signing_date confidence


def test_docx_and_missing_originals_show_text_without_images(web, filled):
    from pathlib import Path

    original = Path(filled.archive_path(FIRST))
    docx = original.with_suffix(".docx")
    docx.write_bytes(b"PK not really a docx")
    filled.set_archive_path(FIRST, str(docx))
    html, _ = open_doc(web, FIRST)
    assert "<img" not in html, re.findall(r".{60}<img.{60}", html)
    assert "DOCX" in html and '<pre class="text">' in html
    assert web.get(f"/doc/{FIRST}/page/1.png").status_code == 404
    docx.unlink()
    assert "<img" not in open_doc(web, FIRST)[0]
    assert web.get(f"/doc/{FIRST}/original").status_code == 404


def test_security_headers_on_every_page(web):
    for path in ("/queue", f"/doc/{FIRST}", "/search", f"/doc/{FIRST}/page/1.png"):
        response = web.get(path)
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        assert response.headers["x-content-type-options"] == "nosniff"


def test_page_image_is_rendered_once_then_cached(web, settings, filled):
    first = web.get(f"/doc/{FIRST}/page/1.png")
    assert first.status_code == 200 and first.content.startswith(PNG)
    cached = list((settings.home / "cache" / "pages").rglob(f"{FIRST}-1-150.png"))
    assert len(cached) == 1
    from pathlib import Path

    Path(filled.archive_path(FIRST)).unlink()  # the cache serves it now
    again = web.get(f"/doc/{FIRST}/page/1.png")
    assert again.status_code == 200 and again.content == first.content
    assert web.get(f"/doc/{FIRST}/page/1.png?dpi=300").status_code == 404  # not cached, no original


def test_original_download(web, filled):
    from pathlib import Path

    response = web.get(f"/doc/{FIRST}/original")
    assert response.status_code == 200
    assert response.content == Path(filled.archive_path(FIRST)).read_bytes()
    assert "mou-01.png" in response.headers["content-disposition"]


@pytest.mark.parametrize(
    "path",
    [
        "/doc/..%2F..%2F..%2Fetc%2Fpasswd/page/1.png",
        "/doc/%2Fetc%2Fpasswd/original",
        f"/doc/{FIRST}/page/0.png",
        f"/doc/{FIRST}/page/2.png",
        f"/doc/{FIRST}/page/-1.png",
        f"/doc/{FIRST}/page/1.png?dpi=1",
        f"/doc/{FIRST}/page/..%2F..%2Fkerjasama.db",
        "/doc/" + "AB" * 32 + "/page/1.png",
        "/static/..%2Froutes.py",
        "/static/%2Fetc%2Fpasswd",
        "/static/app.css%00.py",
        "/doc/" + "0" * 64 + "/original",
    ],
)
def test_no_request_path_reaches_the_file_system(web, path):
    response = web.get(path)
    assert response.status_code in (404, 422), (path, response.status_code)
    assert b"root:" not in response.content and b"SQLite" not in response.content


def test_static_files_are_the_vendored_ones(web):
    htmx = web.get("/static/htmx.min.js")
    assert htmx.status_code == 200 and b"htmx" in htmx.content[:200]
    assert web.get("/static/app.js").status_code == 200


# corrections -------------------------------------------------------------------------------------
def test_correct_expiry_clears_expired_and_shows_everywhere(web, filled):
    assert "EXPIRED" in web.get(f"/doc/{SECOND}").text
    response = save(web, "expiry_date", {"value": "2031-05-01", "note": "hal. 2"})
    assert response.status_code == 303
    assert response.headers["location"] == f"/doc/{SECOND}?saved=expiry_date#field-expiry_date"
    html = web.get(response.headers["location"]).text
    assert 'value="2031-05-01"' in html and "flag-EXPIRED" not in html
    assert "2021-05-01" in html  # the machine value beside the correction
    queue = web.get("/queue").text
    assert f"{SECOND}#field-expiry_date" not in queue
    stored = list_corrections(filled, SECOND)
    assert [(c.field, c.value, c.note) for c in stored] == [("expiry_date", "2031-05-01", "hal. 2")]


def test_correct_a_list_field_edit_add_remove(web, filled):
    data = {
        "rows": "3",
        "name-0": "Universitas Contoh Baru",
        "role-0": "PIHAK KESATU",
        "representative-0": "Prof. A",
        "order-0": "1",
        "name-1": "Pemerintah Kota Contoh",
        "remove-1": "1",
        "name-2": "Mitra Ketiga",
        "position-2": "Direktur",
    }
    assert save(web, "parties", data).status_code == 303
    value = list_corrections(filled, SECOND)[-1].value
    assert value == [
        {"name": "Universitas Contoh Baru", "role": "PIHAK KESATU", "order": 1,
         "representative": "Prof. A", "position": None},
        {"name": "Mitra Ketiga", "role": None, "order": None, "representative": None, "position": "Direktur"},
    ]  # fmt: skip
    html = web.get(f"/doc/{SECOND}").text
    assert 'value="Universitas Contoh Baru"' in html and 'value="Mitra Ketiga"' in html
    assert 'value="Pemerintah Kota Contoh"' not in html
    assert (
        save(web, "scope", {"rows": "2", "value-0": "Penelitian", "value-1": "Pengabdian"}).status_code == 303
    )
    assert list_corrections(filled, SECOND)[-1].value == ["Penelitian", "Pengabdian"]
    bad = save(web, "parties", {"rows": "1", "role-0": "PIHAK KESATU"})
    assert bad.status_code == 400 and "the name is empty" in bad.text


def test_bad_value_is_refused_with_its_reason(web, filled):
    response = save(web, "expiry_date", {"value": "31/12/2030"})
    assert response.status_code == 400 and "YYYY-MM-DD" in response.text
    _, csrf = open_doc(web)
    unknown = web.post(
        f"/doc/{SECOND}/correct/no_such_field", data={"csrf": csrf, "version": "0", "value": "x"}
    )
    assert unknown.status_code == 400 and "not a field that can be corrected" in unknown.text
    assert list_corrections(filled) == []


def test_accept_confirms_the_machine_value(web, filled):
    html, csrf = open_doc(web)
    response = web.post(
        f"/doc/{SECOND}/accept/signing_date", data={"csrf": csrf, "version": "0"}, follow_redirects=False
    )
    assert response.status_code == 303
    row = list_corrections(filled, SECOND)[0]
    assert (row.field, row.value, row.note.startswith("accepted")) == ("signing_date", "2022-04-27", True)
    assert f"{SECOND}#field-signing_date" not in web.get("/queue").text
    assert "dibenarkan oleh" in web.get(f"/doc/{SECOND}").text


def test_document_is_reviewed_when_its_queue_is_empty(web):
    html, csrf = open_doc(web, THIRD)
    assert "perlu ditinjau" in html
    fields = re.findall(rf'action="/doc/{THIRD}/accept/(\w+)"', html)
    for field in fields:
        web.post(f"/doc/{THIRD}/accept/{field}", data={"csrf": csrf, "version": "0"})
    assert "Sudah ditinjau" in web.get(f"/doc/{THIRD}").text
    assert THIRD not in web.get("/queue").text
    listed = web.get("/search").text
    reviewed = re.findall(r'href="/doc/(\w+)">[^<]*</a></td>(?:(?!</tr>).)*class="done"', listed, re.S)
    assert reviewed == [THIRD]


# refusals ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "data"),
    [
        (f"/doc/{SECOND}/correct/expiry_date", {"version": "0", "value": "2031-05-01"}),
        (f"/doc/{SECOND}/accept/signing_date", {"version": "0"}),
        ("/analyst", {"analyst": "mallory"}),
        ("/login", {"token": "x"}),
    ],
)
def test_csrf_refusal_on_every_form(web, filled, settings, path, data):
    open_doc(web)  # a session cookie, but no token in the post
    missing = web.post(path, data=data, follow_redirects=False)
    assert missing.status_code == 403 and "CSRF" in missing.text
    other = client(filled, settings)  # a token of another browser session
    _, foreign = open_doc(other)
    wrong = web.post(path, data={**data, "csrf": foreign}, follow_redirects=False)
    assert wrong.status_code == 403
    assert list_corrections(filled) == []


def test_conflicting_save_is_refused_with_a_clear_message(any_store, tmp_path, settings):
    fill_store(any_store, tmp_path, count=2)
    rina, budi = client(any_store, settings), client(any_store, settings)
    for web, name in ((rina, "rina"), (budi, "budi")):
        _, csrf = open_doc(web)
        web.post("/analyst", data={"csrf": csrf, "analyst": name, "next": "/queue"})
    rina_html, rina_csrf = open_doc(rina)
    budi_html, budi_csrf = open_doc(budi)  # both opened before either saved
    first = rina.post(
        f"/doc/{SECOND}/correct/expiry_date",
        data={"csrf": rina_csrf, "version": version_of(rina_html, "expiry_date"), "value": "2031-05-01"},
        follow_redirects=False,
    )
    assert first.status_code == 303
    later = budi.post(
        f"/doc/{SECOND}/correct/expiry_date",
        data={"csrf": budi_csrf, "version": version_of(budi_html, "expiry_date"), "value": "2029-01-01"},
        follow_redirects=False,
    )
    assert later.status_code == 409
    assert "changed by rina" in later.text and "not saved" in later.text and "2031-05-01" in later.text
    assert "&#34;2029-01-01&#34; was not saved" in later.text  # the refused value is shown, to re-enter
    assert [(c.analyst, c.value) for c in list_corrections(any_store, SECOND)] == [("rina", "2031-05-01")]
    other_field = budi.post(
        f"/doc/{SECOND}/correct/signing_date",
        data={"csrf": budi_csrf, "version": version_of(budi_html, "signing_date"), "value": "2022-04-28"},
        follow_redirects=False,
    )
    assert other_field.status_code == 303  # another field of the same document is no conflict


def test_concurrent_saves_of_one_field_exactly_one_wins(any_store, tmp_path):
    fill_store(any_store, tmp_path, count=2)
    outcomes: list[str] = []
    start = threading.Barrier(6)

    def attempt(n: int) -> None:
        start.wait()
        try:
            add_checked_correction(any_store, SECOND, "title", f"Judul {n}", 0, analyst=f"a{n}")
            outcomes.append("saved")
        except CorrectionConflict:
            outcomes.append("refused")

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * 5 + ["saved"]
    assert len(list_corrections(any_store, SECOND)) == 1


def test_access_token_is_required_when_set(filled, settings):
    web = client(filled, settings, token="s3cret-token")
    assert web.get("/queue", follow_redirects=False).headers["location"] == "/login?next=/queue"
    assert web.get(f"/doc/{FIRST}/page/1.png", follow_redirects=False).status_code == 303
    assert web.post(f"/doc/{FIRST}/accept/title", data={}).status_code == 401
    login = web.get("/login")
    wrong = web.post("/login", data={"csrf": csrf_of(login.text), "token": "guess", "next": "/queue"})
    assert wrong.status_code == 401 and "Token salah" in wrong.text
    right = web.post(
        "/login", data={"csrf": csrf_of(login.text), "token": "s3cret-token", "next": "/queue"},
        follow_redirects=False,
    )  # fmt: skip
    assert right.status_code == 303
    assert web.get("/queue").status_code == 200
    fresh = client(filled, settings, token="s3cret-token")
    assert fresh.get("/queue", headers={"authorization": "Bearer s3cret-token"}).status_code == 200
    by_link = fresh.get("/queue?token=s3cret-token", follow_redirects=False)
    assert by_link.status_code == 303 and by_link.headers["location"] == "/queue"
    assert fresh.get("/queue").status_code == 200  # the cookie it set


def test_foreign_host_header_is_refused(web, filled, settings):
    assert web.get("/queue", headers={"host": "evil.example"}).status_code == 400
    assert web.get("/queue", headers={"host": "localhost:8470"}).status_code == 200
    assert web.get("/queue", headers={"host": "[::1]:8470"}).status_code == 200
    shared = client(filled, settings, token="s3cret-token")  # bound to a network: any name, with the token
    named = shared.get("/queue", headers={"host": "kerjasama.kantor:8470"}, follow_redirects=False)
    assert named.status_code == 303 and named.headers["location"].startswith("/login")


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "kantor.example", "::"])
def test_non_loopback_start_without_token_is_refused(host):
    with pytest.raises(SettingsError, match="KERJASAMA_APP_TOKEN"):
        check_bind(host, None)
    check_bind(host, "a-long-secret")  # with a token it may


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "127.0.0.2"])
def test_loopback_start_needs_no_token(host):
    check_bind(host, None)


def test_cli_refuses_non_loopback_without_token(settings, monkeypatch):
    from flows.cli import main

    monkeypatch.setenv("KERJASAMA_HOME", str(settings.home))
    monkeypatch.delenv("KERJASAMA_APP_TOKEN", raising=False)
    with pytest.raises(SystemExit) as stop:
        main(["app", "--host", "0.0.0.0", "--port", "8471"])
    assert stop.value.code == 2
    runner = CliRunner()
    result = runner.invoke(__import__("flows.cli", fromlist=["app"]).app, ["app", "--help"])
    assert result.exit_code == 0 and "--host" in result.output


# search and language -----------------------------------------------------------------------------
def test_search_pages_and_facets(web):
    found = web.get("/search", params={"q": "kerja sama"})
    assert found.status_code == 200
    assert f'href="/doc/{SECOND}' in found.text and "<mark>" in found.text
    assert SCRIPT not in found.text  # the first document's title holds a script tag
    expired = web.get("/search", params={"status": "expired"}).text
    listed = re.findall(r'<td><a data-nav href="/doc/(\w+)">', expired)
    assert listed == [SECOND]
    typed = web.get("/search", params={"type": "PKS"}).text
    assert re.findall(r'<td><a data-nav href="/doc/(\w+)">', typed) == []


def test_search_facets_follow_corrections(web):
    save(web, "expiry_date", {"value": "2031-05-01"})
    expired = web.get("/search", params={"status": "expired"}).text
    assert re.findall(r'<td><a data-nav href="/doc/(\w+)">', expired) == []
    active = web.get("/search", params={"flag": "EXPIRED"}).text
    assert SECOND not in active


def test_english_interface_is_available_and_remembered(web):
    english = web.get("/queue?lang=en")
    assert "Review queue" in english.text and english.cookies.get("kj_lang") == "en"
    assert "Review queue" in web.get("/queue").text
    assert "Antrean tinjauan" in web.get("/queue?lang=id").text


@pytest.mark.parametrize(
    ("code", "message", "indonesian"),
    [
        ("EXPIRED", "Expired on 2026-04-07.", "Berakhir pada 2026-04-07."),
        ("EXPIRING_SOON", "Expires on 2027-01-10 (in 38 days).", "Berakhir pada 2027-01-10 (38 hari lagi)."),
        (
            "MISSING_SECTION",
            "No article on Pembiayaan (costs) was found.",
            "Pasal tentang Pembiayaan tidak ditemukan.",
        ),
        ("NUMBER_MISSING", "1 document number(s) for 3 parties.", "1 nomor dokumen untuk 3 pihak."),
        ("NO_SIGNING_DATE", "No signing date was found.", "Tanggal tanda tangan tidak ditemukan."),
        ("LOW_OCR_CONFIDENCE", "Mean OCR confidence 0.52 < 0.70.", "Rata-rata keyakinan OCR 0.52 < 0.70."),
        ("EXPIRED", "Berakhir 2021-05-01", "Berakhir 2021-05-01"),  # an unknown form: as written
    ],
)
def test_flag_messages_in_indonesian(code, message, indonesian):
    from pipeline.analyst.labels import flag_message

    assert flag_message(code, message, "id") == indonesian
    assert flag_message(code, message, "en") == message


def test_workspace_beside_serve_in_a_thread(filled, settings, monkeypatch):
    import httpx

    from flows.cli_app import start_workspace

    monkeypatch.setenv("KERJASAMA_HOME", str(settings.home))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = start_workspace("127.0.0.1", port)
    try:
        page = httpx.get(f"http://127.0.0.1:{port}/queue", timeout=10)
        assert page.status_code == 200 and "mou-02.png" in page.text
    finally:
        server.should_exit = True


def test_serve_refuses_a_public_workspace_without_token(settings, monkeypatch):
    from flows.cli import main

    monkeypatch.setenv("KERJASAMA_HOME", str(settings.home))
    monkeypatch.delenv("KERJASAMA_APP_TOKEN", raising=False)
    with pytest.raises(SystemExit) as stop:
        main(["serve", "--app", "--app-host", "0.0.0.0"])
    assert stop.value.code == 2  # before Prefect is touched


def test_excel_export_download_in_the_interface_language(web):
    from io import BytesIO

    from openpyxl import load_workbook

    indonesian = web.get("/export.xlsx")
    assert indonesian.status_code == 200 and "kerjasama.xlsx" in indonesian.headers["content-disposition"]
    assert load_workbook(BytesIO(indonesian.content)).sheetnames[0] == "Perjanjian"
    english = web.get("/export.xlsx?lang=en")
    assert load_workbook(BytesIO(english.content)).sheetnames[0] == "Agreements"
