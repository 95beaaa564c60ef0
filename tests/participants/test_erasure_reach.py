"""Erasure reaches what the site keeps outside the participant's tables: the file of an import preview
nobody confirmed (it would otherwise bring the person back when confirmed later), django-axes' records of
a sign-in that used the person's email as the user name, and cache entries (local memory and a real
Redis). The person's copy lists every holder and what the stores hold about them."""

import datetime
import os

import pytest
import tablib
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from exchange_portal.models import ImportPreview
from exchange_portal.personal_data import holders
from participants.models import Participant
from participants.services.privacy import participant_erase, participant_export
from tests.production.test_redis import REDIS_SERVER

from .test_erasure import (
    EMAIL,
    FIRST_NAME,
    FIRST_PHONE,
    SECRETS,
    csv_upload,
    make_person,
    occurrences,
    preview_import,
)

pytestmark = pytest.mark.usefixtures("first_notice")


@pytest.fixture
def person(client, scene):
    return make_person(client, scene)


def stored_preview(name):
    """The preview's file as the admin's import storage reads it back, or "" once it is gone."""
    storage = admin.site._registry[Participant].get_tmp_storage_class()(name=name, read_mode="r", encoding="utf-8")
    try:
        return storage.read() or ""
    except Exception:  # gone: a missing temp file, an expired or erased preview
        return ""


def test_an_unconfirmed_import_preview_is_erased_with_the_person(client, scene, person):
    client.force_login(scene.staff_a)
    row = [EMAIL, FIRST_NAME, "Director", "Quillington Water Office", "", "KR", FIRST_PHONE, "", ""]
    confirm = preview_import(client, csv_upload(row)).context["confirm_form"].initial
    assert EMAIL in stored_preview(confirm["import_file_name"])

    participant_erase(participant=person, user=scene.staff_a)

    assert EMAIL not in stored_preview(confirm["import_file_name"])
    # Confirming the stale preview afterwards does not bring the person back.
    response = client.post(reverse("admin:participants_participant_process_import"), confirm, follow=True)
    assert not Participant.objects.filter(email=EMAIL).exists()
    assert "upload the file again" in response.content.decode()


def test_sign_in_records_under_the_persons_email_are_erased(scene, person):
    Client().post(reverse("admin:login"), {"username": EMAIL.upper(), "password": "not-theirs"})
    assert AccessAttempt.objects.filter(username__iexact=EMAIL).exists()

    participant_erase(participant=person, user=scene.staff_a)

    left = [
        m._meta.db_table
        for m in (AccessAttempt, AccessFailureLog, AccessLog)
        if m.objects.filter(username__iexact=EMAIL).exists()
    ]
    assert left == []
    assert occurrences(SECRETS) == []


def test_confirming_an_expired_preview_asks_to_upload_again(client, scene, settings):
    client.force_login(scene.staff_a)
    row = ["new.person@example.org", "New Person", "", "", "", "KR", "", "", ""]
    confirm = preview_import(client, csv_upload(row)).context["confirm_form"].initial
    ImportPreview.objects.update(
        created_at=timezone.now() - datetime.timedelta(seconds=settings.IMPORT_PREVIEW_SECONDS + 1)
    )
    response = client.post(reverse("admin:participants_participant_process_import"), confirm, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:participants_participant_import")
    assert "This import preview has expired; upload the file again." in response.content.decode()
    assert not Participant.objects.filter(email="new.person@example.org").exists()


def test_an_xlsx_preview_naming_the_person_is_erased_and_others_stay(client, scene, person):
    client.force_login(scene.staff_a)
    header = ["email", "name", "position", "organisation", "home_city", "country", "phone", "program", "role"]
    naming = tablib.Dataset([EMAIL, FIRST_NAME, "", "", "", "KR", "", "", ""], headers=header).export("xlsx")
    other = tablib.Dataset(["other@example.org", "Other Person", "", "", "", "KR", "", "", ""], headers=header)
    preview_import(client, naming, name="people.xlsx", file_format="1")
    kept = preview_import(client, other.export("xlsx"), name="others.xlsx", file_format="1")
    assert ImportPreview.objects.count() == 3  # with the fixture's CSV preview

    report = participant_erase(participant=person, user=scene.staff_a)

    assert report.holders["import-previews"] == 2
    assert list(ImportPreview.objects.values_list("name", flat=True)) == [
        kept.context["confirm_form"].initial["import_file_name"]
    ]


def test_the_copy_lists_every_holder_and_what_the_stores_hold(scene, person):
    copy = participant_export(participant=person, user=scene.staff_a)
    assert [entry["identifier"] for entry in copy["holders"]] == [holder.identifier for holder in holders()]
    assert {entry["username"] for entry in copy["sign_in_records"]} == {EMAIL}
    assert len(copy["import_previews"]) == 1 and len(copy["sessions"]) == 1
    assert [entry["key"].endswith("note-about-them") for entry in copy["cache"]] == [True]
    assert copy["participant"]["email"] == EMAIL and len(copy["change_history"]) == 3
    assert {entry["table"] for entry in copy["history_change_reasons"]} == {"programs_historicalprogram"}
    assert [entry["reason"] for entry in copy["change_proposals"]] == [f"Asked by {FIRST_NAME}, {FIRST_PHONE}"]
    assert copy["admin_log_text"] and all(entry["action_time"] for entry in copy["admin_log_text"])


@pytest.mark.skipif(not os.path.exists(REDIS_SERVER), reason="redis-server is not installed")
def test_a_cache_entry_in_redis_naming_the_person_is_erased(scene, person, settings, redis_server):
    shared = {"BACKEND": "exchange_portal.redis_cache.GuardedRedisCache", "LOCATION": redis_server.url}
    settings.CACHES = {**settings.CACHES, "shared": shared}
    caches["shared"].set("about-them", {"note": f"call {FIRST_NAME}"})
    caches["shared"].set("about-someone-else", "call Lee Beta")
    caches["shared"].set("page:public", f"<p>A talk by {FIRST_NAME}</p>")  # public text, not read

    participant_erase(participant=person, user=scene.staff_a)

    assert caches["shared"].get("about-them") is None
    assert caches["shared"].get("about-someone-else") == "call Lee Beta"
    assert caches["shared"].get("page:public") == f"<p>A talk by {FIRST_NAME}</p>"


def test_an_entry_of_the_shared_database_cache_naming_the_person_is_erased(scene, person):
    """Without Redis the "shared" cache is a table of its own (no model's): its holder reads it too."""
    caches["shared"].set("about-them", {"note": f"call {FIRST_NAME}"})
    caches["shared"].set("about-someone-else", "call Lee Beta")
    assert [entry["cache"] for entry in participant_export(participant=person, user=scene.staff_a)["cache"]].count(
        "shared"
    ) == 1

    participant_erase(participant=person, user=scene.staff_a)

    assert caches["shared"].get("about-them") is None
    assert caches["shared"].get("about-someone-else") == "call Lee Beta"
