"""Erasure leaves no copy: a participant created, edited twice and enrolled through the admin, named in a
change proposal, a history change reason, a session, a failed sign-in (django-axes) and an import preview
nobody confirmed, is then found in no column of any table of the database, no registered file store and
no cache entry, while the program's headcount and enrollment count stay as they were. Scoped: institute A's
staff cannot erase B's participant; registry editors can."""

import json

import pytest
import tablib
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from exchange_portal.holders import cache_entries, history_models
from exchange_portal.import_previews import preview_text
from exchange_portal.models import ChangeProposal, ImportPreview
from exchange_portal.personal_data import holders
from participants.models import ConsentNotice, Enrollment, Erasure, Participant
from participants.services.privacy import participant_erase
from programs.models import Program

pytestmark = pytest.mark.usefixtures("first_notice")

FIRST_NAME = "Zorbapetra Quillington"
LAST_NAME = "퀼링턴 조르바페트라"  # the second edit renames them: JSON keeps Hangul as \uXXXX escapes
EMAIL = "zq.private@example.net"
FIRST_PHONE = "+82 10 9876 5432"
LAST_PHONE = "+82 10 2468 1357"
SECRETS = [
    FIRST_NAME,
    LAST_NAME,
    EMAIL,
    FIRST_PHONE,
    LAST_PHONE,
    "Quillington",
    "조르바페트라",
    "zq.private",
    "9876 5432",
]


def occurrences(needles):
    """(table, column, needle) for every needle found in any column of any table, each column read as
    text; needles are also looked for as JSON writes them (``\\ud0ac``)."""
    forms = sorted({form.lower() for needle in needles for form in (needle, json.dumps(needle)[1:-1])})
    # Backslashes (JSON's escapes) and underscores are literal here: escape them for LIKE.
    likes = ["%" + form.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%" for form in forms]
    quote = connection.ops.quote_name
    found = []
    with connection.cursor() as cursor:

        def count(table, text, patterns):
            condition = " OR ".join(f"{text} LIKE %s ESCAPE '\\'" for _pattern in patterns)
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)} WHERE {condition}", patterns)
            return cursor.fetchone()[0]

        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                text = f"LOWER(CAST({quote(column.name)} AS TEXT))"
                if count(table, text, likes):  # then say which needle
                    found += [
                        (table, column.name, form)
                        for form, like in zip(forms, likes, strict=True)
                        if count(table, text, [like])
                    ]
    return found


def stored_traces(needles, erasure_log):
    """(store, entry) for every needle found outside the tables' text columns: the import previews' files
    (CSV or .xlsx, decoded), the erasure log's objects and every cache entry."""
    needles = [needle.lower() for needle in needles]
    found = [
        ("import preview", preview.name)
        for preview in ImportPreview.objects.all()
        if any(needle in preview_text(preview.data).lower() for needle in needles)
    ]
    found += [
        ("erasure log", path.name)
        for path in erasure_log.iterdir()
        if any(needle in path.read_text(encoding="utf-8").lower() for needle in needles)
    ]
    for alias in caches:
        for key, raw in cache_entries(caches[alias]):
            if any(needle in bytes(raw).decode("utf-8", "replace").lower() for needle in needles):
                found.append((f"cache {alias}", key))
    return found


def csv_upload(*rows):
    header = ["email", "name", "position", "organisation", "home_city", "country", "phone", "program", "role"]
    return tablib.Dataset(*rows, headers=header).export("csv").encode()


