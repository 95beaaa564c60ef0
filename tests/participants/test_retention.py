"""Retention: the default retention date, withdrawal of consent, the daily purge (idempotent, with a dry
run that changes nothing) and re-applying the erasure log after a backup is restored."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from participants.models import Enrollment, Erasure, Participant, default_retain_until
from participants.services.enrollment import participant_enroll
from participants.services.privacy import (
    erasure_log_file_ids,
    erasures_reapply,
    participant_erase,
    participant_withdraw_consent,
    participants_purge_expired,
)
from tests.factories import ParticipantFactory, ProgramFactory

TODAY = timezone.localdate()


def snapshot():
    """Every participant row and every version of it, as the database holds them."""
    return (
        list(Participant.objects.order_by("pk").values()),
        list(Participant.history.order_by("history_id").values()),
        Erasure.objects.count(),
    )


def test_default_retention_runs_from_the_latest_programs_year(settings, db):
    settings.PARTICIPANT_RETENTION_YEARS = 5
    person = ParticipantFactory()
    assert person.retain_until == datetime.date(TODAY.year + 5, 12, 31)  # no program yet: registered this year
    participant_enroll(participant=person, program=ProgramFactory(year=2015))
    person.refresh_from_db()
    assert person.retain_until == datetime.date(TODAY.year + 5, 12, 31)  # an earlier program shortens nothing
    late = ParticipantFactory(retain_until=datetime.date(2021, 12, 31))
    participant_enroll(participant=late, program=ProgramFactory(year=2019))
    late.refresh_from_db()
    assert late.retain_until == datetime.date(2024, 12, 31) == default_retain_until(2019)


def test_withdrawing_consent_ends_retention_that_day(scene):
    person = scene.participant_a
    person.consent_given_at = timezone.now() - datetime.timedelta(days=30)
    person.save()
    withdrawn = participant_withdraw_consent(participant=person, user=scene.staff_a)
    assert withdrawn.retain_until == TODAY
    assert withdrawn.consent_withdrawn_at is not None
    # The next purge anonymises them.
    report = participants_purge_expired()
    assert report.erased == [person.pk]
    assert Participant.objects.get(pk=person.pk).erased_at is not None


def test_another_institutes_staff_cannot_record_a_withdrawal(scene):
    with pytest.raises(PermissionDenied):
        participant_withdraw_consent(participant=scene.participant_b, user=scene.staff_a)
    assert Participant.objects.get(pk=scene.participant_b.pk).consent_withdrawn_at is None


def test_consent_cannot_be_withdrawn_before_it_was_given(scene):
    person = scene.participant_a
    person.consent_given_at = timezone.now()
    person.consent_withdrawn_at = timezone.now() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="Consent cannot be withdrawn before it was given"):
        person.full_clean()


@pytest.fixture
def due(scene):
    """A's participant past their retention date, B's participant not yet."""
    Participant.objects.filter(pk=scene.participant_a.pk).update(retain_until=TODAY - datetime.timedelta(days=1))
    Participant.objects.filter(pk=scene.participant_b.pk).update(retain_until=TODAY + datetime.timedelta(days=1))
    return scene


def test_purge_erases_those_past_their_date_only(due):
    enrollments = Enrollment.objects.count()
    report = participants_purge_expired()
    assert (report.due, report.erased) == (1, [due.participant_a.pk])
    assert Participant.objects.get(pk=due.participant_a.pk).email == ""
    assert Participant.objects.get(pk=due.participant_b.pk).email == "lee.beta@example.org"
    assert Enrollment.objects.count() == enrollments
    assert Erasure.objects.get().reason == "retention"


def test_purge_is_idempotent(due):
    participants_purge_expired()
    after_first = snapshot()
    report = participants_purge_expired()
    assert (report.due, report.erased) == (0, [])
    assert snapshot() == after_first


def test_purge_dry_run_changes_nothing(due):
    before = snapshot()
    report = participants_purge_expired(dry_run=True)
    assert report.erased == [due.participant_a.pk]
    assert snapshot() == before


def test_purge_command_prints_a_summary(due, capsys):
    call_command("purge_expired_participants", "--dry-run")
    assert "Would erase (dry run, nothing changed): 1 of 1 participants" in capsys.readouterr().out
    call_command("purge_expired_participants")
    out = capsys.readouterr().out
    assert "1 / 1 (100%)" in out and "Erased: 1 of 1 participants past their retention date" in out
    call_command("purge_expired_participants")
    assert "Erased: 0 of 0 participants" in capsys.readouterr().out


# Re-applying the erasure log after a restore


@pytest.fixture
def log_file(settings, tmp_path):
    settings.ERASURE_LOG_PATH = str(tmp_path / "erasure-log.jsonl")
    return tmp_path / "erasure-log.jsonl"


def test_each_erasure_is_appended_to_the_log_file_once_committed(scene, log_file, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        participant_erase(participant=scene.participant_a, user=scene.staff_a)
    (line,) = log_file.read_text().splitlines()
    record = json.loads(line)
    assert record["participant_id"] == scene.participant_a.pk and record["reason"] == "request"
    assert set(record) == {"participant_id", "erased_at", "reason"}  # nothing about the person


def test_a_dry_run_writes_no_log_line(scene, log_file, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        participant_erase(participant=scene.participant_a, dry_run=True)
    assert not log_file.exists()


def test_reapply_after_restoring_an_older_backup(scene, log_file, django_capture_on_commit_callbacks):
    # B's participant is erased after the backup was taken; restoring the backup brings them back. The
    # savepoint stands for the backup: rolling back to it is the restore. The log file outlives it.
    with transaction.atomic():
        with django_capture_on_commit_callbacks(execute=True):
            participant_erase(participant=scene.participant_b, user=scene.editor)
        transaction.set_rollback(True)
    assert Participant.objects.get(pk=scene.participant_b.pk).email == "lee.beta@example.org"
    assert not Erasure.objects.exists()
    assert erasure_log_file_ids() == {scene.participant_b.pk}

    report = erasures_reapply()
    assert report.erased == [scene.participant_b.pk]
    restored = Participant.objects.get(pk=scene.participant_b.pk)
    assert restored.erased_at is not None and restored.email == ""
    assert not Participant.history.filter(id=scene.participant_b.pk, name="Lee Beta").exists()
    assert Erasure.objects.get().reason == "reapplied"

    again = erasures_reapply()
    assert (again.erased, again.already_erased) == ([], 1)


def test_reapply_dry_run_changes_nothing(scene, log_file):
    log_file.write_text(json.dumps({"participant_id": scene.participant_b.pk, "reason": "request"}) + "\n")
    before = snapshot()
    report = erasures_reapply(dry_run=True)
    assert report.erased == [scene.participant_b.pk]
    assert snapshot() == before


def test_reapply_counts_ids_the_database_does_not_hold(scene, log_file, capsys):
    log_file.write_text(json.dumps({"participant_id": 999999}) + "\n")
    call_command("reapply_erasures")
    assert "Erased: 0 participants again; the log names 1, 0 were erased already, 1 are not in this database" in (
        capsys.readouterr().out
    )


def test_reapply_refuses_a_log_that_is_not_one(scene, log_file):
    log_file.write_text("not json\n")
    with pytest.raises(CommandError, match="line 1: not an erasure record"):
        call_command("reapply_erasures")


def test_recording_a_withdrawal_in_the_admin_ends_retention_that_day(client, scene):
    person = scene.participant_a
    client.force_login(scene.staff_a)
    form = {
        "name": person.name,
        "email": person.email,
        "phone": person.phone,
        "registered_by": scene.institute_a.pk,
        "legal_basis": "consent",
        "consent_given_at_0": "2026-01-05",
        "consent_given_at_1": "09:00:00",
        "consent_withdrawn_at_0": "2026-02-10",
        "consent_withdrawn_at_1": "15:30:00",
        "retain_until": "2031-12-31",
        "enrollments-TOTAL_FORMS": 0,
        "enrollments-INITIAL_FORMS": 0,
    }
    url = reverse("admin:participants_participant_change", args=[person.pk])
    assert client.post(url, form).status_code == 302
    person.refresh_from_db()
    assert person.retain_until == datetime.date(2026, 2, 10)
    assert person in Participant.objects.filter(retain_until__lte=TODAY)  # the next purge erases them

    form.update({"consent_withdrawn_at_0": "2026-01-01", "consent_withdrawn_at_1": "08:00:00"})
    response = client.post(url, form)
    assert "Consent cannot be withdrawn before it was given." in response.content.decode()
