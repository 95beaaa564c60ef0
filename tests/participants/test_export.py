"""A person's copy: everything the registry holds about one participant, as JSON, from the service, the
command and the admin action; only for those who own the person's data."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from participants.models import ConsentNotice
from participants.services.privacy import participant_export, participant_withdraw_consent

pytestmark = pytest.mark.usefixtures("first_notice")


@pytest.fixture
def person(scene):
    """A's participant with consent recorded, then withdrawn: three versions of the record."""
    person = scene.participant_a
    person.legal_basis = "consent"
    person.consent_notice = ConsentNotice.objects.current()
    person.consent_given_at = timezone.now() - datetime.timedelta(days=10)
    person.position = "Director"
    person.save()
    return participant_withdraw_consent(participant=person, user=scene.staff_a)


def test_the_copy_holds_record_enrollments_consent_and_history(scene, person):
    copy = json.loads(json.dumps(participant_export(participant=person, user=scene.staff_a), default=str))
    assert copy["participant"]["name"] == "Kim Alpha"
    assert copy["participant"]["email"] == "kim.alpha@example.org"
    assert copy["participant"]["phone"] == "+82 2 1111 2233"
    assert copy["participant"]["registered_by"] == "Alpha Institute"
    assert [(e["program_title"], e["role"]) for e in copy["enrollments"]] == [("Alpha water course", "participant")]
    assert copy["consent"]["legal_basis"] == "consent"
    assert copy["consent"]["notice"]["version"] == "2026-1"
    assert copy["consent"]["notice"]["wording"]["ko"]["title"].startswith("개인정보 처리방침")
    assert copy["consent"]["retain_until"] == str(timezone.localdate())
    # Consent history: none recorded, consent given, consent withdrawn.
    assert [(c["legal_basis"], c["consent_withdrawn_at"] is not None) for c in copy["consent_history"]] == [
        ("", False),
        ("consent", False),
        ("consent", True),
    ]
    assert [version["change"] for version in copy["change_history"]] == ["Created", "Changed", "Changed"]
    assert copy["change_history"][1]["values"]["position"] == "Director"
    assert [version["change"] for version in copy["enrollment_history"]] == ["Created"]


@pytest.mark.parametrize("user", ["staff_b", "looker_a"])
def test_only_the_owners_get_a_copy(scene, user):
    """B's staff cannot export A's participant, nor may A's look-up role export B's."""
    other = scene.participant_b if user == "looker_a" else scene.participant_a
    with pytest.raises(PermissionDenied):
        participant_export(participant=other, user=getattr(scene, user))


def test_a_registry_editor_may_export_anyone(scene):
    assert participant_export(participant=scene.participant_b, user=scene.editor)["participant"]["name"] == "Lee Beta"


def test_command_writes_the_copy(scene, person, tmp_path):
    output = tmp_path / "copy.json"
    call_command("export_participant", "--email", "KIM.alpha@example.org", "--as-user", "staff-a", "--output", output)
    copy = json.loads(output.read_text(encoding="utf-8"))
    assert copy["participant"]["email"] == "kim.alpha@example.org"
    assert copy["consent"]["notice"]["wording"]["zh-hant"]["title"].startswith("隱私權聲明")


def test_command_as_another_institutes_user_is_refused(scene, person):
    with pytest.raises(CommandError, match="may not export"):
        call_command("export_participant", "--email", "kim.alpha@example.org", "--as-user", "staff-b")


def test_admin_action_downloads_the_copy(client, scene, person):
    client.force_login(scene.staff_a)
    response = client.post(
        reverse("admin:participants_participant_changelist"),
        {"action": "export_selected_json", "_selected_action": [person.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="participant-{person.pk}.json"'
    assert json.loads(response.content)["participant"]["phone"] == "+82 2 1111 2233"


def test_admin_action_refuses_a_masked_participant(client, scene):
    client.force_login(scene.looker_a)
    response = client.post(
        reverse("admin:participants_participant_changelist"),
        {"action": "export_selected_json", "_selected_action": [scene.participant_a.pk, scene.participant_b.pk]},
        follow=True,
    )
    body = response.content.decode()
    assert "Only participants your institute registered" in body and "lee.beta@example.org" not in body
