"""The history import against a real database: totals, flags, idempotence, transactions, fixture."""

import json
from collections import Counter
from pathlib import Path

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command
from django.utils import timezone

from cities.models import Agreement, City
from programs.models import DataQualityFlag, Program
from programs.selectors.totals import source_table_totals
from programs.sources import importer, source_table

SHIPPED_FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "registry.json"
TABLE = source_table.SOURCE_DOCUMENT


def snapshot():
    """Every imported record and the size of every audit-history table."""
    records = serializers.serialize("json", importer.fixture_objects(), use_natural_foreign_keys=True)
    history_sizes = {model.__name__: model.history.count() for model in importer.FIXTURE_MODELS[:-2]}
    return records, history_sizes


@pytest.fixture
def imported(db):
    return importer.import_source_table()


def test_import_creates_one_program_per_table_row_plus_the_documents(imported):
    assert Program.objects.from_source(TABLE).count() == 175
    assert Program.objects.count() == 175 + 6
    assert Program.objects.from_source(TABLE).headcount_total() == 2538
    assert City.objects.count() == 26
    assert Agreement.objects.count() == 2


def test_import_totals_per_year_match_the_table_text(imported):
    # Independent of the parser: count the table's lines per year column.
    expected_programs, expected_headcount, year = Counter(), Counter(), None
    for _line_number, line in source_table.table_lines(source_table.source_path().read_text(encoding="utf-8")):
        first = line.split()[0]
        if first.isdigit() and len(first) == 4:
            year = int(first)
        expected_programs[year] += 1
        expected_headcount[year] += int(line.split()[-1])
    totals = source_table_totals()
    assert {y.year: y.programs for y in totals.years} == dict(expected_programs)
    assert {y.year: y.headcount for y in totals.years} == dict(expected_headcount)
    assert (totals.programs, totals.headcount) == (175, 2538)
    assert (totals.stated.programs, totals.stated.participants) == (168, 2425)
    assert (totals.program_difference, totals.headcount_difference) == (7, 113)
    explanation = totals.explanation()
    assert "168" in explanation and "2,425" in explanation
    assert "175" in explanation and "2,538" in explanation
    assert "6 multi-year master's degree courses (108 participants)" in explanation
    assert "no program before 2006" in explanation


def test_import_keeps_the_source_text_and_provenance(imported):
    program = Program.objects.get(source_document=TABLE, source_locator="row 137")
    assert program.title == "Kyiv City Smart City Training Program"
    assert program.source_title == "Kviv City Smart City Training Program"
    assert program.source_text == "2018.5.29-6.3 Kviv City Smart City Training Program 10"
    assert program.source_period == "2018.5.29-6.3"
    assert [c.slug for c in program.target_cities.all()] == ["kyiv"]
    assert [country.code for country in program.target_countries] == ["UA"]


def test_month_precision_program_is_stored_with_its_months(imported):
    program = Program.objects.get(source_document=TABLE, source_locator="row 11")
    assert program.host.slug == "korea-university"
    assert program.format == Program.Format.DEGREE_COURSE
    assert program.date_precision == "month"
    assert (str(program.start_date), str(program.end_date)) == ("2008-08-01", "2010-02-28")


def test_flags_raised_by_the_import(imported):
    flags = Counter(DataQualityFlag.objects.filter(program__source_document=TABLE).values_list("code", flat=True))
    assert flags == {
        "host_inferred": 11,  # 2015's rows grouped by format
        "title_typo": 8,
        "city_name_typo": 1,
        "html_remnant": 1,
        "end_before_start": 1,
        "title_cosmetic": 5,  # Transit(BRT), CityNet, three "(online)"
    }
    reversed_period = Program.objects.get(source_document=TABLE, source_locator="row 170")
    assert (reversed_period.start_date, reversed_period.end_date) == (None, None)
    # Its title also wrote "(online)" for "(Online)".
    assert sorted(reversed_period.quality_flags.values_list("code", flat=True)) == [
        "end_before_start",
        "title_cosmetic",
    ]
    assert DataQualityFlag.objects.open().count() == DataQualityFlag.objects.count()


