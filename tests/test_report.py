"""Issue 6: the analyst report is one self-contained, escaped HTML file with every section filled."""

from __future__ import annotations

import json
import re

from report_fixtures import SCRIPT, fill_store, make_page_image

from pipeline.analyst.corrections import add_correction
from pipeline.analyst.report import write_report
from pipeline.analyst.report.charts import bars, histogram
from pipeline.analyst.report.crops import crop_data_uri


def test_report_default_path_sections_and_escaping(store, settings, tmp_path):
    fill_store(store, tmp_path, count=3)
    store.add_event("broken.pdf", "quarantined", stage="read", reason="CorruptFileError: not a readable PDF")
    store.add_event("mou-01 copy.png", "duplicate", sha256="01" * 32)
    store.add_event("mou-01.png", "processed", sha256="01" * 32, seconds=12.5)
    path = write_report(store, settings, sample_labels=None)
    assert path == settings.reports_dir / "kerjasama-report.html"
    html = path.read_text(encoding="utf-8")
    for anchor in (
        "ringkasan",
        "cakupan",
        "akurasi",
        "rencana-kerja",
        "masa-berlaku",
        "bagian-hilang",
        "antrean",
        "koreksi",
        "dokumen",
        f"doc-{'01' * 6}",
    ):
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html
    assert SCRIPT not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    assert "CorruptFileError" in html and "12.5 s" in html
    assert "PARA PIHAK menyusun program secara terpadu" in html  # the workplan evidence sentence
    assert re.search(r"Kedaluwarsa \(1\)", html)


def test_report_is_self_contained(store, settings, tmp_path):
    fill_store(store, tmp_path, count=2)
    html = write_report(store, settings, tmp_path / "r.html", sample_labels=None).read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "@import" not in html and "url(http" not in html
    assert html.count("<svg") >= 3
    assert "Content-Security-Policy" in html


def test_review_queue_has_evidence_crops_and_skips_missing_originals(store, settings, tmp_path):
    records = fill_store(store, tmp_path, count=2)
    (tmp_path / "archive" / records[1].document.filename).unlink()  # original gone: no crop, no crash
    html = write_report(store, settings, tmp_path / "r.html", sample_labels=None).read_text(encoding="utf-8")
    assert html.count('src="data:image/jpeg;base64,') == 2  # signing_date + workplan of the first document
    assert "potongan tidak tersedia" in html


def test_crop_scales_box_onto_rendered_page(tmp_path):
    image = make_page_image(tmp_path / "p.png", ["a line of text"])
    uri = crop_data_uri(str(image), 1, (120, 300, 400, 340), (1240, 1754), "ocr", 300)
    assert uri and uri.startswith("data:image/jpeg;base64,")
    assert crop_data_uri(str(image), 1, None) is None
    assert crop_data_uri(str(image), 2, (1, 2, 3, 4)) is None
    assert crop_data_uri(str(tmp_path / "missing.pdf"), 1, (1, 2, 3, 4)) is None
    assert crop_data_uri(str(image), 1, (5000, 5000, 6000, 6000), (1240, 1754)) is None


def test_corrections_shown_beside_machine_value_and_scored(store, settings, tmp_path):
    fill_store(store, tmp_path, count=2)
    add_correction(store, "0101", "signing_date", "2022-04-30", analyst="rina", note="<b>halaman 1</b>")
    html = write_report(store, settings, tmp_path / "r.html", sample_labels=None).read_text(encoding="utf-8")
    assert '<span class="corrected">2022-04-30</span> <span class="machine">2022-04-27</span>' in html
    assert "Koreksi analis / analysts&#39; corrections · 1 dokumen" in html
    assert "&lt;b&gt;halaman 1&lt;/b&gt;" in html


def test_accuracy_against_gold_labels_by_filename_stem(store, settings, tmp_path):
    fill_store(store, tmp_path, count=2)
    labels = tmp_path / "gold" / "labels"
    labels.mkdir(parents=True)
    label = {
        "doc_type": "MoU",
        "language": "id",
        "title": "PERJANJIAN KERJA SAMA NOMOR 2",
        "numbers": [],
        "parties": [],
        "signing_date": "2022-04-27",
        "signing_place": None,
        "effective_date": None,
        "duration_text": None,
        "duration_months": 60,
        "expiry_date": "2021-05-01",
        "scope": [],
        "obligations": [],
        "has_workplan": False,
        "workplan_detail": "none",
        "notes": "",
    }
    (labels / "mou-02.json").write_text(json.dumps(label))
    (labels / "not-stored.json").write_text(json.dumps(label))
    html = write_report(
        store, settings, tmp_path / "r.html", gold_dirs=[tmp_path / "gold"], sample_labels=None
    ).read_text(encoding="utf-8")
    section = html[html.index('id="akurasi"') : html.index('id="rencana-kerja"')]
    assert "Gold: " in section and "· 1 dokumen" in section
    row = re.search(r"<td>Tanggal tanda tangan</td><td class=\"num\">1</td><td class=\"num\">1</td>", section)
    assert row, "signing_date matches the label"
    assert re.search(r"<td>Rencana kerja</td><td class=\"num\">1</td><td class=\"num\">0</td>", section)


def test_empty_store_still_renders(store, settings, tmp_path):
    html = write_report(store, settings, tmp_path / "r.html", sample_labels=None).read_text(encoding="utf-8")
    assert "Antrean kosong" in html and "Belum ada gold" in html


def test_charts_escape_labels_and_handle_no_data():
    assert "tidak ada data" in histogram([])
    svg = bars([("<script>", 0.5, "1/2")])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
