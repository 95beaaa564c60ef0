"""Retention: the default retention date, withdrawal of consent, the daily purge (idempotent, with a dry
run that changes nothing) and re-applying the erasure log after a backup is restored."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from exchange_portal import settings as project_settings
from participants.erasure_log import erasure_log_ids
from participants.models import Enrollment, Erasure, Participant, default_retain_until
from participants.services.enrollment import participant_enroll
from participants.services.privacy import (
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


def logged(erasure_log):
    """The records in the erasure log's folder, one JSON object per file."""
    return [json.loads(path.read_text()) for path in sorted(erasure_log.iterdir())]


def test_each_erasure_writes_one_object_to_the_erasure_log(scene, erasure_log):
    participant_erase(participant=scene.participant_a, user=scene.staff_a)
    (record,) = logged(erasure_log)
    assert record["participant_id"] == scene.participant_a.pk and record["reason"] == "request"
    assert set(record) == {"participant_id", "erased_at", "reason"}  # nothing about the person
    assert erasure_log_ids() == {scene.participant_a.pk}


def test_a_dry_run_writes_nothing_to_the_erasure_log(scene, erasure_log):
    participant_erase(participant=scene.participant_a, dry_run=True)
    participants_purge_expired(today=TODAY + datetime.timedelta(days=365 * 50), dry_run=True)
    assert logged(erasure_log) == []


def test_an_erasure_log_that_cannot_be_written_fails_the_erasure(scene, settings, tmp_path):
    """The log's folder would be under a file: the write fails, the erasure raises and nothing of it
    stays, so the person is never erased without a record that survives a restore."""
    (tmp_path / "a-file").write_text("")
    settings.STORAGES = {
        **settings.STORAGES,
        "erasure_log": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "a-file" / "log")},
        },
    }
    before = snapshot()
    with pytest.raises(Exception, match="erasure log"):
        participant_erase(participant=scene.participant_a, user=scene.staff_a)
    assert snapshot() == before
    assert Participant.objects.get(pk=scene.participant_a.pk).email == "kim.alpha@example.org"
    assert not Erasure.objects.exists()


def test_the_erasure_log_is_not_where_make_clean_deletes():
    location = Path(project_settings.STORAGES["erasure_log"]["OPTIONS"]["location"])  # as configured
    clean = next(line for line in (project_settings.BASE_DIR / "Makefile").read_text().splitlines() if "rm -rf" in line)
    assert "var/" in clean and not location.is_relative_to(project_settings.BASE_DIR / "var")
    assert location.name not in clean


def test_reapply_after_restoring_an_older_backup(scene, erasure_log):
    # B's participant is erased after the backup was taken; restoring the backup brings them back. The
    # savepoint stands for the backup: rolling back to it is the restore. The erasure log outlives it.
    with transaction.atomic():
        participant_erase(participant=scene.participant_b, user=scene.editor)
        transaction.set_rollback(True)
    assert Participant.objects.get(pk=scene.participant_b.pk).email == "lee.beta@example.org"
    assert not Erasure.objects.exists()
    assert erasure_log_ids() == {scene.participant_b.pk}

    report = erasures_reapply()
    assert report.erased == [scene.participant_b.pk]
    restored = Participant.objects.get(pk=scene.participant_b.pk)
    assert restored.erased_at is not None and restored.email == ""
    assert not Participant.history.filter(id=scene.participant_b.pk, name="Lee Beta").exists()
    assert Erasure.objects.get().reason == "reapplied"
    assert len(logged(erasure_log)) == 1  # the log named them already: no second object

    again = erasures_reapply()
    assert (again.erased, again.already_erased) == ([], 1)


@pytest.fixture
def log_file(tmp_path):
    return tmp_path / "erasure-log.jsonl"


def test_reapply_dry_run_changes_nothing(scene, log_file, erasure_log):
    log_file.write_text(json.dumps({"participant_id": scene.participant_b.pk, "reason": "request"}) + "\n")
    before = snapshot()
    report = erasures_reapply(log_path=log_file, dry_run=True)
    assert report.erased == [scene.participant_b.pk]
    assert snapshot() == before
    assert logged(erasure_log) == []


def test_an_erasure_that_rolls_back_after_its_log_was_written_leaves_no_log(scene, log_file, erasure_log):
    """The log is written before the transaction commits; if the transaction then fails the object is
    deleted again, so the log never names an erasure that did not happen."""
    log_file.write_text(json.dumps({"participant_id": scene.participant_b.pk}) + "\n")

    def crash(done, total):
        assert logged(erasure_log) != []  # written, not yet committed
        raise RuntimeError("the server went away")

    with pytest.raises(RuntimeError, match="went away"):
        erasures_reapply(log_path=log_file, progress=crash)
    assert logged(erasure_log) == []
    assert Participant.objects.get(pk=scene.participant_b.pk).erased_at is None


def test_reapply_reads_a_log_file_too(scene, log_file, capsys):
    log_file.write_text(json.dumps({"participant_id": 999999}) + "\n")
    call_command("reapply_erasures", "--log", str(log_file))
    assert "Erased: 0 participants again; the log names 1, 0 were erased already, 1 are not in this database" in (
        capsys.readouterr().out
    )


def test_reapply_refuses_a_log_that_is_not_one(scene, log_file):
    log_file.write_text("not json\n")
    with pytest.raises(CommandError, match="line 1: not an erasure record"):
        call_command("reapply_erasures", "--log", str(log_file))


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


@pytest.mark.parametrize("path", ["erase action", "delete page"])
def test_the_admin_says_when_the_erasure_log_cannot_be_written(client, scene, settings, tmp_path, path):
    """Staff erasing from the admin get a message on the page, not a server error, and the person stays."""
    (tmp_path / "a-file").write_text("")
    settings.STORAGES = {
        **settings.STORAGES,
        "erasure_log": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "a-file" / "log")},
        },
    }
    client.force_login(scene.staff_a)
    person = scene.participant_a
    if path == "erase action":
        url = reverse("admin:participants_participant_changelist")
        data = {"action": "erase_selected", "_selected_action": [person.pk], "post": "yes"}
    else:
        url, data = reverse("admin:participants_participant_delete", args=[person.pk]), {"post": "yes"}
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "The erasure log could not be written" in response.content.decode()
    assert Participant.objects.get(pk=person.pk).email == "kim.alpha@example.org"
    assert not Erasure.objects.exists()
