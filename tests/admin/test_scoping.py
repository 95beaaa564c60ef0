"""Staff of institute A cannot reach institute B's records through any admin view; an editor can;
an anonymous visitor is sent to the login page."""

import csv
import io
import re

import pytest
from django.urls import reverse

from cities.resources import CityResource
from participants.models import Enrollment, Participant
from participants.resources import ParticipantResource
from programs.models import DataQualityFlag, Program
from programs.resources import ProgramResource

# (admin URL name prefix, attribute of the `world` fixture holding B's record, model)
B_RECORDS = [
    ("programs_program", "program_b", Program),
    ("participants_participant", "participant_b", Participant),
    ("participants_enrollment", "enrollment_b", Enrollment),
    ("programs_dataqualityflag", "flag_b", DataQualityFlag),
]


def snapshot(obj):
    obj.refresh_from_db()
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


@pytest.mark.parametrize(("prefix", "attr", "model"), B_RECORDS)
def test_staff_of_a_cannot_open_change_delete_or_see_history_of_b_records(as_staff_a, world, prefix, attr, model):
    record = getattr(world, attr)
    before = snapshot(record)
    history_id = record.history.latest().history_id

    assert as_staff_a.get(reverse(f"admin:{prefix}_change", args=[record.pk])).status_code == 404
    assert as_staff_a.post(reverse(f"admin:{prefix}_change", args=[record.pk]), {"name": "Hacked"}).status_code == 404
    assert as_staff_a.get(reverse(f"admin:{prefix}_delete", args=[record.pk])).status_code == 404
    assert as_staff_a.post(reverse(f"admin:{prefix}_delete", args=[record.pk]), {"post": "yes"}).status_code == 404
    assert as_staff_a.get(reverse(f"admin:{prefix}_history", args=[record.pk])).status_code == 404
    restore = reverse(f"admin:{prefix}_simple_history", args=[record.pk, history_id])
    assert as_staff_a.get(restore).status_code == 404
    assert as_staff_a.post(restore, {"name": "Hacked"}).status_code == 404

    assert model.objects.filter(pk=record.pk).exists()
    assert snapshot(record) == before


