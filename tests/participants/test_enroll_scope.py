"""Enrolling never changes another institute's person, on any path that creates an enrollment (the
enrollment page, the inline on a program's page, the participant autocomplete they use, the import and
its command, the shell and the service); a retention date moves only through
``participant_extend_retention``, with a history row, and only for the person's owner. Adding a person
never says whether another institute registered their email."""

import datetime
import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from exchange_portal.imports import run_import
from participants.models import DUPLICATE_EMAIL, Enrollment, Participant
from participants.resources import ParticipantResource
from participants.services.enrollment import (
    NOT_YOURS_TO_ENROLL,
    participant_enroll,
    participant_extend_retention,
)
from tests.factories import ParticipantFactory, ProgramFactory

from .conftest import ROLES, add_participant, assert_no_b_secret

# The retention a program of 2099 would give (five years past its year).
RETAIN_2099 = datetime.date(2104, 12, 31)
INLINE_PREFIXES = ("target_country_links", "enrollments", "quality_flags")


@pytest.fixture
def program_2099(scene):
    return ProgramFactory(title="Alpha far future", slug="2099-alpha-far-future", host=scene.institute_a, year=2099)


def state(participant):
    """What an enrollment must not change behind the owner's back: the person's retention date and
    their history, and their enrollments."""
    participant.refresh_from_db()
    return (
        participant.retain_until,
        participant.history.count(),
        set(participant.enrollments.values_list("program_id", flat=True)),
    )


def enrollment_post(participant, program):
    return {"participant": participant.pk, "program": program.pk, "role": "participant", "completion": "enrolled"}


def program_page_post(program, *enrollments):
    data = {
        "title_en": program.title,
        "slug": program.slug,
        "year": program.year,
        "host": program.host_id,
        "mode": "onsite",
        "format": "short_course",
        "date_precision": "year",
        "headcount": program.headcount,
        "status": "confirmed",
    }
    for prefix in INLINE_PREFIXES:
        data[f"{prefix}-TOTAL_FORMS"] = len(enrollments) if prefix == "enrollments" else 0
        data[f"{prefix}-INITIAL_FORMS"] = 0
    for number, participant in enumerate(enrollments):
        data[f"enrollments-{number}-participant"] = participant.pk
        data[f"enrollments-{number}-role"] = "participant"
        data[f"enrollments-{number}-completion"] = "enrolled"
    return data


def refusal_for(role):
    """The refusal names no one: staff who may look B's person up are told the owner must enroll them;
    staff who may not see them at all get Django's plain "not one of the available choices"."""
    return str(NOT_YOURS_TO_ENROLL) if role == "looker_a" else "Select a valid choice."


# Attack 2: the enrollment page


@pytest.mark.parametrize("role", ROLES)
def test_enrollment_page_refuses_another_institutes_person(client, scene, program_2099, role):
    before = state(scene.participant_b)
    client.force_login(getattr(scene, role))
    response = client.post(
        reverse("admin:participants_enrollment_add"), enrollment_post(scene.participant_b, program_2099)
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["participant"] and errors["participant"][0].startswith(refusal_for(role))
    assert "Lee Beta" not in str(errors) and "Beta Institute" not in str(errors)
    assert_no_b_secret(response.content.decode())
    assert state(scene.participant_b) == before
    assert before[0] < RETAIN_2099


def test_enrollment_page_enrolls_own_person_and_their_history_says_so(client, scene, program_2099):
    person = scene.participant_a
    versions = person.history.count()
    client.force_login(scene.staff_a)
    response = client.post(reverse("admin:participants_enrollment_add"), enrollment_post(person, program_2099))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.retain_until == RETAIN_2099
    latest = person.history.first()
    assert person.history.count() == versions + 1
    assert (latest.retain_until, latest.history_user) == (RETAIN_2099, scene.staff_a)
    assert latest.history_change_reason == "Retention extended: enrolled in a program of 2099"


def test_changing_an_enrollment_of_another_institutes_person_keeps_working(client, scene, program_2099):
    """B's person enrolled in A's program by a registry editor: A's staff still change the role, and
    cannot move the enrollment to another program (which would move B's retention)."""
    enrollment = participant_enroll(participant=scene.participant_b, program=scene.program_a, user=scene.editor)
    before = state(scene.participant_b)
    client.force_login(scene.staff_a)
    url = reverse("admin:participants_enrollment_change", args=[enrollment.pk])
    data = enrollment_post(scene.participant_b, scene.program_a) | {"role": "speaker"}
    assert client.post(url, data).status_code == 302
    assert Enrollment.objects.get(pk=enrollment.pk).role == "speaker"
    response = client.post(url, data | {"program": program_2099.pk})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"participant": [str(NOT_YOURS_TO_ENROLL)]}
    assert Enrollment.objects.get(pk=enrollment.pk).program == scene.program_a
    assert state(scene.participant_b) == before


