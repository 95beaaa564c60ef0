"""Data-quality review, PROTECT on shared reference records, roles, login lockout, comfort, languages."""

import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Permission
from django.urls import reverse

from cities.models import City, Network
from exchange_portal.models import ChangeProposal
from exchange_portal.permissions import EDIT_ALL, setup_roles
from programs.models import DataQualityFlag, Institute, Theme
from tests.factories import CityFactory, NetworkFactory, StaffUserFactory, ThemeFactory

# Data-quality review


def test_flags_list_filters_by_status_and_problem_and_is_scoped(as_staff_a, world):
    url = reverse("admin:programs_dataqualityflag_changelist")
    body = as_staff_a.get(url, {"status__exact": "open", "code__exact": "title_typo"}).content.decode()
    assert "Alpha water course" in body
    assert "Beta transport course" not in body
    assert "Alpha water course" not in as_staff_a.get(url, {"status__exact": "resolved"}).content.decode()


def test_resolving_a_flag_records_who_when_and_why(as_staff_a, world):
    url = reverse("admin:programs_dataqualityflag_change", args=[world.flag_a.pk])
    data = {
        "program": world.program_a.pk,
        "code": "title_typo",
        "field": world.flag_a.field,
        "message": world.flag_a.message,
        "source_value": "",
        "status": "resolved",
    }
    missing_reason = as_staff_a.post(url, {**data, "resolution": ""})
    assert missing_reason.status_code == 200
    assert "Say how the flag was resolved." in missing_reason.content.decode()
    world.flag_a.refresh_from_db()
    assert world.flag_a.status == "open"

    assert as_staff_a.post(url, {**data, "resolution": "Checked against the printed brochure."}).status_code == 302
    world.flag_a.refresh_from_db()
    assert world.flag_a.status == "resolved"
    assert world.flag_a.resolved_by == world.staff_a
    assert world.flag_a.resolved_at is not None
    assert world.flag_a.resolution == "Checked against the printed brochure."
    assert world.flag_a.history.latest().history_user == world.staff_a


def test_bulk_resolve_asks_why_and_leaves_other_institutes_flags_alone(as_staff_a, world):
    url = reverse("admin:programs_dataqualityflag_changelist")
    selection = {"action": "mark_resolved", "_selected_action": [world.flag_a.pk, world.flag_b.pk]}
    page = as_staff_a.post(url, selection)
    assert page.status_code == 200
    assert "Resolution" in page.content.decode()
    assert DataQualityFlag.objects.open().count() == 2

    done = as_staff_a.post(url, {**selection, "apply": "1", "resolution": "Typo fixed in the title."})
    assert done.status_code == 302
    world.flag_a.refresh_from_db()
    world.flag_b.refresh_from_db()
    assert (world.flag_a.status, world.flag_a.resolved_by, world.flag_a.resolution) == (
        "resolved",
        world.staff_a,
        "Typo fixed in the title.",
    )
    assert world.flag_b.status == "open" and world.flag_b.resolved_by is None


# PROTECT: shared records still used by programs


