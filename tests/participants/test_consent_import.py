"""The participant import reads the consent columns (legal basis, notice version, consent dates,
retention date), fills the default retention from the program, and re-importing changes nothing."""

import datetime

import pytest

from exchange_portal.imports import run_import
from participants.models import Participant, default_retain_until
from participants.resources import ParticipantResource

pytestmark = pytest.mark.usefixtures("first_notice")

HEADER = "email,name,program,legal_basis,consent_notice,consent_given_at,consent_withdrawn_at,retain_until\n"


def write(tmp_path, *rows):
    path = tmp_path / "people.csv"
    path.write_text(HEADER + "".join(",".join(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_consent_columns_are_read(scene, tmp_path):
    path = write(
        tmp_path,
        ["new@example.org", "New Person", scene.program_a.slug, "consent", "2026-1", "2026-03-02 10:00:00", "", ""],
        ["other@example.org", "Other Person", scene.program_a.slug, "public_task", "", "", "", "2030-06-30"],
    )
    report = run_import(ParticipantResource, path, user=scene.staff_a)
    assert not report.errors
    new = Participant.objects.get(email="new@example.org")
    assert (new.legal_basis, new.consent_notice.version) == ("consent", "2026-1")
    assert new.consent_given_at.date() == datetime.date(2026, 3, 2)
    assert new.retain_until == default_retain_until(scene.program_a.year)
    assert Participant.objects.get(email="other@example.org").retain_until == datetime.date(2030, 6, 30)

    again = run_import(ParticipantResource, path, user=scene.staff_a)
    assert again.totals["skip"] == 2 and not again.totals["update"]


def test_a_withdrawal_in_the_file_brings_retention_forward(scene, tmp_path):
    path = write(
        tmp_path,
        ["kim.alpha@example.org", "Kim Alpha", "", "consent", "", "2026-01-01 09:00:00", "2026-02-01 09:00:00", ""],
    )
    report = run_import(ParticipantResource, path, user=scene.staff_a)
    assert not report.errors
    assert Participant.objects.get(email="kim.alpha@example.org").retain_until == datetime.date(2026, 2, 1)


def test_unknown_notice_version_and_basis_are_named(scene, tmp_path):
    path = write(tmp_path, ["new@example.org", "New Person", "", "whim", "1999-9", "", "", ""])
    report = run_import(ParticipantResource, path, user=scene.staff_a)
    text = "\n".join(report.errors)
    assert "column consent_notice: No consent notice has the version “1999-9”." in text
    assert "column legal_basis" in text and "whim" in text
    assert not Participant.objects.filter(email="new@example.org").exists()