# Attack 2: the inline on the program's page


@pytest.mark.parametrize("role", ROLES)
def test_program_page_inline_refuses_another_institutes_person(client, scene, program_2099, role):
    before = state(scene.participant_b)
    client.force_login(getattr(scene, role))
    url = reverse("admin:programs_program_change", args=[program_2099.pk])
    response = client.post(url, program_page_post(program_2099, scene.participant_b))
    assert response.status_code == 200
    formset = next(f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "enrollments")
    assert formset.formset.errors[0]["participant"][0].startswith(refusal_for(role))
    assert_no_b_secret(response.content.decode())
    assert state(scene.participant_b) == before
    assert not program_2099.enrollments.exists()


def test_program_page_inline_enrolls_own_person_through_the_service(client, scene, program_2099):
    client.force_login(scene.staff_a)
    url = reverse("admin:programs_program_change", args=[program_2099.pk])
    response = client.post(url, program_page_post(program_2099, scene.participant_a))
    assert response.status_code == 302, response.context and response.context["inline_admin_formsets"]
    person = scene.participant_a
    person.refresh_from_db()
    assert person.retain_until == RETAIN_2099
    assert (person.history.first().history_user, person.history.first().retain_until) == (scene.staff_a, RETAIN_2099)
    assert program_2099.enrollments.get().participant == person


# The inline on a person's page: only their owner may post it


def participant_page_post(participant, *programs):
    data = {
        "name": participant.name,
        "email": participant.email,
        "phone": participant.phone,
        "enrollments-TOTAL_FORMS": len(programs),
        "enrollments-INITIAL_FORMS": 0,
    }
    for number, program in enumerate(programs):
        data |= {f"enrollments-{number}-program": program.pk, f"enrollments-{number}-role": "participant"}
        data[f"enrollments-{number}-completion"] = "enrolled"
    return data


def test_participant_page_inline_enrolls_only_the_owners_people(client, scene, program_2099):
    Enrollment.objects.create(participant=scene.participant_b, program=scene.program_a)  # A sees B's page
    before = state(scene.participant_b)
    client.force_login(scene.looker_a)
    url = reverse("admin:participants_participant_change", args=[scene.participant_b.pk])
    assert client.post(url, participant_page_post(scene.participant_b, program_2099)).status_code == 403
    assert state(scene.participant_b) == before

    client.force_login(scene.staff_a)
    url = reverse("admin:participants_participant_change", args=[scene.participant_a.pk])
    response = client.post(url, participant_page_post(scene.participant_a, program_2099))
    assert response.status_code == 302
    person = scene.participant_a
    person.refresh_from_db()
    assert person.retain_until == RETAIN_2099 and person.history.first().history_user == scene.staff_a
    assert program_2099.enrollments.get().participant == person


# Attack 2: the autocomplete those forms use


@pytest.mark.parametrize("role", ROLES)
def test_participant_autocomplete_offers_only_people_the_user_may_change(client, scene, role):
    Enrollment.objects.create(participant=scene.participant_b, program=scene.program_a)  # A sees B's name
    client.force_login(getattr(scene, role))
    for term in ("", "Lee", "Kim"):
        response = client.get(
            reverse("admin:autocomplete"),
            {"app_label": "participants", "model_name": "enrollment", "field_name": "participant", "term": term},
        )
        assert response.status_code == 200
        texts = [result["text"] for result in response.json()["results"]]
        assert texts == (["Kim Alpha"] if term in ("", "Kim") else [])


