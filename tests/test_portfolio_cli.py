"""`records list` filters and `records partners` (issue 13), through the command line on a SQLite store."""

from __future__ import annotations

from datetime import timedelta

import pytest
from typer.testing import CliRunner

from flows.cli import app
from pipeline.store.database import Store
from tests.portfolio_docs import TODAY, save

OWN = "Kantor Wilayah Kementerian Hukum dan HAM Bengkulu"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("KERJASAMA_HOME", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "250")
    store = Store(f"sqlite:///{tmp_path / 'kerjasama.db'}")
    save(
        store,
        1,
        "MoU",
        [OWN, "Universitas Bengkulu"],
        "W7-HM.05.02-0101",
        expires=TODAY + timedelta(days=400),
    )
    save(store, 2, "PKS", [OWN, "Fakultas Hukum University of Bengkulu"], "12/UN30/KS/2024",
         parent="W7-HM.05.02-0101", expires=TODAY + timedelta(days=30))  # fmt: skip
    save(store, 3, "MoU", [OWN, "Universitas Muhammadiyah Bengkulu"], "W7-HM.05.02-0999",
         expires=TODAY - timedelta(days=10))  # fmt: skip
    save(store, 4, "report", [OWN, "UNIVERSITAS BENGKULU"], "LAP/1/2025", parent="12/UN30/KS/2024")
    store.close()
    return tmp_path


def listed(*args: str) -> set[int]:
    result = CliRunner().invoke(app, ["records", "list", *args])
    assert result.exit_code == 0, result.output
    return {n for n in range(1, 5) if f"{n:02d}" * 6 in result.output}


def test_records_list_filters(home):
    assert listed() == {1, 2, 3, 4}
    assert listed("--partner", "universitas bengkulu") == {1, 2, 4}  # the faculty and the upper case too
    assert listed("--partner", "muhammadiyah") == {3}
    assert listed("--type", "report") == {4}
    assert listed("--status", "expiring") == {2}
    assert listed("--status", "expired") == {3}
    assert listed("--status", "no-follow-up") == {3}
    assert listed("--status", "followed-up") == {1, 2}
    assert listed("--flag", "EXPIRED_WITHOUT_FOLLOW_UP") == {3}
    assert listed("--flag", "NO_FOLLOW_UP") == {3}
    assert listed("--expires-before", (TODAY + timedelta(days=31)).isoformat()) == {2, 3}
    assert listed("--partner", "bengkulu", "--type", "MoU", "--status", "active") == {1}


def test_records_list_refuses_a_bad_status_or_day(home):
    result = CliRunner().invoke(app, ["records", "list", "--status", "done"])
    assert result.exit_code == 2 and "unknown status 'done'" in result.output
    result = CliRunner().invoke(app, ["records", "list", "--expires-before", "31-12-2026"])
    assert result.exit_code == 2 and "not a date" in result.output


def test_records_partners_lists_shows_and_takes_an_analysts_decision(home):
    result = CliRunner().invoke(app, ["records", "partners"])
    assert result.exit_code == 0, result.output
    lines = {line.split("│")[1].strip(): line for line in result.output.splitlines() if line.count("│") > 5}
    assert set(lines) == {OWN, "Universitas Bengkulu", "Universitas Muhammadiyah Bengkulu"}
    cells = [c.strip() for c in lines["Universitas Bengkulu"].split("│")[2:-1]]
    assert cells == ["3", "1", "1", "0", "1", "1", "1", "0", "2", "0", "3"]
    shown = CliRunner().invoke(app, ["records", "partners", "UNIVERSITAS BENGKULU"])
    assert "units: Fakultas Hukum" in shown.output and "12/UN30/KS/2024" in shown.output
    faculty = "Fakultas Hukum University of Bengkulu"
    decided = CliRunner().invoke(app, ["records", "partners", "--apart", faculty, "--note", "signs alone"])
    assert decided.exit_code == 0 and f"-> partner '{faculty}'" in decided.output
    assert listed("--partner", "Universitas Bengkulu") == {1, 4}
    assert listed("--partner", "fakultas hukum") == {2}
    assert CliRunner().invoke(app, ["records", "partners", "--unset", faculty]).exit_code == 0
    assert listed("--partner", "Universitas Bengkulu") == {1, 2, 4}
    missing = CliRunner().invoke(app, ["records", "partners", "--set", "UNIB"])
    assert missing.exit_code == 2 and "--partner" in missing.output


def test_search_filters_by_resolved_partner_and_follow_up(home):
    from pipeline.analyst.search import SearchFilters, search

    store = Store(f"sqlite:///{home / 'kerjasama.db'}")

    def found(**filters) -> set[int]:
        return {
            int(hit.sha256[:2]) for hit in search(store, "isi", SearchFilters(**filters), today=TODAY).hits
        }

    assert found() == {1, 2, 3, 4}
    assert found(partner="University of Bengkulu") == {1, 2, 4}  # another spelling of the same partner
    assert found(partner="hukum univ") == {1, 2, 4}  # part of one spelling: the whole partner
    assert found(status="no-follow-up") == {3}
    assert found(status="followed-up", doc_type="PKS") == {2}
    store.close()


def test_a_correction_from_the_command_line_uses_the_configured_months(home, monkeypatch):
    assert listed("--flag", "NO_FOLLOW_UP") == {3}  # signed 700 days ago, saved with the default 12 months
    monkeypatch.setenv("KERJASAMA_FOLLOW_UP_MONTHS", "36")
    result = CliRunner().invoke(app, ["review", "set", "03" * 4, "workplan", "detailed", "--analyst", "ana"])
    assert result.exit_code == 0, result.output
    assert listed("--flag", "NO_FOLLOW_UP") == set()  # remade with 36 months when the correction was saved
    assert listed("--flag", "EXPIRED_WITHOUT_FOLLOW_UP") == {3}


def test_records_partners_refuses_an_empty_name_and_an_unknown_partner(home):
    result = CliRunner().invoke(
        app, ["records", "partners", "--set", "  ", "--partner", "Universitas Bengkulu"]
    )
    assert result.exit_code == 2 and "letters or digits" in result.output
    result = CliRunner().invoke(app, ["records", "partners", "Universitas Atlantis"])
    assert result.exit_code == 2 and "no partner matches 'Universitas Atlantis'" in result.output
    result = CliRunner().invoke(app, ["records", "partners", "--unset", "UNIB"])
    assert result.exit_code == 0 and "no decision on 'UNIB'" in result.output
