"""Malformed import files, in the admin (programs, participants, cities) and in import_participants:
each is refused with a message that says what is wrong, and no table changes."""

import io
import tracemalloc

import pytest
import tablib
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from cities.models import City, Network
from participants.models import Enrollment, Participant
from programs.models import Institute, Program, Theme

from .test_import_export import PARTICIPANT_HEADER, PROGRAM_HEADER, participant_rows

REGISTRY_MODELS = [City, Network, Institute, Theme, Program, Participant, Enrollment]


def table_counts():
    """Rows in every table an import could write: the records, their history and the admin log."""
    counts = {model._meta.label: model.objects.count() for model in REGISTRY_MODELS}
    counts.update({f"{model._meta.label} history": model.history.count() for model in REGISTRY_MODELS})
    counts["admin log"] = LogEntry.objects.count()
    return counts


def csv_text(header, rows):
    return tablib.Dataset(*rows, headers=header).export("csv")


def xlsx_bytes(header, rows):
    return tablib.Dataset(*rows, headers=header).export("xlsx")


def program_rows(world):
    return [
        [
            "2020-fine",
            "Fine course",
            "2020",
            world.institute_a.slug,
            world.theme.slug,
            "onsite",
            "short_course",
            "2020-05-01",
            "2020-05-08",
            "day",
            "10",
        ]
    ]


def city_rows(world):
    return [["busan", "Busan", "city", "KR"]]


CITY_HEADER = ["slug", "name_en", "kind", "country"]

# (admin import URL name, header, rows from the world fixture, a required column)
IMPORTERS = {
    "programs": ("admin:programs_program_import", PROGRAM_HEADER, program_rows, "slug"),
    "participants": (
        "admin:participants_participant_import",
        PARTICIPANT_HEADER,
        lambda world: participant_rows(world, 2),
        "email",
    ),
    "cities": ("admin:cities_city_import", CITY_HEADER, city_rows, "slug"),
}

IMPORTED_MODELS = {"programs": Program, "participants": Participant, "cities": City}

CP949_TEXT = "email,name\nkim@example.org,김민수\n"


def bad_files(header, rows, required):
    """(case, file name, format index 0=csv 1=xlsx, content, what the message says)."""
    text = csv_text(header, rows)
    without = [column for column in header if column != required]
    return [
        ("cp949", "file.csv", "0", CP949_TEXT.encode("cp949"), "not UTF-8 text: line 2"),
        ("latin-1", "file.csv", "0", text.replace(rows[0][1], "José Núñez").encode("latin-1"), "not UTF-8 text"),
        (
            "missing column",
            "file.csv",
            "0",
            csv_text(without, [row[1:] for row in rows]).encode(),
            f"lacks the required columns {required}",
        ),
        ("header only", "file.csv", "0", csv_text(header, []).encode(), "a header line but no rows"),
        (
            "binary as csv",
            "file.csv",
            "0",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            "contains binary data",
        ),
        ("garbage as xlsx", "file.xlsx", "1", b"this is no workbook at all\n" * 20, "not an Excel workbook"),
        ("csv as xlsx", "file.xlsx", "1", text.encode(), "not an Excel workbook"),
        ("xlsx as csv", "file.csv", "0", xlsx_bytes(header, rows), "an Excel workbook, not a CSV file"),
        (
            "too many cells",
            "file.csv",
            "0",
            (text + ",".join(["x"] * (len(header) + 2)) + "\n").encode(),
            f"header names only {len(header)} columns",
        ),
    ]


def upload(client, url_name, name, file_format, content):
    return client.post(
        reverse(url_name),
        {"format": file_format, "resource": "0", "import_file": SimpleUploadedFile(name, content)},
    )


def assert_refused(response, message):
    assert response.status_code == 200
    errors = response.context["form"].errors["import_file"]
    assert any(message in error for error in errors), errors
    assert response.context.get("confirm_form") is None
    assert response.context.get("result") is None


