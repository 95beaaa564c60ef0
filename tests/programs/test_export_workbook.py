"""The downloads a manager hands on: the .xlsx opened with openpyxl (frozen header, autofilter, widths,
date cells, labels, totals row, the sheet about the selection), file names that name the selection,
unknown headcounts exported empty; and the bounds: large selections streamed and kept per registry
generation, and the row limits named in the answer."""

import csv
import datetime
import io
import json

import pytest
from openpyxl import load_workbook

from exchange_portal.models import RegistryGeneration
from programs import exports
from programs.columns import PROGRAM_COLUMNS
from tests.factories import InstituteFactory, ProgramFactory
from tests.public_pages import select, shipped_registry, shipped_registry_module  # noqa: F401 (fixtures)

QUERY = "theme=transportation&year_min=2014&year_max=2016"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def workbook(response):
    return load_workbook(io.BytesIO(body(response)))


def sheet_rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.usefixtures("shipped_registry")
def test_xlsx_has_frozen_header_autofilter_widths_dates_labels_and_totals(client):
    response = client.get(f"/programs/export.xlsx?{QUERY}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="transportation-programs-2014-2016.xlsx"'
    book = workbook(response)
    sheet = book.worksheets[0]
    expected = select(themes="transportation", year=lambda y: 2014 <= y <= 2016)
    rows = sheet_rows(sheet)
    header, programs, totals = rows[0], rows[1:-1], rows[-1]
    assert header == PROGRAM_COLUMNS
    assert len(programs) == len(expected)

    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(PROGRAM_COLUMNS)).column_letter}{len(expected) + 1}"
    assert sheet.column_dimensions["B"].width == 60  # the title
    assert all(sheet.cell(1, column).font.b for column in range(1, len(PROGRAM_COLUMNS) + 1))

    start = PROGRAM_COLUMNS.index("start_date") + 1
    dated = [sheet.cell(row, start) for row in range(2, len(expected) + 2) if sheet.cell(row, start).value]
    assert dated, "the selection has programs with dates"
    assert all(cell.is_date and isinstance(cell.value, datetime.datetime) for cell in dated)

    column = {name: PROGRAM_COLUMNS.index(name) for name in PROGRAM_COLUMNS}
    assert {row[column["mode"]] for row in programs} <= {"on-site", "online"}
    assert "short_course" not in {row[column["format"]] for row in programs}
    assert {row[column["status"]] for row in programs} == {"confirmed as held"}

    assert totals[column["slug"]] == "Total"
    assert totals[column["title"]] == f"{len(expected)} programs"
    reported = [p["headcount"] for p in expected if p["headcount"] is not None]
    assert totals[column["headcount"]] == sum(reported) == 117
    assert totals[column["headcount_note"]] == f"headcount reported for {len(reported)} of {len(expected)} programs"


@pytest.mark.usefixtures("shipped_registry")
def test_xlsx_second_sheet_names_the_filters_the_source_and_the_time(client):
    before = datetime.datetime.now(datetime.UTC).replace(tzinfo=None, microsecond=0)
    book = workbook(client.get(f"/programs/export.xlsx?{QUERY}&mode=onsite"))
    assert len(book.worksheets) == 2
    about = book.worksheets[1]
    assert about.title == "About this file"
    items = {row[0]: row[1] for row in sheet_rows(about)[1:]}
    assert items["Themes"] == "Transportation"
    assert items["From year"] == "2014" and items["To year"] == "2016"
    assert items["Mode"] == "on-site"
    assert items["Source"] == "International Training Registry"
    assert items["Address"] == f"http://testserver/programs/export.xlsx?{QUERY}&mode=onsite"
    assert items["Licence"] == "CC BY 4.0"
    assert items["Programs"] == len(select(themes="transportation", mode="onsite", year=lambda y: 2014 <= y <= 2016))
    exported = about.cell(row=list(items).index("Exported at (UTC)") + 2, column=2)
    assert exported.is_date and before <= exported.value <= before + datetime.timedelta(minutes=1)
    nothing = {row[0]: row[1] for row in sheet_rows(workbook(client.get("/programs/export.xlsx")).worksheets[1])}
    assert nothing["Filters"].startswith("none")


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("", "programs"),
        ("year=2017", "programs-2017"),
        (QUERY, "transportation-programs-2014-2016"),
        ("theme=water&theme=transportation&year_min=2010", "transportation-water-programs-from-2010"),
        ("mode=online&country=KR&year_max=2019", "online-programs-kr-to-2019"),
        ("host=shrdc&junk=1", "programs-shrdc"),
        ("year=abc", "programs"),
    ],
)
@pytest.mark.usefixtures("shipped_registry")
def test_file_names_name_the_selection(client, query, name):
    for file_format in ("csv", "json", "xlsx"):
        response = client.get(f"/programs/export.{file_format}?{query}")
        assert response["Content-Disposition"] == f'attachment; filename="{name}.{file_format}"'
    statistics = name.replace("programs", "statistics")
    assert client.get(f"/stats/export.csv?{query}")["Content-Disposition"] == f'attachment; filename="{statistics}.csv"'