@pytest.mark.parametrize(("prefix", "attr", "model"), B_RECORDS)
def test_staff_of_a_cannot_bulk_delete_b_records(as_staff_a, world, prefix, attr, model):
    record = getattr(world, attr)
    response = as_staff_a.post(
        reverse(f"admin:{prefix}_changelist"),
        {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert model.objects.filter(pk=record.pk).exists()


def test_changelists_list_only_own_institute_records(as_staff_a, world):
    pages = {
        "admin:programs_program_changelist": ("Alpha water course", "Beta transport course"),
        "admin:participants_participant_changelist": ("Kim Alpha", "Lee Beta"),
        "admin:participants_enrollment_changelist": ("Kim Alpha", "Lee Beta"),
        "admin:programs_dataqualityflag_changelist": ("Alpha water course", "Beta transport course"),
    }
    for url_name, (own, other) in pages.items():
        body = as_staff_a.get(reverse(url_name)).content.decode()
        assert own in body, url_name
        assert other not in body, url_name


def test_host_filter_offers_only_own_institutes(as_staff_a, world):
    from tests.factories import InstituteFactory

    world.staff_a.institutes.add(InstituteFactory(name="Gamma Institute", city=world.seoul))
    body = as_staff_a.get(reverse("admin:programs_program_changelist")).content.decode()
    assert f"host__id__exact={world.institute_a.pk}" in body
    assert f"host__id__exact={world.institute_b.pk}" not in body


def test_adding_a_program_hosted_by_another_institute_is_rejected(as_staff_a, world):
    response = as_staff_a.post(
        reverse("admin:programs_program_add"),
        {
            "title_en": "Smuggled program",
            "slug": "2020-smuggled",
            "year": 2020,
            "host": world.institute_b.pk,
            "mode": "onsite",
            "format": "short_course",
            "target_country_links-TOTAL_FORMS": 0,
            "target_country_links-INITIAL_FORMS": 0,
            "enrollments-TOTAL_FORMS": 0,
            "enrollments-INITIAL_FORMS": 0,
            "quality_flags-TOTAL_FORMS": 0,
            "quality_flags-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Program.objects.filter(slug="2020-smuggled").exists()


def test_staff_can_add_a_program_for_their_own_institute(as_staff_a, world):
    response = as_staff_a.post(
        reverse("admin:programs_program_add"),
        {
            "title_en": "Own program",
            "slug": "2020-own",
            "year": 2020,
            "host": world.institute_a.pk,
            "mode": "onsite",
            "format": "short_course",
            "status": "confirmed",
            "target_country_links-TOTAL_FORMS": 0,
            "target_country_links-INITIAL_FORMS": 0,
            "enrollments-TOTAL_FORMS": 0,
            "enrollments-INITIAL_FORMS": 0,
            "quality_flags-TOTAL_FORMS": 0,
            "quality_flags-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    program = Program.objects.get(slug="2020-own")
    assert program.host == world.institute_a
    assert program.history.latest().history_user == world.staff_a


def test_enrolling_someone_in_another_institutes_program_is_rejected(as_staff_a, world):
    response = as_staff_a.post(
        reverse("admin:participants_enrollment_add"),
        {
            "participant": world.participant_a.pk,
            "program": world.program_b.pk,
            "role": "participant",
            "completion": "enrolled",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Enrollment.objects.filter(participant=world.participant_a, program=world.program_b).exists()


@pytest.mark.parametrize(
    ("model_name", "field_name", "term", "own", "other"),
    [
        ("enrollment", "program", "course", "Alpha water course", "Beta transport course"),
        ("enrollment", "participant", "", "Kim Alpha", "Lee Beta"),
        ("dataqualityflag", "program", "course", "Alpha water course", "Beta transport course"),
        ("program", "host", "Institute", "Alpha Institute", "Beta Institute"),
    ],
)
def test_autocomplete_offers_only_own_institute_records(as_staff_a, world, model_name, field_name, term, own, other):
    app_label = "programs" if model_name in ("program", "dataqualityflag") else "participants"
    response = as_staff_a.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    texts = [result["text"] for result in response.json()["results"]]
    assert any(own in text for text in texts), texts
    assert not any(other in text for text in texts), texts


def export_form(resource_class, **extra):
    """The admin export form's data: CSV, the first resource, every field ticked."""
    data = {"format": "0", "resource": "0", **extra}
    for field in resource_class().get_export_order():
        data[f"{resource_class.__name__.lower()}_{field}"] = "on"
    return data


RESOURCES = {
    "admin:programs_program_export": ProgramResource,
    "admin:participants_participant_export": ParticipantResource,
    "admin:cities_city_export": CityResource,
}


def export_rows(client, url_name):
    response = client.post(reverse(url_name), export_form(RESOURCES[url_name]))
    assert response.status_code == 200, response.content.decode()[:500]
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_exports_hold_only_own_institute_records(as_staff_a, world):
    programs = export_rows(as_staff_a, "admin:programs_program_export")
    assert [row["slug"] for row in programs] == [world.program_a.slug]
    participants = export_rows(as_staff_a, "admin:participants_participant_export")
    assert [row["email"] for row in participants] == ["kim.alpha@example.org"]
    assert "lee.beta" not in str(participants)


def test_export_action_on_b_records_exports_nothing_of_b(as_staff_a, world):
    response = as_staff_a.post(
        reverse("admin:programs_program_export"), export_form(ProgramResource, export_items=[world.program_b.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "is not one of the available choices" in response.content.decode()
    assert "beta" not in response.content.decode().lower()


def test_participant_shared_by_two_institutes_shows_only_own_enrollments(as_staff_a, world):
    EnrollmentShared = Enrollment.objects.create(participant=world.participant_a, program=world.program_b)
    body = as_staff_a.get(
        reverse("admin:participants_participant_change", args=[world.participant_a.pk])
    ).content.decode()
    assert "Alpha water course" in body
    assert "Beta transport course" not in body
    rows = export_rows(as_staff_a, "admin:participants_participant_export")
    assert [row["program"] for row in rows] == [world.program_a.slug]
    assert Enrollment.objects.filter(pk=EnrollmentShared.pk).exists()


def test_editor_reaches_every_institute(as_editor, world):
    for prefix, attr, _model in B_RECORDS:
        record = getattr(world, attr)
        assert as_editor.get(reverse(f"admin:{prefix}_change", args=[record.pk])).status_code == 200
        assert as_editor.get(reverse(f"admin:{prefix}_history", args=[record.pk])).status_code == 200
    slugs = {row["slug"] for row in export_rows(as_editor, "admin:programs_program_export")}
    assert slugs == {world.program_a.slug, world.program_b.slug}


def test_editor_can_restore_an_earlier_version(as_editor, world):
    program = world.program_b
    original = program.history.latest()
    program.title = "Renamed by mistake"
    program.save()
    url = reverse("admin:programs_program_simple_history", args=[program.pk, original.history_id])
    page = as_editor.get(url)
    assert page.status_code == 200
    assert "Beta transport course" in page.content.decode()
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "themes": [t.pk for t in program.themes.all()],
            "target_cities": [world.seoul.pk],
            "networks": [world.network.pk],
            "title_en": "Beta transport course",
        }
    )
    data = {key: value for key, value in data.items() if not isinstance(value, list) or value}
    data.update(
        {
            "target_country_links-TOTAL_FORMS": 0,
            "target_country_links-INITIAL_FORMS": 0,
            "enrollments-TOTAL_FORMS": 0,
            "enrollments-INITIAL_FORMS": 0,
            "quality_flags-TOTAL_FORMS": 0,
            "quality_flags-INITIAL_FORMS": 0,
        }
    )
    response = as_editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    program.refresh_from_db()
    assert program.title == "Beta transport course"


def test_history_shows_who_changed_what(as_editor, world):
    program = world.program_b
    program.headcount = 9
    program._history_user = world.editor
    program.save()
    body = as_editor.get(reverse("admin:programs_program_history", args=[program.pk])).content.decode()
    changes = body[body.index('id="change-history"') :]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", changes)).replace("&nbsp;", " ").replace("&nbsp", " ")
    assert re.search(r"Changed editor None Headcount: 8 +&rarr; +9", text), text[:500]


def test_staff_cannot_restore_own_record_without_change_permission(client, world, roles):
    viewer = world.staff_a
    viewer.groups.clear()
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_program"))
    client.force_login(viewer)
    version = world.program_a.history.latest()
    url = reverse("admin:programs_program_simple_history", args=[world.program_a.pk, version.history_id])
    assert client.get(url).status_code == 200
    assert client.post(url, {"title_en": "Changed by a viewer"}).status_code == 403
    world.program_a.refresh_from_db()
    assert world.program_a.title == "Alpha water course"


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:index",
        "admin:programs_program_changelist",
        "admin:participants_participant_changelist",
        "admin:programs_program_export",
        "admin:participants_participant_import",
    ],
)
def test_anonymous_visitors_are_sent_to_login(client, db, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_user_in_no_institute_and_no_editor_sees_no_programs(client, world, roles):
    from tests.factories import StaffUserFactory

    orphan = StaffUserFactory(username="orphan", groups=[roles.staff])
    client.force_login(orphan)
    body = client.get(reverse("admin:programs_program_changelist")).content.decode()
    assert "Alpha water course" not in body and "Beta transport course" not in body
    assert "0 programs" in body


def test_staff_cannot_delete_a_participant_shared_with_another_institute(as_staff_a, world):
    Enrollment.objects.create(participant=world.participant_a, program=world.program_b)
    url = reverse("admin:participants_participant_delete", args=[world.participant_a.pk])
    page = as_staff_a.get(url)
    assert page.status_code == 200
    assert "your account doesn't have permission to delete the following types of objects" in page.content.decode()
    as_staff_a.post(url, {"post": "yes"})
    as_staff_a.post(
        reverse("admin:participants_participant_changelist"),
        {"action": "delete_selected", "_selected_action": [world.participant_a.pk], "post": "yes"},
    )
    assert Participant.objects.filter(pk=world.participant_a.pk).exists()
    assert Enrollment.objects.filter(participant=world.participant_a, program=world.program_b).exists()


def test_staff_can_delete_their_own_participant(as_staff_a, world):
    url = reverse("admin:participants_participant_delete", args=[world.participant_a.pk])
    assert as_staff_a.post(url, {"post": "yes"}).status_code == 302
    assert not Participant.objects.filter(pk=world.participant_a.pk).exists()


def test_history_of_a_deleted_record_of_another_institute_stays_closed(as_staff_a, world):
    program_pk = world.program_b.pk
    Enrollment.objects.filter(program=world.program_b).delete()
    world.program_b.quality_flags.all().delete()
    world.program_b.delete()
    response = as_staff_a.get(reverse("admin:programs_program_history", args=[program_pk]))
    assert response.status_code == 403
    assert "Beta transport course" not in response.content.decode()