def preview_import(client, content, name="people.csv", file_format="0"):
    """Upload a participants file to the admin import and stop at the preview (nobody confirms)."""
    response = client.post(
        reverse("admin:participants_participant_import"),
        {"format": file_format, "resource": "0", "import_file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200 and response.context["confirm_form"] is not None, response.content.decode()
    return response


def sessions_naming(needles):
    return [
        session.session_key
        for session in SessionStore.get_model_class().objects.all()
        if any(
            needle in json.dumps(SessionStore().decode(session.session_data), ensure_ascii=False) for needle in needles
        )
    ]


def participant_form(scene, **values):
    return {
        "name": FIRST_NAME,
        "position": "Deputy director",
        "organisation": "Quillington Water Office",
        "home_city": "",
        "country": "KR",
        "email": EMAIL,
        "phone": FIRST_PHONE,
        "registered_by": scene.institute_a.pk,
        "legal_basis": "consent",
        "consent_notice": ConsentNotice.objects.current().pk,
        "consent_given_at_0": "2026-03-02",
        "consent_given_at_1": "10:00:00",
        "retain_until": "",
        "enrollments-TOTAL_FORMS": 0,
        "enrollments-INITIAL_FORMS": 0,
        **values,
    }


@pytest.fixture
def person(client, scene):
    return make_person(client, scene)


def make_person(client, scene):
    """The participant, created and edited twice by A's staff through the admin, enrolled in A's program,
    and named in a change proposal, a history change reason and a session."""
    client.force_login(scene.staff_a)
    response = client.post(reverse("admin:participants_participant_add"), participant_form(scene))
    assert response.status_code == 302, response.content.decode()
    participant = Participant.objects.get(email=EMAIL)
    change = reverse("admin:participants_participant_change", args=[participant.pk])
    form = participant_form(scene, organisation="Quillington Water Office", phone=LAST_PHONE)
    assert client.post(change, form).status_code == 302
    form = participant_form(scene, name=LAST_NAME, phone=LAST_PHONE, position="Director")
    assert client.post(change, form).status_code == 302
    enroll = {
        "participant": participant.pk,
        "program": scene.program_a.pk,
        "role": "speaker",
        "completion": "completed",
    }
    assert client.post(reverse("admin:participants_enrollment_add"), enroll).status_code == 302

    ChangeProposal.objects.create(
        content_type=ContentType.objects.get_for_model(scene.seoul),
        object_id=scene.seoul.pk,
        values={"name": f"Seoul, as {LAST_NAME} ({EMAIL}) wrote it"},
        base_values={"name": "Seoul"},
        reason=f"Asked by {FIRST_NAME}, {FIRST_PHONE}",
        proposed_by=scene.staff_a,
        institute=scene.institute_a,
    )
    program = Program.objects.get(pk=scene.program_a.pk)
    program._change_reason = f"Speaker {LAST_NAME} confirmed"
    program.save()
    session = SessionStore()
    session["note"] = f"Call {FIRST_NAME} back on {LAST_PHONE}"
    session.create()
    # They tried the admin's sign-in with their email; staff started an import naming them, never confirmed.
    Client().post(reverse("admin:login"), {"username": EMAIL, "password": "not-theirs"})
    preview_import(client, csv_upload([EMAIL, LAST_NAME, "Director", "", "", "KR", LAST_PHONE, "", ""]))
    caches["default"].set("note-about-them", f"{FIRST_NAME} ({EMAIL})")
    participant.refresh_from_db()
    return participant


def test_setup_puts_the_person_in_every_kind_of_table(person, erasure_log):
    tables = {table for table, _column, _form in occurrences(SECRETS)}
    assert {
        "participants_participant",
        "participants_historicalparticipant",
        "django_admin_log",
        "programs_changeproposal",
        "programs_historicalchangeproposal",
        "programs_historicalprogram",
        "axes_accessattempt",
        "axes_accessfailurelog",
    } <= tables
    assert Participant.history.filter(id=person.pk).count() == 3
    assert sessions_naming([FIRST_NAME])
    assert {store for store, _entry in stored_traces(SECRETS, erasure_log)} == {"import preview", "cache default"}


def test_erased_participant_is_in_no_table_no_store_and_the_counts_stay(client, scene, person, erasure_log):
    program = Program.objects.get(pk=scene.program_a.pk)
    page = client.get(program.get_absolute_url()).content.decode()
    headcount, enrollments = program.headcount, program.enrollments.count()

    report = participant_erase(participant=person, user=scene.staff_a)

    assert occurrences(SECRETS) == []
    assert stored_traces(SECRETS, erasure_log) == []
    assert sessions_naming([FIRST_NAME, LAST_PHONE]) == []
    assert [path.name.startswith(f"erasure-{person.pk}-") for path in erasure_log.iterdir()] == [True]
    program.refresh_from_db()
    assert (program.headcount, program.enrollments.count()) == (headcount, enrollments)
    assert Enrollment.objects.filter(participant=person, program=program, role="speaker").exists()
    assert client.get(program.get_absolute_url()).content.decode() == page
    assert report.history_rows_deleted == 3 and report.enrollments_kept == 1 and report.sessions_deleted == 1
    assert report.holders["sign-in-records"] == 2  # the attempt and the failure
    assert report.holders["import-previews"] == 1 and report.holders["cache"] == 1
    erased = Participant.objects.get(pk=person.pk)
    assert str(erased) == f"Erased participant {person.pk}"
    assert (erased.email, erased.phone, erased.position, erased.organisation, erased.country.code) == (
        "",
        "",
        "",
        "",
        "",
    )
    # One version remains: the anonymised record, saying who erased it.
    (version,) = Participant.history.filter(id=person.pk)
    assert (version.name, version.history_user, version.history_change_reason) == ("[erased]", scene.staff_a, "erasure")


def test_the_erasure_log_holds_no_personal_data(scene, person):
    participant_erase(participant=person, user=scene.staff_a)
    (erasure,) = Erasure.objects.all()
    assert (erasure.participant_id, erasure.erased_by, erasure.reason) == (person.pk, scene.staff_a, "request")
    assert not [hit for hit in occurrences(SECRETS) if hit[0] == "participants_erasure"]


def test_admin_log_entries_name_the_anonymised_record(scene, person):
    participant_erase(participant=person, user=scene.staff_a)
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Participant))
    assert {entry.object_repr for entry in entries} == {f"Erased participant {person.pk}"}
    enrollment_entry = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(Enrollment))
    assert enrollment_entry.object_repr.startswith(f"Erased participant {person.pk} — Alpha water course")