@pytest.mark.django_db
def test_unknown_headcount_is_exported_empty_never_zero(client):
    ProgramFactory(slug="unknown-2031", year=2031, headcount=None, headcount_note="some officials")
    ProgramFactory(slug="zero-2031", year=2031, headcount=0)
    rows = {
        row["slug"]: row
        for row in csv.DictReader(io.StringIO(body(client.get("/programs/export.csv?year=2031")).decode("utf-8-sig")))
    }
    assert rows["unknown-2031"]["headcount"] == "" and rows["zero-2031"]["headcount"] == "0"
    document = json.loads(body(client.get("/programs/export.json?year=2031")))
    assert {p["slug"]: p["headcount"] for p in document["programs"]} == {"unknown-2031": None, "zero-2031": 0}
    sheet = workbook(client.get("/programs/export.xlsx?year=2031")).worksheets[0]
    rows = sheet_rows(sheet)
    at = PROGRAM_COLUMNS.index("headcount")
    assert {row[0]: row[at] for row in rows[1:-1]} == {"unknown-2031": None, "zero-2031": 0}
    assert rows[-1][at] == 0  # one program reported 0


@pytest.mark.django_db
def test_totals_row_is_empty_where_no_headcount_was_reported(client):
    ProgramFactory(slug="unknown-2032", year=2032, headcount=None)
    rows = sheet_rows(workbook(client.get("/programs/export.xlsx?year=2032")).worksheets[0])
    totals = dict(zip(PROGRAM_COLUMNS, rows[-1], strict=False))
    assert totals["title"] == "1 program"
    assert totals["headcount"] is None
    assert totals["headcount_note"] == "headcount reported for 0 of 1 programs"


@pytest.mark.django_db
def test_formula_cells_stay_neutralised_in_the_workbook_and_its_about_sheet(client):
    ProgramFactory(slug="poisoned", year=2033, title="=HYPERLINK(1)", headcount_note="@cmd")
    book = workbook(client.get("/programs/export.xlsx?year=2033&q=%3DHYPERLINK"))
    cells = [cell for sheet in book.worksheets for row in sheet_rows(sheet) for cell in row]
    assert "'=HYPERLINK(1)" in cells and "'@cmd" in cells and "'=HYPERLINK" in cells
    assert not [c for c in cells if isinstance(c, str) and c.startswith(("=", "@", "+")) and c != "+"]


# Bounds at test scale: a low STREAM_AFTER_ROWS stands for 2,000, low limits for the settings' defaults.


def new_generation(value):
    # In a test's transaction the commit that starts a new generation never comes: set it directly.
    RegistryGeneration.objects.update_or_create(pk=1, defaults={"value": value})


@pytest.fixture
def many_programs(db):
    host = InstituteFactory()
    return [ProgramFactory(slug=f"many-{n}", year=2040, host=host, headcount=n or None) for n in range(12)]