def test_online_programs_are_read_from_the_title(imported):
    online = Program.objects.from_source(TABLE).filter(mode=Program.Mode.ONLINE)
    assert online.count() == 12
    assert set(online.values_list("year", flat=True)) == {2020, 2021}


def test_second_import_changes_nothing(imported):
    before = snapshot()
    report = importer.import_source_table()
    assert not report.changed
    assert report.total("created") == report.total("updated") == report.total("deleted") == 0
    assert snapshot() == before


def test_reimport_keeps_a_flag_staff_resolved(imported, django_user_model):
    editor = django_user_model.objects.create_user("editor")
    flag = DataQualityFlag.objects.get(code="end_before_start")
    flag.status = DataQualityFlag.Status.RESOLVED
    flag.resolved_by, flag.resolved_at = editor, timezone.now()
    flag.resolution = "Checked with SHRDC: 20 May to 9 June."
    flag.save()
    importer.import_source_table()
    flag.refresh_from_db()
    assert flag.status == DataQualityFlag.Status.RESOLVED
    assert flag.resolution == "Checked with SHRDC: 20 May to 9 June."


def test_a_table_that_cannot_be_read_writes_nothing(registry):
    before = snapshot()
    broken = (
        source_table.source_path()
        .read_text(encoding="utf-8")
        .replace("2017.4.21 Singapore CLC", "2017.4.21Singapore CLC")
    )
    with pytest.raises(source_table.TableError):
        importer.import_source_table(broken)
    assert snapshot() == before


def test_a_failure_halfway_through_rolls_everything_back(db):
    # An unknown location label parses, then fails while programs are being written.
    text = (
        source_table.source_path()
        .read_text(encoding="utf-8")
        .replace("2021 Seoul Human Resource Development Center", "2021 Busan Training Center")
    )
    with pytest.raises(KeyError, match="Busan Training Center"):
        importer.import_source_table(text)
    assert Program.objects.count() == 0
    assert City.objects.count() == 0


def test_command_dry_run_writes_nothing(db, tmp_path, capsys):
    fixture = tmp_path / "out.json"
    call_command("import_source_table", "--dry-run", "--fixture", str(fixture))
    assert Program.objects.count() == 0
    assert not fixture.exists()
    assert "175 rows, 2,538 participants" in capsys.readouterr().out


def test_command_reports_an_unreadable_source_clearly(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_source_table", "--source", str(tmp_path / "missing.txt"))
    bad = tmp_path / "bad.txt"
    bad.write_text("Year Location Period Training Program Headcount\nnot a row\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported: Line 2 is not a table row"):
        call_command("import_source_table", "--source", str(bad))


def test_shipped_fixture_is_what_the_import_writes(imported, tmp_path):
    written = tmp_path / "registry.json"
    importer.write_fixture(written)
    assert json.loads(written.read_text(encoding="utf-8")) == json.loads(SHIPPED_FIXTURE.read_text(encoding="utf-8"))


def test_shipped_fixture_loads_into_an_empty_database_and_matches_the_import(registry):
    assert Program.objects.count() == 181
    assert Program.objects.from_source(TABLE).headcount_total() == 2538
    # Loading twice is harmless (natural keys) ...
    call_command("loaddata", "registry", verbosity=0)
    assert Program.objects.count() == 181
    # ... and importing over the loaded fixture finds nothing to change.
    assert not importer.import_source_table().changed


def test_load_registry_leaves_a_database_with_programs_alone(registry, capsys):
    program = Program.objects.get(source_document=TABLE, source_locator="row 1")
    program.description = "Edited by staff."
    program.save()
    call_command("load_registry")
    program.refresh_from_db()
    assert program.description == "Edited by staff."
    assert "already holds 181 programs" in capsys.readouterr().out