@pytest.mark.parametrize(
    ("prefix", "attr", "model"),
    [("programs_theme", "theme", Theme), ("cities_city", "seoul", City), ("cities_network", "network", Network)],
)
def test_deleting_a_reference_record_used_by_programs_is_refused(as_editor, world, prefix, attr, model):
    record = getattr(world, attr)
    url = reverse(f"admin:{prefix}_delete", args=[record.pk])
    page = as_editor.get(url)
    assert page.status_code == 200
    assert "would require deleting the following protected related objects" in page.content.decode()
    as_editor.post(url, {"post": "yes"})
    as_editor.post(
        reverse(f"admin:{prefix}_changelist"),
        {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
    )
    assert model.objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize(
    ("prefix", "factory"),
    [("programs_theme", ThemeFactory), ("cities_city", CityFactory), ("cities_network", NetworkFactory)],
)
def test_an_unused_reference_record_can_be_deleted(as_editor, world, prefix, factory):
    record = factory(name="Unused one")
    response = as_editor.post(reverse(f"admin:{prefix}_delete", args=[record.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not type(record).objects.filter(pk=record.pk).exists()


def test_deleting_an_institute_that_hosts_programs_is_refused(as_editor, world):
    url = reverse("admin:programs_institute_delete", args=[world.institute_b.pk])
    assert "protected related objects" in as_editor.get(url).content.decode()
    as_editor.post(url, {"post": "yes"})
    assert Institute.objects.filter(pk=world.institute_b.pk).exists()


# Roles


def test_setup_roles_is_repeatable_and_gives_the_documented_permissions(world):
    setup_roles()
    staff, editor = world.staff_a, world.editor
    assert staff.has_perm("programs.change_program") and staff.has_perm("participants.delete_enrollment")
    assert staff.has_perm("cities.view_city") and not staff.has_perm("cities.change_city")
    assert not staff.has_perm(EDIT_ALL) and not staff.has_perm("cities.propose_city")
    assert editor.has_perm(EDIT_ALL) and editor.has_perm("cities.delete_city")


def test_staff_read_reference_data_and_propose_only_with_the_permission(client, world):
    client.force_login(world.staff_a)
    assert client.get(reverse("admin:cities_city_change", args=[world.seoul.pk])).status_code == 200
    assert client.post(reverse("admin:cities_city_change", args=[world.seoul.pk]), {"name_en": "X"}).status_code == 403
    assert client.get(reverse("admin:cities_city_add")).status_code == 403

    world.staff_a.user_permissions.add(Permission.objects.get(codename="propose_city"))
    client.force_login(world.staff_a)  # fresh user object, fresh permission cache
    assert client.get(reverse("admin:cities_city_add")).status_code == 200
    response = client.post(
        reverse("admin:cities_city_add"),
        {
            "name_en": "Ulaanbaatar",
            "slug": "ulaanbaatar",
            "kind": "city",
            "country": "MN",
            "proposal-reason": "Host city of the 2019 workshop.",
        },
    )
    assert response.status_code == 302
    # The add page of a proposer sends a proposal for editors to review (tests/admin/test_proposals.py).
    assert not City.objects.filter(slug="ulaanbaatar").exists()
    assert ChangeProposal.objects.get().values["slug"] == "ulaanbaatar"


def test_institute_page_hides_staff_accounts_from_other_staff(as_staff_a, world):
    body = as_staff_a.get(reverse("admin:programs_institute_change", args=[world.institute_b.pk])).content.decode()
    assert "staff-b" not in body


# Login protection (django-axes)


def test_repeated_failed_logins_lock_the_account_out_and_are_logged(client, world, settings, caplog):
    url = reverse("admin:login")
    caplog.set_level(logging.WARNING)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(url, {"username": "staff-a", "password": "wrong"}, REMOTE_ADDR="203.0.113.9")
        assert response.status_code in (200, 429)
    locked = client.post(url, {"username": "staff-a", "password": "pw-for-tests-1"}, REMOTE_ADDR="203.0.113.9")
    assert locked.status_code == 429
    assert AccessAttempt.objects.get(username="staff-a").failures_since_start >= settings.AXES_FAILURE_LIMIT
    assert any("Locking out" in record.getMessage() for record in caplog.records)
    assert "_auth_user_id" not in client.session


def test_a_correct_password_before_the_limit_logs_in(client, world):
    url = reverse("admin:login")
    client.post(url, {"username": "staff-a", "password": "wrong"}, REMOTE_ADDR="203.0.113.10")
    response = client.post(url, {"username": "staff-a", "password": "pw-for-tests-1"}, REMOTE_ADDR="203.0.113.10")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.staff_a.pk)


# Comfort


def test_program_page_shows_enrolled_participants_beside_the_reported_headcount(as_staff_a, world):
    body = as_staff_a.get(reverse("admin:programs_program_change", args=[world.program_a.pk])).content.decode()
    assert "1 enrolled of 12 reported" in body
    assert "Kim Alpha" in body


def test_program_changelist_filters_and_search(as_staff_a, world):
    from tests.factories import ProgramFactory, ThemeFactory

    ProgramFactory(
        title="Alpha online course",
        year=2021,
        mode="online",
        host=world.institute_a,
        themes=[ThemeFactory(name="Climate")],
    )
    url = reverse("admin:programs_program_changelist")
    body = as_staff_a.get(url).content.decode()
    for parameter in ("year=", "themes__id__exact=", "mode__exact=", "flag=open"):
        assert parameter in body, parameter
    assert "Alpha water course" in as_staff_a.get(url, {"q": "Kim Alpha"}).content.decode()
    assert "Alpha water course" not in as_staff_a.get(url, {"q": "Nobody"}).content.decode()


def test_staff_creating_a_program_gets_their_institute_preselected(as_staff_a, world):
    response = as_staff_a.get(reverse("admin:programs_program_add"))
    assert response.context["adminform"].form.initial["host"] == world.institute_a.pk


@pytest.mark.parametrize(
    ("header", "cookie", "text"),
    [("ko", None, "로그인"), ("zh-hant", None, "登入"), (None, "ko", "로그인"), ("en", None, "Log in")],
)
def test_admin_speaks_the_users_language(client, db, header, cookie, text):
    if cookie:
        client.cookies["django_language"] = cookie
    extra = {"HTTP_ACCEPT_LANGUAGE": header} if header else {}
    body = client.get(reverse("admin:login"), **extra).content.decode()
    assert text in body


def test_institute_staff_cannot_import_reference_data(client, world, roles):
    orphan = StaffUserFactory(username="orphan2", groups=[roles.staff])
    client.force_login(orphan)
    assert client.get(reverse("admin:cities_city_import")).status_code == 403