@pytest.fixture
def streamed(monkeypatch, settings, tmp_path):
    monkeypatch.setattr(exports, "STREAM_AFTER_ROWS", 5)
    settings.EXPORT_CACHE_DIR = str(tmp_path / "exports")
    return tmp_path / "exports"


@pytest.mark.parametrize("file_format", ["csv", "json", "xlsx"])
def test_a_large_selection_is_streamed_then_served_from_the_kept_file(
    client, many_programs, streamed, monkeypatch, file_format
):
    new_generation(1)
    first = client.get(f"/programs/export.{file_format}?year=2040")
    assert first.streaming and first.status_code == 200
    streamed_bytes = body(first)
    kept = list(streamed.iterdir())
    assert len(kept) == 1 and kept[0].suffix == f".{file_format}"
    again = client.get(f"/programs/export.{file_format}?year=2040&unknown=1")  # unknown parameters: same file
    assert again["Content-Disposition"] == f'attachment; filename="programs-2040.{file_format}"'
    assert body(again) == streamed_bytes == kept[0].read_bytes()
    assert list(streamed.iterdir()) == kept

    monkeypatch.setattr(exports, "STREAM_AFTER_ROWS", 1000)
    whole = client.get(f"/programs/export.{file_format}?year=2040")
    assert not whole.streaming
    if file_format == "xlsx":
        rows = sheet_rows(load_workbook(io.BytesIO(streamed_bytes)).worksheets[0])
        assert [row[0] for row in rows[1:-1]] == [row[0] for row in sheet_rows(workbook(whole).worksheets[0])[1:-1]]
        assert len(rows) == 12 + 2
    else:
        assert whole.content == streamed_bytes

    monkeypatch.setattr(exports, "STREAM_AFTER_ROWS", 5)
    ProgramFactory(slug="many-12", year=2040)
    new_generation(2)  # what the write's commit does: the old file goes
    third = client.get(f"/programs/export.{file_format}?year=2040")
    assert b"many-12" in body(third) or file_format == "xlsx"
    assert len(list(streamed.iterdir())) == 1 and list(streamed.iterdir()) != kept


def test_a_download_cut_short_keeps_no_file(client, many_programs, streamed):
    response = client.get("/programs/export.csv?year=2040")
    iterator = iter(response.streaming_content)
    assert next(iterator).startswith(b"\xef\xbb\xbf")
    response.close()
    assert [path for path in streamed.iterdir() if not path.name.startswith(".")] == []
    assert list(streamed.iterdir()) == []


@pytest.mark.parametrize(
    ("file_format", "setting"),
    [("csv", "EXPORT_MAX_ROWS"), ("json", "EXPORT_MAX_ROWS"), ("xlsx", "EXPORT_XLSX_MAX_ROWS")],
)
def test_a_selection_over_the_limit_is_refused_with_the_limit_named(
    client, many_programs, settings, file_format, setting
):
    setattr(settings, setting, 10)
    response = client.get(f"/programs/export.{file_format}?year=2040")
    assert response.status_code == 400
    text = response.content.decode()
    assert "12 programs" in text and "at most 10" in text and setting in text
    assert (
        client.get(f"/programs/export.{file_format}?year=2040&headcount=1&sort=title&year_min=2040").status_code == 400
    )
    setattr(settings, setting, 12)
    assert client.get(f"/programs/export.{file_format}?year=2040").status_code == 200


@pytest.mark.parametrize("file_format", ["csv", "json", "xlsx"])
def test_a_folder_that_cannot_be_written_costs_the_kept_file_not_the_download(
    client, many_programs, streamed, settings, tmp_path, file_format
):
    (tmp_path / "a-file").write_text("not a folder")
    settings.EXPORT_CACHE_DIR = str(tmp_path / "a-file" / "exports")
    for _attempt in range(2):
        response = client.get(f"/programs/export.{file_format}?year=2040")
        assert response.status_code == 200 and response.streaming
        content = body(response)
        if file_format == "xlsx":
            assert len(sheet_rows(load_workbook(io.BytesIO(content)).worksheets[0])) == 12 + 2
        else:
            assert content.count(b"many-") == 24  # each program's slug and url
