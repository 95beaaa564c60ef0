"""Exports of the program list and the statistics, parsed back (csv, openpyxl, json) and compared with
fixtures/registry.json; spreadsheet formula injection and personal data kept out."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from exchange_portal.spreadsheets import neutralise
from programs.columns import PROGRAM_COLUMNS, STATS_COLUMNS
from tests.public_pages import fixture_programs, headcount, select, shipped_registry, shipped_registry_module  # noqa: F401 (fixtures)

pytestmark = pytest.mark.usefixtures("shipped_registry")

QUERY = "theme=transportation&year_min=2014&year_max=2016"


def csv_rows(response):
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark for Excel"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_rows(response, sheet=None):
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list((workbook[sheet] if sheet else workbook.worksheets[0]).iter_rows(values_only=True))
    if sheet is None and rows[-1][0] == "Total":  # the program sheet's totals row
        rows = rows[:-1]
    header = list(rows[0])
    # read-only mode leaves out a row's trailing empty cells
    return header, [dict(zip(header, row + (None,) * (len(header) - len(row)), strict=True)) for row in rows[1:]]


def test_csv_export_has_the_header_and_the_filtered_rows(client):
    response = client.get(f"/programs/export.csv?{QUERY}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="transportation-programs-2014-2016.csv"'
    rows = csv_rows(response)
    assert list(rows[0].keys()) == PROGRAM_COLUMNS
    expected = {p["slug"]: p for p in select(themes="transportation", year=lambda y: 2014 <= y <= 2016)}
    assert {row["slug"] for row in rows} == set(expected)
    for row in rows:
        program = expected[row["slug"]]
        assert int(row["year"]) == program["year"]
        assert int(row["headcount"]) == program["headcount"]
        assert set(row["theme_slugs"].split("; ")) == program["themes"]
        assert row["host_slug"] == program["host"]
        assert row["url"] == f"http://testserver/programs/{row['slug']}/"
    assert sum(int(row["headcount"]) for row in rows) == 117


def test_csv_export_of_everything_matches_the_fixture(client):
    rows = csv_rows(client.get("/programs/export.csv"))
    assert len(rows) == len(select())
    by_slug = {row["slug"]: row for row in rows}
    for program in select():
        row = by_slug[program["slug"]]
        assert set(filter(None, row["target_countries"].split("; "))) == program["countries"]
        assert row["mode"] == program["mode"] and row["format"] == program["format"]


def test_month_precision_is_exported(client):
    rows = csv_rows(client.get("/programs/export.csv?format=degree_course&year=2008"))
    assert [(row["start_date"], row["end_date"], row["date_precision"]) for row in rows] == [
        ("2008-08-01", "2010-02-28", "month")
    ]


def test_xlsx_export_matches_the_csv(client):
    csv_export = csv_rows(client.get(f"/programs/export.csv?{QUERY}"))
    response = client.get(f"/programs/export.xlsx?{QUERY}")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    header, rows = xlsx_rows(response)
    assert header == PROGRAM_COLUMNS
    assert [row["slug"] for row in rows] == [row["slug"] for row in csv_export]
    assert [row["headcount"] for row in rows] == [int(row["headcount"]) for row in csv_export]


def test_json_export_has_lists_and_the_filters(client):
    response = client.get(f"/programs/export.json?{QUERY}&theme=water")
    document = json.loads(response.content)
    assert document["columns"] == PROGRAM_COLUMNS
    assert document["filters"]["theme"] == ["transportation", "water"]
    expected = select(themes={"transportation", "water"}, year=lambda y: 2014 <= y <= 2016)
    assert document["count"] == len(expected) == len(document["programs"])
    assert {p["slug"] for p in document["programs"]} == {p["slug"] for p in expected}
    assert all(isinstance(p["theme_slugs"], list) for p in document["programs"])


def test_korean_export_keeps_the_column_names_and_translates_theme_names(client):
    rows = csv_rows(client.get("/ko/programs/export.csv?theme=water&year=2017"))
    assert list(rows[0].keys()) == PROGRAM_COLUMNS
    assert rows[0]["themes"] == "상수도·물관리"
    assert rows[0]["url"].startswith("http://testserver/ko/programs/")


def test_invalid_filters_export_an_empty_table_with_its_header(client):
    response = client.get("/programs/export.csv?year=abc")
    assert response.status_code == 200
    assert csv_rows(response) == []
    assert response.content.decode("utf-8-sig").splitlines()[0].split(",") == PROGRAM_COLUMNS


def test_unknown_export_format_is_a_404(client):
    assert client.get("/programs/export.pdf").status_code == 404
    assert client.get("/stats/export.exe").status_code == 404


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+SUM(A1)", "-2+3", "@cmd", "\tTAB"])
def test_formula_injection_is_neutralised(client, value):
    from tests.factories import ProgramFactory

    ProgramFactory(title=value, slug="injected", year=2030, headcount=None)
    assert neutralise(value) == "'" + value
    rows = csv_rows(client.get("/programs/export.csv?year=2030"))
    assert rows[0]["title"] == "'" + value
    _header, xlsx = xlsx_rows(client.get("/programs/export.xlsx?year=2030"))
    assert xlsx[0]["title"] == "'" + value
    assert json.loads(client.get("/programs/export.json?year=2030").content)["programs"][0]["title"] == value


def test_no_participant_personal_data_in_exports(client):
    from programs.models import Program
    from tests.factories import EnrollmentFactory, ParticipantFactory

    program = Program.objects.get(slug="2017-water-management-training-program")
    EnrollmentFactory(program=program, participant=ParticipantFactory(name="Qwxyz Private", email="qwxyz@example.org"))
    for url in ("/programs/export.csv", "/programs/export.json", "/stats/export.csv", "/stats/export.json"):
        content = client.get(url).content.decode("utf-8-sig")
        assert "Qwxyz" not in content and "qwxyz@" not in content
    for url in ("/programs/export.xlsx", "/stats/export.xlsx"):
        workbook = load_workbook(io.BytesIO(client.get(url).content), read_only=True)
        cells = [str(c) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for c in row]
        assert not any("Qwxyz" in cell for cell in cells)


def test_stats_csv_export_per_year_matches_the_fixture(client):
    response = client.get("/stats/export.csv")
    assert response["Content-Disposition"] == 'attachment; filename="statistics.csv"'
    rows = csv_rows(response)
    assert list(rows[0].keys()) == STATS_COLUMNS
    by_year = {
        int(row["year"]): (int(row["programs"]), int(row["headcount"])) for row in rows if row["table"] == "by_year"
    }
    for year in {p["year"] for p in select()}:
        chosen = select(year=year)
        assert by_year[year] == (len(chosen), headcount(chosen))
    modes = {row["mode"]: int(row["programs"]) for row in rows if row["table"] == "by_mode"}
    assert modes == {"onsite": len(select(mode="onsite")), "online": len(select(mode="online"))}


def test_stats_xlsx_has_one_sheet_per_table_under_the_filters(client):
    response = client.get("/stats/export.xlsx?year_min=2014&year_max=2016")
    header, rows = xlsx_rows(response, "theme_by_year")
    assert header == ["theme", "year", "programs"]
    transportation = {row["year"]: row["programs"] for row in rows if row["theme"] == "transportation"}
    assert transportation == {y: len(select(themes="transportation", year=y)) for y in (2014, 2015, 2016)}
    header, rows = xlsx_rows(response, "by_country")
    expected = {}
    for program in select(year=lambda y: 2014 <= y <= 2016):
        for code in program["countries"]:
            expected[code] = expected.get(code, 0) + 1
    top = sorted(expected.items(), key=lambda item: (-item[1], item[0]))[:15]
    assert [(row["country"], row["programs"]) for row in rows] == top


def test_stats_json_export(client):
    document = json.loads(client.get("/stats/export.json?mode=online").content)
    assert document["filters"] == {"mode": ["online"]}
    assert sum(row["programs"] for row in document["by_year"]) == len(select(mode="online"))
    assert document["by_mode"] == [
        {"mode": "online", "programs": len(select(mode="online")), "headcount": headcount(select(mode="online"))}
    ]