@pytest.mark.parametrize("importer", IMPORTERS)
def test_admin_import_refuses_malformed_files_and_writes_nothing(as_editor, world, importer):
    url_name, header, make_rows, required = IMPORTERS[importer]
    before = table_counts()
    for case, name, file_format, content, message in bad_files(header, make_rows(world), required):
        response = upload(as_editor, url_name, name, file_format, content)
        assert_refused(response, message)
        assert table_counts() == before, case


@pytest.mark.parametrize("importer", IMPORTERS)
def test_admin_import_refuses_an_empty_file(as_editor, world, importer):
    before = table_counts()
    response = upload(as_editor, IMPORTERS[importer][0], "file.csv", "0", b"")
    assert_refused(response, "The submitted file is empty.")
    assert table_counts() == before


@pytest.mark.parametrize("importer", IMPORTERS)
def test_admin_import_refuses_a_file_over_the_size_limit_before_reading_it(as_editor, world, settings, importer):
    url_name, header, make_rows, _required = IMPORTERS[importer]
    content = csv_text(header, make_rows(world)).encode()
    settings.IMPORT_MAX_UPLOAD_BYTES = len(content) - 1
    before = table_counts()
    assert_refused(upload(as_editor, url_name, "file.csv", "0", content), "an import takes at most")
    assert table_counts() == before

    settings.IMPORT_MAX_UPLOAD_BYTES = len(content)
    response = upload(as_editor, url_name, "file.csv", "0", content)
    assert response.context["confirm_form"] is not None
    assert table_counts() == before


@pytest.mark.parametrize("importer", IMPORTERS)
def test_a_utf16_csv_imports_like_utf8_and_the_same_rows_as_xlsx_change_nothing(as_editor, world, importer):
    url_name, header, make_rows, _required = IMPORTERS[importer]
    rows = make_rows(world)
    model = IMPORTED_MODELS[importer]
    count = model.objects.count()
    preview = upload(as_editor, url_name, "file.csv", "0", csv_text(header, rows).encode("utf-16"))
    assert preview.context["form"].errors == {}
    assert preview.context["result"].totals["new"] == len(rows)
    confirmed = as_editor.post(
        reverse(url_name.replace("_import", "_process_import")), preview.context["confirm_form"].initial
    )
    assert confirmed.status_code == 302
    assert model.objects.count() == count + len(rows)

    before = table_counts()
    again = upload(as_editor, url_name, "file.xlsx", "1", xlsx_bytes(header, rows))
    assert again.context["form"].errors == {}
    assert again.context["result"].totals["skip"] == len(rows)
    assert table_counts() == before


def test_the_command_refuses_malformed_files_and_writes_nothing(world, tmp_path):
    before = table_counts()
    for case, name, _format, content, message in bad_files(PARTICIPANT_HEADER, participant_rows(world, 2), "email"):
        path = tmp_path / case.replace(" ", "-") / name
        path.parent.mkdir()
        path.write_bytes(content)
        with pytest.raises(CommandError, match=message):
            call_command("import_participants", str(path))
        assert table_counts() == before, case
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="The file is empty"):
        call_command("import_participants", str(empty), "--dry-run")
    text_file = tmp_path / "people.txt"
    text_file.write_text(csv_text(PARTICIPANT_HEADER, participant_rows(world, 1)))
    with pytest.raises(CommandError, match=r"people.txt: Give a \.csv or \.xlsx file\. Nothing was written\."):
        call_command("import_participants", str(text_file))
    assert table_counts() == before


def test_the_command_refuses_a_file_over_100_mb_without_reading_it(world, tmp_path):
    path = tmp_path / "huge.csv"
    block = csv_text(PARTICIPANT_HEADER, participant_rows(world, 8_000)).encode()  # about 1 MB
    with open(path, "wb") as stream:
        while stream.tell() <= 100 * 1024 * 1024:
            stream.write(block)
    before = table_counts()
    tracemalloc.start()
    try:
        refused = r"huge.csv: The file is 10\d\.\d\sMB; an import takes at most 20\.0\sMB"
        with pytest.raises(CommandError, match=refused):
            call_command("import_participants", str(path), stdout=io.StringIO())
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        path.unlink()
    assert peak < 10 * 1024 * 1024
    assert table_counts() == before
