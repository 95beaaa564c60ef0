"""Bulk import and export: dry-run errors with row and column, all-or-nothing, idempotent re-import,
institute scope, formula-safe exports, and the import_participants command."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cities.models import City
from cities.resources import CityResource
from exchange_portal.imports import run_import
from exchange_portal.spreadsheets import neutralise, unneutralise
from participants.models import Enrollment, Participant
from participants.resources import ParticipantResource
from programs.models import Program
from programs.resources import ProgramResource

from .test_scoping import export_form

PARTICIPANT_HEADER = [
    "email",
    "name",
    "position",
    "organisation",
    "home_city",
    "country",
    "phone",
    "program",
    "role",
    "completion",
]


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def participant_rows(world, count, start=1):
    return [
        [
            f"person{i}@example.org",
            f"Person {i}",
            "Officer",
            "City Hall",
            world.seoul.slug,
            "",
            f"+82 2 {i:08d}",
            world.program_a.slug,
            "participant",
            "completed",
        ]
        for i in range(start, start + count)
    ]


def csv_upload(header, rows, name="file.csv"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(), content_type="text/csv")


PROGRAM_HEADER = [
    "slug",
    "title_en",
    "year",
    "host",
    "themes",
    "mode",
    "format",
    "start_date",
    "end_date",
    "date_precision",
    "headcount",
]


def test_admin_dry_run_lists_each_rows_problem_with_row_number_and_column(as_staff_a, world):
    rows = [
        [
            "2020-good",
            "Good course",
            "2020",
            world.institute_a.slug,
            world.theme.slug,
            "onsite",
            "short_course",
            "2020-05-01",
            "2020-05-08",
            "day",
            "10",
        ],
        [
            "2020-backwards",
            "Backwards course",
            "2020",
            world.institute_a.slug,
            "",
            "onsite",
            "short_course",
            "2020-05-09",
            "2020-05-01",
            "day",
            "10",
        ],
        [
            "2020-foreign",
            "Foreign course",
            "2020",
            world.institute_b.slug,
            "no-such-theme",
            "onsite",
            "short_course",
            "",
            "",
            "",
            "-3",
        ],
    ]
    response = as_staff_a.post(
        reverse("admin:programs_program_import"),
        {"format": "0", "resource": "0", "import_file": csv_upload(PROGRAM_HEADER, rows)},
    )
    assert response.status_code == 200
    result = response.context["result"]
    problems = {(row.number, column) for row in result.invalid_rows for column in row.error_dict}
    assert (2, "end_date") in problems
    assert (3, "host") in problems
    assert (3, "themes") in problems
    assert (3, "headcount") in problems
    assert 1 not in {number for number, _column in problems}
    body = response.content.decode()
    assert "The end date cannot be before the start date." in body
    assert "You can only import programs hosted by your own institute." in body
    assert "no-such-theme" in body
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not Program.objects.filter(slug__startswith="2020-").exists()


def test_admin_import_confirms_then_writes_and_reimport_changes_nothing(as_staff_a, world):
    rows = [
        [
            "2020-good",
            "Good course",
            "2020",
            world.institute_a.slug,
            world.theme.slug,
            "onsite",
            "short_course",
            "2020-05-01",
            "2020-05-08",
            "day",
            "10",
        ],
    ]
    preview = as_staff_a.post(
        reverse("admin:programs_program_import"),
        {"format": "0", "resource": "0", "import_file": csv_upload(PROGRAM_HEADER, rows)},
    )
    confirm = preview.context["confirm_form"]
    assert not Program.objects.filter(slug="2020-good").exists()
    response = as_staff_a.post(reverse("admin:programs_program_process_import"), confirm.initial)
    assert response.status_code == 302
    program = Program.objects.get(slug="2020-good")
    assert program.host == world.institute_a
    assert list(program.themes.all()) == [world.theme]
    versions = program.history.count()

    again = as_staff_a.post(
        reverse("admin:programs_program_import"),
        {"format": "0", "resource": "0", "import_file": csv_upload(PROGRAM_HEADER, rows)},
    )
    assert again.context["result"].totals["skip"] == 1
    as_staff_a.post(reverse("admin:programs_program_process_import"), again.context["confirm_form"].initial)
    assert program.history.count() == versions


def test_staff_cannot_overwrite_another_institutes_program_by_import(as_staff_a, world):
    rows = [
        [
            world.program_b.slug,
            "Taken over",
            "2019",
            world.institute_a.slug,
            "",
            "onsite",
            "short_course",
            "",
            "",
            "",
            "8",
        ]
    ]
    response = as_staff_a.post(
        reverse("admin:programs_program_import"),
        {"format": "0", "resource": "0", "import_file": csv_upload(PROGRAM_HEADER, rows)},
    )
    assert "This program belongs to another institute" in response.content.decode()
    world.program_b.refresh_from_db()
    assert world.program_b.title == "Beta transport course"


def test_exported_programs_import_back_unchanged(as_editor, world, tmp_path):
    response = as_editor.post(reverse("admin:programs_program_export"), export_form(ProgramResource))
    path = tmp_path / "programs.csv"
    path.write_bytes(response.content)
    report = run_import(ProgramResource, path, user=world.editor)
    assert report.errors == []
    assert report.totals["skip"] == 2 and report.totals["update"] == 0 and report.totals["new"] == 0


def test_exported_cities_import_back_unchanged(registry, tmp_path, db):
    path = tmp_path / "cities.csv"
    path.write_text(CityResource().export().csv)
    report = run_import(CityResource, path)
    assert report.errors == []
    assert report.totals["skip"] == City.objects.count() > 20


def test_exports_neutralise_formula_cells(as_staff_a, world):
    world.program_a.title = '=HYPERLINK("http://evil")'
    world.program_a.headcount_note = "@SUM(A1)"
    world.program_a.save()
    rows = list(
        csv.DictReader(
            io.StringIO(
                as_staff_a.post(reverse("admin:programs_program_export"), export_form(ProgramResource)).content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert rows[0]["title_en"] == '\'=HYPERLINK("http://evil")'
    assert rows[0]["headcount_note"] == "'@SUM(A1)"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+82 2 1234", "'+82 2 1234"),
        ("-cmd", "'-cmd"),
        ("@A1", "'@A1"),
        ("-33.86", "-33.86"),
        ("Seoul", "Seoul"),
        (12, 12),
    ],
)
def test_neutralise_prefixes_formula_cells_and_round_trips(value, shown):
    assert neutralise(value) == shown
    assert unneutralise(neutralise(value)) == value


def test_participant_import_writes_participants_and_enrollments_then_reimport_changes_nothing(world, tmp_path):
    path = write_csv(tmp_path / "p.csv", PARTICIPANT_HEADER, participant_rows(world, 30))
    report = run_import(ParticipantResource, path, user=world.staff_a)
    assert report.errors == []
    assert report.totals["new"] == 30
    imported = Participant.objects.filter(email__startswith="person")
    assert imported.count() == 30
    assert set(imported.values_list("registered_by", flat=True)) == {world.institute_a.pk}
    assert Enrollment.objects.filter(program=world.program_a, completion="completed").count() == 30
    history_rows = Participant.history.count() + Enrollment.history.count()

    again = run_import(ParticipantResource, path, user=world.staff_a)
    assert again.errors == []
    assert again.totals["skip"] == 30 and again.totals["new"] == 0 and again.totals["update"] == 0
    assert Participant.history.count() + Enrollment.history.count() == history_rows


def test_one_participant_in_two_programs_is_two_rows(world, tmp_path):
    other = type(world.program_a).objects.create(
        title="Alpha second course", slug="2019-alpha-2", year=2019, host=world.institute_a
    )
    rows = participant_rows(world, 1)
    rows.append([*rows[0][:7], other.slug, "speaker", "enrolled"])
    report = run_import(
        ParticipantResource, write_csv(tmp_path / "p.csv", PARTICIPANT_HEADER, rows), user=world.staff_a
    )
    assert report.errors == []
    person = Participant.objects.get(email="person1@example.org")
    assert {(e.program.slug, e.role) for e in person.enrollments.all()} == {
        (world.program_a.slug, "participant"),
        (other.slug, "speaker"),
    }


def test_participant_import_into_another_institutes_program_or_person_is_refused(world, tmp_path):
    rows = participant_rows(world, 1)
    rows[0][7] = world.program_b.slug
    rows.append(["lee.beta@example.org", "Lee Overwritten", "", "", "", "", "", world.program_a.slug, "", ""])
    report = run_import(
        ParticipantResource, write_csv(tmp_path / "p.csv", PARTICIPANT_HEADER, rows), user=world.staff_a
    )
    assert any(
        line.startswith("row 1 (line 2), column program: No program of your institute") for line in report.errors
    )
    # Another institute's email is a new person of A's (nothing says it is known elsewhere); row 1's
    # error keeps the whole file from being written.
    assert not any(line.startswith("row 2") for line in report.errors)
    assert Participant.objects.filter(email="lee.beta@example.org").count() == 1
    assert not Participant.objects.filter(email="person1@example.org").exists()
    world.participant_b.refresh_from_db()
    assert world.participant_b.name == "Lee Beta"


def test_import_command_dry_run_reports_progress_and_writes_nothing(world, tmp_path, capsys):
    path = write_csv(tmp_path / "p.csv", PARTICIPANT_HEADER, participant_rows(world, 1200))
    call_command("import_participants", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "500 / 1,200 rows" in out and "1,000 / 1,200 rows" in out and "1,200 / 1,200 rows (100%)" in out
    assert "Checked (dry run, nothing written): 1,200 rows" in out
    assert not Participant.objects.filter(email__startswith="person").exists()


def test_import_command_rejects_a_missing_file_or_user(db, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_participants", str(tmp_path / "missing.csv"))
    path = write_csv(tmp_path / "p.csv", PARTICIPANT_HEADER, [])
    with pytest.raises(CommandError, match="No user named"):
        call_command("import_participants", str(path), "--user", "nobody")


def test_ten_thousand_rows_with_one_bad_row_write_nothing(world, tmp_path, capsys):
    rows = participant_rows(world, 10_000)
    rows[6_000][0] = "not-an-email"
    path = write_csv(tmp_path / "p.csv", PARTICIPANT_HEADER, rows)
    with pytest.raises(CommandError, match="1 problem in 10,000 rows; nothing was written"):
        call_command("import_participants", str(path))
    err = capsys.readouterr().err
    assert "row 6001 (line 6002), column email: Enter a valid email address." in err
    assert not Participant.objects.filter(email__startswith="person").exists()
    assert not Enrollment.objects.filter(program=world.program_a).exclude(participant=world.participant_a).exists()


def test_admin_participant_import_preview_then_confirm(as_staff_a, world):
    rows = participant_rows(world, 3)
    rows[1][0] = "broken-address"
    preview = as_staff_a.post(
        reverse("admin:participants_participant_import"),
        {"format": "0", "resource": "0", "import_file": csv_upload(PARTICIPANT_HEADER, rows)},
    )
    assert [(row.number, list(row.error_dict)) for row in preview.context["result"].invalid_rows] == [(2, ["email"])]
    assert "Enter a valid email address." in preview.content.decode()
    assert not Participant.objects.filter(email__startswith="person").exists()

    rows[1][0] = "person2@example.org"
    preview = as_staff_a.post(
        reverse("admin:participants_participant_import"),
        {"format": "0", "resource": "0", "import_file": csv_upload(PARTICIPANT_HEADER, rows)},
    )
    response = as_staff_a.post(
        reverse("admin:participants_participant_process_import"), preview.context["confirm_form"].initial
    )
    assert response.status_code == 302
    assert Enrollment.objects.filter(program=world.program_a, participant__email__startswith="person").count() == 3


def test_reimport_with_changes_writes_only_the_changed_rows_with_their_history(world, tmp_path):
    rows = participant_rows(world, 1_100)  # more than one batch of bulk writes
    path = write_csv(tmp_path / "p.csv", PARTICIPANT_HEADER, rows)
    assert run_import(ParticipantResource, path, user=world.staff_a).totals["new"] == 1_100
    participant_versions, enrollment_versions = Participant.history.count(), Enrollment.history.count()

    rows[3][1] = "Person Four Renamed"
    rows[700][9] = "withdrawn"
    rows[1_000][8] = "speaker"
    report = run_import(ParticipantResource, write_csv(path, PARTICIPANT_HEADER, rows), user=world.staff_a)
    assert report.errors == []
    assert (report.totals["new"], report.totals["update"], report.totals["skip"]) == (0, 3, 1_097)
    renamed = Participant.objects.get(email="person4@example.org")
    assert renamed.name == "Person Four Renamed"
    assert renamed.history.latest().history_type == "~"
    assert renamed.history.latest().history_user == world.staff_a
    assert Enrollment.objects.get(participant__email="person701@example.org").completion == "withdrawn"
    assert Enrollment.objects.get(participant__email="person1001@example.org").role == "speaker"
    assert Participant.history.count() == participant_versions + 1
    assert Enrollment.history.count() == enrollment_versions + 2


def test_rows_are_looked_up_and_written_in_batches_not_a_query_a_row(world, tmp_path, django_user_model):
    def queries(count, start):
        path = write_csv(tmp_path / f"p{count}.csv", PARTICIPANT_HEADER, participant_rows(world, count, start))
        user = django_user_model.objects.get(pk=world.staff_a.pk)
        with CaptureQueriesContext(connection) as captured:
            report = run_import(ParticipantResource, path, user=user)
        assert report.totals["new"] == count
        return len(captured)

    # 380 more rows cost only more batches of INSERTs (SQLite takes at most 999 values a statement).
    assert queries(400, 1_000) - queries(20, 1) < 380 // 20


def test_a_row_without_an_email_is_refused(world, tmp_path):
    rows = participant_rows(world, 2)
    rows[1][0] = " "
    report = run_import(
        ParticipantResource, write_csv(tmp_path / "p.csv", PARTICIPANT_HEADER, rows), user=world.staff_a
    )
    assert report.errors == [
        "row 2 (line 3), column email: Every row needs an email: it is how the person is recognised."
    ]
    assert not Participant.objects.filter(email__startswith="person").exists()