def test_free_text_keeps_its_other_words(scene, person):
    participant_erase(participant=person, user=scene.staff_a)
    proposal = ChangeProposal.objects.get()
    assert proposal.reason == "Asked by [erased], [erased]"
    assert proposal.values == {"name": "Seoul, as [erased] ([erased]) wrote it"}
    assert Program.history.filter(history_change_reason="Speaker [erased] confirmed").exists()


def test_a_dry_run_changes_nothing(scene, person):
    before = occurrences(SECRETS)
    report = participant_erase(participant=person, user=scene.staff_a, dry_run=True)
    assert report.history_rows_deleted == 3
    assert occurrences(SECRETS) == before
    assert Participant.objects.get(pk=person.pk).erased_at is None
    assert not Erasure.objects.exists()


def test_erasing_twice_changes_nothing_the_second_time(scene, person):
    participant_erase(participant=person, user=scene.staff_a)
    history = list(Participant.history.filter(id=person.pk).values())
    report = participant_erase(participant=person, user=scene.editor)
    assert report.erased is False
    assert list(Participant.history.filter(id=person.pk).values()) == history
    assert Erasure.objects.count() == 1


def test_another_institutes_staff_cannot_erase(scene, person):
    with pytest.raises(PermissionDenied):
        participant_erase(participant=person, user=scene.staff_b)
    # Seeing a person (masked) with the look-up permission is not owning them.
    with pytest.raises(PermissionDenied):
        participant_erase(participant=scene.participant_b, user=scene.looker_a)
    assert not Participant.objects.filter(erased_at__isnull=False).exists()
    assert occurrences([EMAIL, "lee.beta@example.org"])


def test_a_registry_editor_may_erase_anyone(scene):
    report = participant_erase(participant=scene.participant_b, user=scene.editor)
    assert report.erased
    assert occurrences(["Lee Beta", "lee.beta@example.org"]) == []


