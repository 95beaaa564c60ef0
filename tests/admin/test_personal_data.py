"""Email and phone are shown only to the participant's institutes and registry editors."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from exchange_portal.permissions import mask_email, mask_phone
from participants.resources import ParticipantResource

from .test_scoping import export_form


@pytest.fixture
def looker(client, world):
    """Staff of A who may also look up other institutes' participants (the custom permission)."""
    world.staff_a.user_permissions.add(Permission.objects.get(codename="view_other_institutes_participants"))
    client.force_login(world.staff_a)
    return client


@pytest.mark.parametrize(
    ("email", "masked"),
    [("kim.alpha@example.org", "k***@example.org"), ("x@y.kr", "x***@y.kr"), ("", ""), ("broken", "***")],
)
def test_mask_email(email, masked):
    assert mask_email(email) == masked


def test_mask_phone_keeps_the_last_two_digits():
    assert mask_phone("+82 2 4444 5566") == "***66"
    assert mask_phone("") == ""


def test_changelist_masks_other_institutes_participants(looker, world):
    body = looker.get(reverse("admin:participants_participant_changelist")).content.decode()
    assert "Lee Beta" in body
    assert "l***@example.org" in body and "***66" in body
    assert "lee.beta@example.org" not in body and "4444" not in body
    assert "kim.alpha@example.org" in body and "+82 2 1111 2233" in body


def test_change_form_of_another_institutes_participant_is_read_only_and_masked(looker, world):
    url = reverse("admin:participants_participant_change", args=[world.participant_b.pk])
    response = looker.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "l***@example.org" in body and "***66" in body
    assert "lee.beta@example.org" not in body and "4444" not in body
    assert 'name="email"' not in body
    assert looker.post(url, {"name": "Changed", "email": "x@example.org"}).status_code == 403
    world.participant_b.refresh_from_db()
    assert world.participant_b.name == "Lee Beta"


def test_history_of_another_institutes_participant_is_refused(looker, world):
    url = reverse("admin:participants_participant_history", args=[world.participant_b.pk])
    assert looker.get(url).status_code == 403


def test_search_by_email_does_not_reveal_masked_participants(looker, world):
    body = looker.get(reverse("admin:participants_participant_changelist"), {"q": "lee.beta@"}).content.decode()
    assert "Lee Beta" not in body


def test_export_masks_other_institutes_participants(looker, world):
    response = looker.post(reverse("admin:participants_participant_export"), export_form(ParticipantResource))
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))}
    assert rows["Lee Beta"]["email"] == "l***@example.org"
    assert rows["Lee Beta"]["phone"] == "***66"
    assert rows["Lee Beta"]["program"] == ""  # B's enrollment is not A's to see
    assert rows["Kim Alpha"]["email"] == "kim.alpha@example.org"


def test_own_and_editor_views_show_personal_data(client, world):
    client.force_login(world.staff_b)
    body = client.get(reverse("admin:participants_participant_change", args=[world.participant_b.pk])).content.decode()
    assert 'value="lee.beta@example.org"' in body
    client.force_login(world.editor)
    body = client.get(reverse("admin:participants_participant_changelist")).content.decode()
    assert "lee.beta@example.org" in body and "kim.alpha@example.org" in body


def test_participant_created_by_staff_stays_visible_to_their_institute_only(client, world):
    client.force_login(world.staff_a)
    response = client.post(
        reverse("admin:participants_participant_add"),
        {
            "name": "New Person",
            "email": "new.person@example.org",
            "registered_by": world.institute_a.pk,
            "enrollments-TOTAL_FORMS": 0,
            "enrollments-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    assert "New Person" in client.get(reverse("admin:participants_participant_changelist")).content.decode()
    client.force_login(world.staff_b)
    assert "New Person" not in client.get(reverse("admin:participants_participant_changelist")).content.decode()


def test_staff_cannot_register_a_participant_for_another_institute(client, world):
    client.force_login(world.staff_a)
    response = client.post(
        reverse("admin:participants_participant_add"),
        {
            "name": "Planted",
            "email": "planted@example.org",
            "registered_by": world.institute_b.pk,
            "enrollments-TOTAL_FORMS": 0,
            "enrollments-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