# Attack 2: the shell and the service


def test_saving_an_enrollment_changes_no_other_row(scene, program_2099):
    """The shell's ``Enrollment.objects.create`` used to move the person's retention date with
    ``QuerySet.update()``: no history row, no owner check."""
    before = state(scene.participant_b)
    Enrollment.objects.create(participant=scene.participant_b, program=program_2099)
    retain_until, versions, _programs = state(scene.participant_b)
    assert (retain_until, versions) == before[:2]


@pytest.mark.parametrize("role", ROLES)
def test_the_service_refuses_another_institutes_person(scene, program_2099, role):
    before = state(scene.participant_b)
    with pytest.raises(PermissionDenied, match="the institute that registered this person must enroll them"):
        participant_enroll(participant=scene.participant_b, program=program_2099, user=getattr(scene, role))
    with pytest.raises(PermissionDenied, match="Only the institute that registered this person"):
        participant_extend_retention(participant=scene.participant_b, until=RETAIN_2099, user=getattr(scene, role))
    assert state(scene.participant_b) == before


def test_the_owner_and_the_system_move_retention_with_a_history_row(scene, program_2099):
    participant_extend_retention(
        participant=scene.participant_b, until=datetime.date(2090, 12, 31), user=scene.staff_b, reason="Asked"
    )
    latest = scene.participant_b.history.first()
    assert (latest.retain_until, latest.history_user, latest.history_change_reason) == (
        datetime.date(2090, 12, 31),
        scene.staff_b,
        "Asked",
    )
    participant_enroll(participant=scene.participant_b, program=program_2099)  # the system, e.g. a command
    scene.participant_b.refresh_from_db()
    assert scene.participant_b.retain_until == RETAIN_2099
    latest = scene.participant_b.history.first()
    assert (latest.retain_until, latest.history_user) == (RETAIN_2099, None)
    # Never shortened.
    participant_extend_retention(participant=scene.participant_b, until=datetime.date(2030, 1, 1), user=scene.staff_b)
    assert Participant.objects.get(pk=scene.participant_b.pk).retain_until == RETAIN_2099


def test_an_older_record_that_breaks_a_newer_rule_can_still_be_kept_longer(scene, program_2099):
    """Only the retention date is validated when it moves: a record imported before a rule existed (here an
    email the form would now refuse) is kept longer, not answered with a server error."""
    Participant.objects.filter(pk=scene.participant_b.pk).update(email="not an address")
    participant_extend_retention(participant=scene.participant_b, until=RETAIN_2099, user=scene.staff_b)
    assert Participant.objects.get(pk=scene.participant_b.pk).retain_until == RETAIN_2099


# Attack 2 and 5: the import, in the admin and as a command