def test_a_person_enrolled_in_a_program_of_a_is_not_as_staff(scene):
    """Host staff see B's person enrolled in their program, masked: they may not erase them."""
    Enrollment.objects.create(participant=scene.participant_b, program=scene.program_a)
    with pytest.raises(PermissionDenied):
        participant_erase(participant=scene.participant_b, user=scene.staff_a)


def test_every_table_that_held_the_person_has_a_holder(person):
    tables = {table for table, _column, _form in occurrences(SECRETS)}
    covered = {apps.get_model(label)._meta.db_table for holder in holders() for label in holder.models}
    history = {model._meta.db_table for model in history_models()}  # their change reasons
    assert tables - covered <= history and tables - covered, tables


# The command


def test_command_erases_by_email(scene, person, capsys):
    call_command("erase_participant", "--email", EMAIL.upper())
    assert "Erased: participant" in capsys.readouterr().out
    assert occurrences(SECRETS) == []
    assert Erasure.objects.get().erased_by is None


def test_command_dry_run_reports_and_changes_nothing(scene, person, capsys):
    call_command("erase_participant", "--email", EMAIL, "--dry-run")
    out = capsys.readouterr().out
    assert "Would erase (dry run, nothing changed): participant" in out and "3 earlier versions deleted" in out
    assert Participant.objects.get(pk=person.pk).name == LAST_NAME


def test_command_as_another_institutes_user_is_refused(scene, person):
    with pytest.raises(CommandError, match="may not erase"):
        call_command("erase_participant", "--email", EMAIL, "--as-user", "staff-b")
    assert Participant.objects.get(pk=person.pk).erased_at is None


def test_command_names_the_places_it_does_not_rewrite(scene, person, capsys):
    """A program description that names the person is public text, not a personal-data column: the
    command leaves it and says where it is."""
    Program.objects.filter(pk=scene.program_a.pk).update(description_en=f"With {FIRST_NAME} as a speaker")
    call_command("erase_participant", "--email", EMAIL)
    err = capsys.readouterr().err
    assert "Still named in programs_program.description_en (1 rows), which erasure does not rewrite" in err
    assert {(table, column) for table, column, _form in occurrences(SECRETS)} == {
        ("programs_program", "description_en")
    }


def test_command_with_an_unknown_email(db):
    with pytest.raises(CommandError, match="No participant has the email"):
        call_command("erase_participant", "--email", "nobody@example.org")


# The admin


CHANGELIST = "admin:participants_participant_changelist"


def test_admin_erase_asks_for_confirmation_first(client, scene, person):
    client.force_login(scene.staff_a)
    selection = {"action": "erase_selected", "_selected_action": [person.pk]}
    page = client.post(reverse(CHANGELIST), selection)
    assert page.status_code == 200
    assert "This cannot be undone" in page.content.decode() and EMAIL in page.content.decode()
    assert Participant.objects.get(pk=person.pk).erased_at is None

    response = client.post(reverse(CHANGELIST), {**selection, "post": "yes"})
    assert response.status_code == 302
    assert Participant.objects.get(pk=person.pk).erased_at is not None
    assert occurrences(SECRETS) == []


def test_admin_erase_of_another_institutes_participant_is_refused(client, scene, person):
    client.force_login(scene.looker_a)  # sees B's participant in the changelist, masked
    selection = {"action": "erase_selected", "_selected_action": [scene.participant_b.pk], "post": "yes"}
    response = client.post(reverse(CHANGELIST), selection, follow=True)
    assert "Only participants your institute registered" in response.content.decode()
    assert Participant.objects.get(pk=scene.participant_b.pk).erased_at is None


def test_admin_delete_leaves_no_earlier_version(client, scene, person):
    client.force_login(scene.staff_a)
    url = reverse("admin:participants_participant_delete", args=[person.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Participant.objects.filter(pk=person.pk).exists()
    assert occurrences(SECRETS) == []
