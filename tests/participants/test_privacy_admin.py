"""The admin shows and filters participants by legal basis, notice and retention; consent notices and
the erasure log have pages of their own; a notice someone was shown can no longer be edited."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import ConsentNotice, Participant
from participants.services.privacy import participant_erase

pytestmark = pytest.mark.usefixtures("first_notice")

CHANGELIST = reverse("admin:participants_participant_changelist")
TODAY = timezone.localdate()


def names(response):
    return {row.name for row in response.context["cl"].result_list}


@pytest.fixture
def dated(scene):
    Participant.objects.filter(pk=scene.participant_a.pk).update(
        retain_until=TODAY - datetime.timedelta(days=1), legal_basis="consent"
    )
    Participant.objects.filter(pk=scene.participant_b.pk).update(
        retain_until=TODAY + datetime.timedelta(days=30), legal_basis="public_task"
    )
    return scene


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("retention=due", {"Kim Alpha"}),
        ("retention=soon", {"Lee Beta"}),
        ("retention=unset", set()),
        ("legal_basis__exact=public_task", {"Lee Beta"}),
        ("", {"Kim Alpha", "Lee Beta"}),
    ],
)
def test_participants_filter_by_retention_and_basis(client, dated, query, expected):
    client.force_login(dated.editor)
    response = client.get(f"{CHANGELIST}?{query}")
    assert response.status_code == 200
    assert names(response) == expected


def test_the_list_shows_basis_and_retention(client, dated):
    client.force_login(dated.editor)
    body = client.get(CHANGELIST).content.decode()
    assert "public task" in body and "Keep until" in body


def test_erased_filter_lists_the_erased(client, dated):
    participant_erase(participant=dated.participant_a, user=dated.editor)
    client.force_login(dated.editor)
    response = client.get(f"{CHANGELIST}?retention=erased")
    assert names(response) == {"[erased]"}


def test_notice_and_erasure_pages_open_for_an_editor(client, dated):
    participant_erase(participant=dated.participant_a, user=dated.editor)
    client.force_login(dated.editor)
    for name in ("consentnotice", "erasure"):
        assert client.get(reverse(f"admin:participants_{name}_changelist")).status_code == 200
    page = client.get(reverse("admin:participants_erasure_changelist")).content.decode()
    assert "Kim Alpha" not in page and "kim.alpha" not in page
    # The erasure log is written by the service only.
    assert client.get(reverse("admin:participants_erasure_add")).status_code == 403


def test_a_notice_someone_was_shown_is_read_only(client, scene):
    notice = ConsentNotice.objects.current()
    client.force_login(scene.editor)
    url = reverse("admin:participants_consentnotice_change", args=[notice.pk])
    assert 'name="text_en"' in client.get(url).content.decode()
    Participant.objects.filter(pk=scene.participant_a.pk).update(consent_notice=notice)
    assert 'name="text_en"' not in client.get(url).content.decode()


def test_staff_see_no_erasure_log(client, scene):
    client.force_login(scene.staff_a)
    assert client.get(reverse("admin:participants_erasure_changelist")).status_code == 403