def csv_file(tmp_path, *rows):
    path = tmp_path / "people.csv"
    path.write_text("email,name,program\n" + "".join(f"{','.join(row)}\n" for row in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("role", ROLES)
def test_import_naming_another_institutes_email_registers_the_users_own_person(
    scene, program_2099, role, tmp_path, capsys
):
    before = state(scene.participant_b)
    path = csv_file(tmp_path, ("lee.beta@example.org", "Lee Beta", program_2099.slug))
    call_command("import_participants", str(path), "--user", getattr(scene, role).username)
    out = capsys.readouterr().out
    assert "1 new" in out
    assert state(scene.participant_b) == before
    theirs = Participant.objects.get(email="lee.beta@example.org", registered_by=scene.institute_a)
    assert theirs.retain_until == RETAIN_2099 and theirs.enrollments.get().program == program_2099


def test_import_enrolls_own_person_with_a_history_row(scene, program_2099, tmp_path):
    report = run_import(
        ParticipantResource,
        csv_file(tmp_path, ("kim.alpha@example.org", "Kim Alpha", program_2099.slug)),
        user=scene.staff_a,
    )
    assert report.errors == []
    person = scene.participant_a
    person.refresh_from_db()
    assert person.retain_until == RETAIN_2099
    assert (person.history.first().retain_until, person.history.first().history_user) == (RETAIN_2099, scene.staff_a)


def test_import_refuses_an_email_several_of_the_users_people_share(scene, program_2099, tmp_path):
    """The system and registry editors may change both institutes' records of one person: which one a
    row means is not guessed."""
    ParticipantFactory(name="Kim Alpha (B)", email="kim.alpha@example.org", registered_by=scene.institute_b)
    before = state(scene.participant_a)
    report = run_import(
        ParticipantResource, csv_file(tmp_path, ("kim.alpha@example.org", "Kim", program_2099.slug)), user=None
    )
    assert [line.split(": ", 1)[0] for line in report.errors] == ["row 1 (line 2), column email"]
    assert "Several participants you may change have this email" in report.errors[0]
    assert state(scene.participant_a) == before


# Attack 5: adding a person says nothing about other institutes' emails


@pytest.mark.parametrize("role", ROLES)
def test_adding_a_person_another_institute_registered_says_nothing(client, scene, role):
    client.force_login(getattr(scene, role))
    response = add_participant(client, name="Lee Beta", email="lee.beta@example.org", registered_by=scene.institute_a)
    assert response.status_code == 302, response.context["adminform"].form.errors
    follow = client.get(response["Location"]).content.decode()
    assert "already" not in follow
    assert set(Participant.objects.filter(email="lee.beta@example.org").values_list("registered_by", flat=True)) == {
        scene.institute_a.pk,
        scene.institute_b.pk,
    }
    assert Participant.objects.get(pk=scene.participant_b.pk).name == "Lee Beta"


def test_a_duplicate_within_the_registering_institute_is_still_refused(client, scene):
    client.force_login(scene.editor)
    response = add_participant(client, name="Someone", email="lee.beta@example.org", registered_by=scene.institute_b)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"email": [str(DUPLICATE_EMAIL)]}
    assert Participant.objects.filter(email="lee.beta@example.org").count() == 1


# The privacy commands when institutes share an email


@pytest.fixture
def shared_email(scene):
    """A's own record of the person B registered."""
    return ParticipantFactory(name="Lee Beta (A)", email="LEE.beta@example.org", registered_by=scene.institute_a)


def test_erase_command_erases_every_record_the_user_may_erase(scene, shared_email, capsys):
    call_command("erase_participant", "--email", "lee.beta@example.org", "--as-user", "staff-a")
    out = capsys.readouterr().out
    assert out.count("Erased: participant") == 1 and f"participant {shared_email.pk}:" in out
    assert Participant.objects.get(pk=shared_email.pk).erased_at is not None
    assert Participant.objects.get(pk=scene.participant_b.pk).erased_at is None
    call_command("erase_participant", "--email", "lee.beta@example.org")  # the system: every record left
    out = capsys.readouterr().out
    assert out.count("Erased: participant") == 1 and f"participant {scene.participant_b.pk}:" in out
    assert Participant.objects.get(pk=scene.participant_b.pk).erased_at is not None


def test_erase_command_says_how_many_records_share_the_email(scene, shared_email, capsys):
    call_command("erase_participant", "--email", "lee.beta@example.org", "--dry-run")
    out = capsys.readouterr().out
    assert "2 participants have this email." in out
    assert out.count("Would erase (dry run, nothing changed): participant") == 2
    assert Participant.objects.filter(erased_at__isnull=False).count() == 0


def test_export_command_writes_every_record_the_user_may_export(scene, shared_email, capsys):
    call_command("export_participant", "--email", "lee.beta@example.org")
    captured = capsys.readouterr()
    copies = json.load(io.StringIO(captured.out))
    assert sorted(copy["participant"]["name"] for copy in copies) == ["Lee Beta", "Lee Beta (A)"]
    assert "Wrote the copy of 2 participants with this email." in captured.err
    call_command("export_participant", "--email", "lee.beta@example.org", "--as-user", "staff-a")
    captured = capsys.readouterr()
    assert json.loads(captured.out)["participant"]["name"] == "Lee Beta (A)"
    assert "Wrote the copy of 1 participant with this email." in captured.err
