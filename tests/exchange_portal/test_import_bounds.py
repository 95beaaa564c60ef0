"""Import files are checked for their rows (IMPORT_MAX_ROWS, in the admin) and for what a workbook expands
to (IMPORT_MAX_UNCOMPRESSED_BYTES) before a cell is parsed, with a message naming the limit; the admin's
preview lists at most IMPORT_PREVIEW_ROWS rows and says so."""

import io
import time
import zipfile

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cities.models import City
from cities.resources import CityResource
from exchange_portal import upload_checks

pytestmark = pytest.mark.django_db

CITY_HEADER = ["slug", "name_en", "kind", "country"]


def city_rows(count):
    return [[f"city-{number}", f"City {number}", "city", "KR"] for number in range(1, count + 1)]


def csv_bytes(rows):
    return tablib.Dataset(*rows, headers=CITY_HEADER).export("csv").encode()


def xlsx_bytes(rows):
    return tablib.Dataset(*rows, headers=CITY_HEADER).export("xlsx")


def upload(client, name, file_format, content):
    return client.post(
        reverse("admin:cities_city_import"),
        {"format": file_format, "resource": "0", "import_file": SimpleUploadedFile(name, content)},
    )


def form_errors(response):
    return response.context["form"].errors.get("import_file", [])


@pytest.mark.parametrize(
    ("name", "file_format", "make"), [("cities.csv", "0", csv_bytes), ("cities.xlsx", "1", xlsx_bytes)]
)
def test_a_file_over_the_row_limit_is_refused_naming_the_limit(
    admin_client_logged_in, settings, name, file_format, make
):
    settings.IMPORT_MAX_ROWS = 20
    response = upload(admin_client_logged_in, name, file_format, make(city_rows(21)))
    assert response.status_code == 200
    assert form_errors(response) == [
        "The file has more than 20 rows; an import takes at most 20. Split it into smaller files."
    ]
    assert response.context.get("result") is None and not City.objects.exists()
    accepted = upload(admin_client_logged_in, name, file_format, make(city_rows(20)))
    assert form_errors(accepted) == [] and accepted.context["result"].totals["new"] == 20


def test_a_small_workbook_with_many_rows_is_refused_before_it_is_parsed(settings):
    settings.IMPORT_MAX_ROWS = 1000
    workbook = xlsx_bytes(city_rows(20_000))  # compresses to a few hundred KB
    started = time.perf_counter()
    with pytest.raises(upload_checks.RejectedFile, match="more than 1,000 rows"):
        upload_checks.check_workbook(workbook, settings.IMPORT_MAX_ROWS)
    counted = time.perf_counter() - started
    started = time.perf_counter()
    tablib.Dataset().load(io.BytesIO(workbook), format="xlsx")
    parsed = time.perf_counter() - started
    assert counted < parsed / 3  # counting row tags costs a fraction of parsing the cells


def test_a_workbook_that_expands_beyond_the_limit_is_refused(admin_client_logged_in, settings):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 5_000_000)  # 5 MB of blanks: about 5 KB zipped
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 1_000_000
    assert len(buffer.getvalue()) < 20_000
    response = upload(admin_client_logged_in, "bomb.xlsx", "1", buffer.getvalue())
    assert form_errors(response) == [
        "The workbook expands to 4.8\xa0MB; an import takes at most 976.6\xa0KB uncompressed. Split it into "
        "smaller files."
    ]


def test_row_tags_split_between_chunks_are_counted_once():
    sheet = b"<sheetData>" + b"".join(b'<row r="%d"><c/></row>' % n for n in range(1, 100_001)) + b"</sheetData>"
    assert upload_checks._count_rows(io.BytesIO(sheet)) == 100_000
    assert upload_checks._count_rows(io.BytesIO(b"<x:row r='1'/><x:row>")) == 2
    assert upload_checks._count_rows(io.BytesIO(b"<rowBreaks/><rows/>")) == 0


def test_the_preview_lists_at_most_the_preview_rows_and_says_how_many_there_are(admin_client_logged_in, settings):
    settings.IMPORT_PREVIEW_ROWS = 5
    response = upload(admin_client_logged_in, "cities.csv", "0", csv_bytes(city_rows(40)))
    body = response.content.decode()
    assert response.context["confirm_form"] is not None  # every row was checked
    assert response.context["result"].totals["new"] == 40
    assert len(response.context["result"].valid_rows()) == 5
    assert "City 5<" in body and "City 6<" not in body
    assert "The file has 40 rows; the preview lists the first 5 of each kind." in body


def test_the_import_command_takes_files_over_the_admin_row_limit(settings, tmp_path):
    settings.IMPORT_MAX_ROWS = 5
    path = tmp_path / "cities.csv"
    path.write_bytes(csv_bytes(city_rows(10)))
    assert len(upload_checks.read_import_file(path, CityResource)) == 10
