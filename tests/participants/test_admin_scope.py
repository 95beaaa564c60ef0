"""Institute A's staff, with and without the look-up permission, learn nothing about institute B's
participant through any admin path beyond what their role grants: the name (and other plain fields)
when B's participant is enrolled in one of A's programs or the user holds the look-up permission,
email and phone only masked, never the history, never a change."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from participants.admin import ParticipantAdmin
from participants.models import Enrollment, Participant
from participants.resources import ParticipantResource
from participants.services.enrollment import participant_enroll
from tests.factories import ParticipantFactory

from .conftest import B_MASKED, ROLES, add_participant, assert_no_b_secret

CHANGELIST = "admin:participants_participant_changelist"
# What staff entering an email their own institute already registered are told (another institute's
# email is simply a new person of theirs: tests/participants/test_enroll_scope.py).
DUPLICATE_EMAIL = "The registering institute already has a participant with this email."
EXPORT = "admin:participants_participant_export"


def snapshot(participant):
    participant.refresh_from_db()
    return (participant.name, participant.email, participant.phone, participant.registered_by_id)


def export_form(**extra):
    data = {"format": "0", "resource": "0", **extra}
    for field in ParticipantResource().get_export_order():
        data[f"participantresource_{field}"] = "on"
    return data


def export_rows(response):
    assert response.status_code == 200, response.content.decode()[:500]
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def assert_masked_b(body):
    for masked in B_MASKED:
        assert masked in body, masked
    assert_no_b_secret(body)


# The scope rule itself


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("enrolled", [False, True])
def test_the_rule_owner_is_who_registered_never_who_enrolled(scene, role, enrolled):
    if enrolled:
        Enrollment.objects.create(participant=scene.participant_b, program=scene.program_a)
    user = getattr(scene, role)
    a, b = scene.participant_a, scene.participant_b
    viewable = {a, b} if role == "looker_a" or enrolled else {a}
    assert set(Participant.objects.for_user(user, "view")) == viewable
    assert set(Participant.objects.for_user(user, "change")) == {a}
    assert set(Participant.objects.for_user(user, "delete")) == {a}
    assert set(Participant.objects.owned_by(user)) == {a}
    assert set(Participant.objects.owned_by(scene.staff_b)) == {b}
    assert set(Participant.objects.owned_by(scene.editor)) == {a, b}
    assert set(Enrollment.objects.for_user(user).values_list("program__host", flat=True)) == {scene.institute_a.pk}


# Changelist, search, lookups, ordering


def test_changelist(as_a, scene):
    body = as_a.get(reverse(CHANGELIST)).content.decode()
    assert "kim.alpha@example.org" in body and "+82 2 1111 2233" in body
    assert ("Lee Beta" in body) is as_a.sees_b
    if as_a.sees_b:
        assert_masked_b(body)
    assert_no_b_secret(body)


@pytest.mark.parametrize("term", ["lee.beta", "beta@example", "lee.beta@example.org"])
def test_search_never_matches_a_masked_email(as_a, scene, term):
    response = as_a.get(reverse(CHANGELIST), {"q": term})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0
    assert "Lee Beta" not in response.content.decode()


def test_search_still_finds_own_participants_by_email(as_a, scene):
    response = as_a.get(reverse(CHANGELIST), {"q": "kim.alpha@"})
    assert [p.name for p in response.context["cl"].result_list] == ["Kim Alpha"]


@pytest.mark.parametrize(
    "probe",
    [
        {"email__regex": "^l"},
        {"email__startswith": "lee"},
        {"email__icontains": "beta@"},
        {"email": "lee.beta@example.org"},
        {"phone__contains": "5"},
        {"phone__endswith": "5566"},
        {"enrollments__participant__email__regex": "^l"},
    ],
    ids=lambda probe: next(iter(probe)),
)
def test_lookups_on_masked_fields_are_refused(as_a, scene, probe):
    """Hole 1: ?id=N&email__regex=^a read a masked email one character at a time."""
    response = as_a.get(reverse(CHANGELIST), {"id": scene.participant_b.pk, **probe})
    assert response.status_code == 400
    assert "Lee Beta" not in response.content.decode()


def read_back(client, pk, field, length=4, alphabet="abcdefghijklmnopqrstuvwxyz0123456789.@+ "):
    """What someone learns of a field by asking the changelist ``?id=N&<field>__regex=^<guess>`` a
    character at a time, as a list of characters found."""
    known = ""
    for _position in range(length):
        for char in alphabet:
            response = client.get(reverse(CHANGELIST), {"id": pk, f"{field}__regex": "^" + re.escape(known + char)})
            if response.status_code == 200 and response.context["cl"].result_count:
                known += char
                break
        else:
            break
    return known


def test_a_masked_email_cannot_be_read_back_one_character_at_a_time(as_a, scene):
    """Hole 1, as an attacker would use it: at dbc33c0 a look-up holder read back "lee." this way."""
    assert read_back(as_a, scene.participant_b.pk, "email") == ""


@pytest.mark.parametrize(
    ("url_name", "lookup"),
    [
        ("admin:participants_enrollment_changelist", "participant__email__regex"),
        ("admin:participants_enrollment_changelist", "participant__phone__contains"),
        ("admin:programs_program_changelist", "enrollments__participant__email__regex"),
        ("admin:programs_dataqualityflag_changelist", "program__enrollments__participant__email__regex"),
        ("admin:programs_institute_changelist", "registered_participants__email__regex"),
        ("admin:cities_city_changelist", "participants__email__regex"),
        ("admin:cities_city_changelist", "participants__phone__contains"),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_lookups_spanning_to_participants_masked_fields_are_refused(client, scene, role, url_name, lookup):
    Enrollment.objects.create(participant=scene.participant_b, program=scene.program_a)
    client.force_login(getattr(scene, role))
    response = client.get(reverse(url_name), {lookup: "^l" if lookup.endswith("regex") else "5"})
    assert response.status_code == 400
    assert_no_b_secret(response.content.decode())


def test_export_refuses_the_same_lookups(as_a, scene):
    """Hole 1, export: the admin export honours the changelist's filters, so it refuses the same."""
    for probe in ("email__regex=^l", "phone__contains=5"):
        url = f"{reverse(EXPORT)}?id={scene.participant_b.pk}&{probe}"
        response = as_a.post(url, export_form())
        assert response.status_code == 400, probe
        assert "Lee Beta" not in response.content.decode()
    # Filters on fields the user may read still narrow the export.
    rows = export_rows(as_a.post(f"{reverse(EXPORT)}?name__startswith=Kim", export_form()))
    assert [row["email"] for row in rows] == ["kim.alpha@example.org"]


@pytest.fixture
def three_b_people(scene):
    """B's people in three orders (by name, by creation, by email and phone) that all differ."""
    people = [
        ("Ann Beta", "b.ann@example.org", "+82 2 9000 0002"),
        ("Bob Beta", "c.bob@example.org", "+82 2 9000 0003"),
        ("Cho Beta", "a.cho@example.org", "+82 2 9000 0001"),
    ]
    for name, email, phone in people:
        Participant.objects.create(name=name, email=email, phone=phone, registered_by=scene.institute_b)
    return [name for name, _email, _phone in people]


@pytest.mark.parametrize("order", ["email", "-email", "phone"])
@pytest.mark.parametrize("how", ["o-parameter", "default-ordering"])
def test_masked_fields_never_sort_the_changelist(client, scene, three_b_people, monkeypatch, order, how):
    """Sorting masked rows by email or phone (``?o=`` on a column ordered by it, or an admin ordering)
    would tell the values apart; the changelist drops such an ordering for whoever sees them masked."""
    column = "phone_shown" if "phone" in order else "email_shown"
    if how == "o-parameter":
        monkeypatch.setattr(getattr(ParticipantAdmin, column), "admin_order_field", order, raising=False)
        params = {"o": str(["action_checkbox", *ParticipantAdmin.list_display].index(column))}
    else:
        monkeypatch.setattr(ParticipantAdmin, "ordering", [order])
        params = {}
    ann, bob, cho = three_b_people
    by_field = {"email": [cho, ann, bob], "-email": [bob, ann, cho], "phone": [cho, ann, bob]}[order]

    client.force_login(scene.editor)
    body = client.get(reverse(CHANGELIST), params).content.decode()
    assert sorted(three_b_people, key=body.index) == by_field

    client.force_login(scene.looker_a)
    body = client.get(reverse(CHANGELIST), params).content.decode()
    assert sorted(three_b_people, key=body.index) != by_field


def test_masked_fields_are_never_offered_as_list_filters(client, scene, monkeypatch):
    """A list filter on email would list every address in the sidebar."""
    monkeypatch.setattr(ParticipantAdmin, "list_filter", ["country", "email", "enrollments__participant__phone"])
    client.force_login(scene.looker_a)
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    assert_no_b_secret(response.content.decode())
    client.force_login(scene.editor)
    assert "lee.beta@example.org" in client.get(reverse(CHANGELIST), {"email": "lee.beta@example.org"}).content.decode()


def test_registry_editors_may_still_filter_search_and_sort_by_email(client, scene):
    client.force_login(scene.editor)
    found = client.get(reverse(CHANGELIST), {"email__regex": "^lee"})
    assert found.status_code == 200 and found.context["cl"].result_count == 1
    assert client.get(reverse(CHANGELIST), {"q": "lee.beta@"}).context["cl"].result_count == 1


# Object pages: change, history, restore


def test_change_page(as_a, scene):
    before = snapshot(scene.participant_b)
    url = reverse("admin:participants_participant_change", args=[scene.participant_b.pk])
    page = as_a.get(url)
    posted = as_a.post(url, {"name": "Changed", "email": "x@example.org", "phone": "1"})
    if as_a.sees_b:
        assert page.status_code == 200
        body = page.content.decode()
        assert "Lee Beta" in body
        assert_masked_b(body)
        assert 'name="email"' not in body and 'name="phone"' not in body
        assert posted.status_code == 403
    else:
        assert page.status_code == 404 and posted.status_code == 404
        assert "Lee Beta" not in page.content.decode()
    assert_no_b_secret(posted.content.decode())
    assert snapshot(scene.participant_b) == before


def test_history_and_restore(as_a, scene):
    participant = scene.participant_b
    participant.phone = "+82 2 4444 0000"  # an earlier version holds another phone number
    participant.save()
    version = participant.history.earliest()
    before = snapshot(participant)
    expected = 403 if as_a.sees_b else 404
    history = as_a.get(reverse("admin:participants_participant_history", args=[participant.pk]))
    restore_url = reverse("admin:participants_participant_simple_history", args=[participant.pk, version.history_id])
    restore = as_a.get(restore_url)
    restored = as_a.post(restore_url, {"name": "Lee Beta", "email": "x@example.org", "phone": "1"})
    for response in (history, restore, restored):
        assert response.status_code == expected
        assert_no_b_secret(response.content.decode())
    assert snapshot(participant) == before


# Export, import


def test_export(as_a, scene):
    response = as_a.post(reverse(EXPORT), export_form())
    rows = {row["name"]: row for row in export_rows(response)}
    assert rows["Kim Alpha"]["email"] == "kim.alpha@example.org"
    assert ("Lee Beta" in rows) is as_a.sees_b
    if as_a.sees_b:
        assert (rows["Lee Beta"]["email"], rows["Lee Beta"]["phone"]) == B_MASKED
        assert rows["Lee Beta"]["program"] in ("", scene.program_a.slug)  # never B's program
    assert_no_b_secret(response.content.decode("utf-8-sig"))


def csv_upload(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["email", "name", "phone", "program"])
    writer.writerows(rows)
    return SimpleUploadedFile("people.csv", buffer.getvalue().encode(), content_type="text/csv")


def test_import_preview(as_a, scene):
    """Hole 3: the preview said the email belonged to another institute's participant. Now the row is a
    new person of A's institute, as any unknown email would be."""
    before = snapshot(scene.participant_b)
    file = csv_upload([["lee.beta@example.org", "Someone Else", "", scene.program_a.slug]])
    response = as_a.post(
        reverse("admin:participants_participant_import"), {"format": "0", "resource": "0", "import_file": file}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "another institute" not in body and "Beta Institute" not in body and "Lee Beta" not in body
    assert "4444" not in body and "5566" not in body
    assert list(response.context["result"].invalid_rows) == []
    assert [row.import_type for row in response.context["result"].valid_rows()] == ["new"]
    assert snapshot(scene.participant_b) == before


def test_import_command_says_the_same(scene, role, tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_bytes(csv_upload([["lee.beta@example.org", "Someone Else", "", scene.program_a.slug]]).read())
    call_command("import_participants", str(path), "--user", getattr(scene, role).username)
    assert "1 new" in capsys.readouterr().out
    assert scene.participant_b.name == Participant.objects.get(pk=scene.participant_b.pk).name == "Lee Beta"
    theirs = Participant.objects.get(email="lee.beta@example.org", registered_by=scene.institute_a)
    assert theirs.name == "Someone Else" and theirs.enrollments.get().program == scene.program_a


def test_import_never_claims_a_participant_by_enrolling_them(scene, tmp_path):
    """Staff may import their own people into their programs; someone else's stays theirs."""
    Enrollment.objects.create(participant=scene.participant_b, program=scene.program_a)
    path = tmp_path / "people.csv"
    path.write_bytes(
        csv_upload(
            [
                ["kim.alpha@example.org", "Kim Alpha", "+82 2 1111 9999", scene.program_a.slug],
                ["new.person@example.org", "New Person", "", scene.program_a.slug],
            ]
        ).read()
    )
    call_command("import_participants", str(path), "--user", "staff-a", verbosity=0)
    assert Participant.objects.get(email="kim.alpha@example.org").phone == "+82 2 1111 9999"
    assert Participant.objects.get(email="new.person@example.org").registered_by == scene.institute_a
    assert scene.participant_b not in Participant.objects.owned_by(scene.staff_a)


# Autocomplete, bulk action, inlines


@pytest.mark.parametrize("term", ["", "Lee", "lee.beta", "5566", "Kim"])
def test_autocomplete(as_a, scene, term):
    response = as_a.get(
        reverse("admin:autocomplete"),
        {"app_label": "participants", "model_name": "enrollment", "field_name": "participant", "term": term},
    )
    assert response.status_code == 200
    texts = [result["text"] for result in response.json()["results"]]
    # Offered for enrolling: only A's own people, whoever A may look up.
    assert "Lee Beta" not in texts
    assert ("Kim Alpha" in texts) is (term in ("", "Kim"))
    assert_no_b_secret(response.content.decode())


def test_bulk_delete_action(as_a, scene):
    response = as_a.post(
        reverse(CHANGELIST),
        {"action": "delete_selected", "_selected_action": [scene.participant_b.pk], "post": "yes"},
    )
    assert response.status_code in (302, 403)
    assert_no_b_secret(response.content.decode())
    assert Participant.objects.filter(pk=scene.participant_b.pk).exists()
    page = as_a.post(reverse(CHANGELIST), {"action": "delete_selected", "_selected_action": [scene.participant_b.pk]})
    assert_no_b_secret(page.content.decode())


def test_program_page_inline_shows_enrolled_names_only(as_a, scene):
    body = as_a.get(reverse("admin:programs_program_change", args=[scene.program_a.pk])).content.decode()
    assert "Kim Alpha" in body
    enrolled = Enrollment.objects.filter(participant=scene.participant_b, program=scene.program_a).exists()
    assert ("Lee Beta" in body) is enrolled
    assert_no_b_secret(body)


def test_participant_page_inline_shows_only_own_programs_enrollments(as_a, scene):
    Enrollment.objects.create(participant=scene.participant_a, program=scene.program_b)
    body = as_a.get(reverse("admin:participants_participant_change", args=[scene.participant_a.pk])).content.decode()
    assert "Alpha water course" in body and "Beta transport course" not in body
    assert_no_b_secret(body)


# Hole 2: enrolling someone does not make their personal data yours


def test_enrolling_another_institutes_participant_does_not_make_them_yours(client, scene):
    # A's staff cannot enroll B's person (tests/participants/test_enroll_scope.py); a registry editor may.
    participant_enroll(participant=scene.participant_b, program=scene.program_a, user=scene.editor)
    before = snapshot(scene.participant_b)
    change_url = reverse("admin:participants_participant_change", args=[scene.participant_b.pk])

    for user in (scene.looker_a, scene.staff_a):
        client.force_login(user)
        page = client.get(change_url)
        assert page.status_code == 200, user
        body = page.content.decode()
        assert_masked_b(body)
        assert 'name="email"' not in body and 'name="phone"' not in body
        assert client.post(change_url, {"name": "Lee Beta", "email": "mine@example.org"}).status_code == 403
        history = client.get(reverse("admin:participants_participant_history", args=[scene.participant_b.pk]))
        assert history.status_code == 403
        assert_masked_b(client.get(reverse(CHANGELIST)).content.decode())
        rows = {row["name"]: row for row in export_rows(client.post(reverse(EXPORT), export_form()))}
        assert (rows["Lee Beta"]["email"], rows["Lee Beta"]["phone"]) == B_MASKED
        assert rows["Lee Beta"]["program"] == scene.program_a.slug  # the enrollment is A's
    assert snapshot(scene.participant_b) == before

    client.force_login(scene.staff_b)  # the owner still sees and edits the person
    body = client.get(change_url).content.decode()
    assert 'value="lee.beta@example.org"' in body and 'value="+82 2 4444 5566"' in body


# Hole 3: a duplicate email gets a plain message


@pytest.mark.parametrize("role", ROLES)
def test_duplicate_email_on_the_add_form_names_nothing(client, scene, role):
    client.force_login(getattr(scene, role))
    response = add_participant(
        client, name="Someone Else", email="kim.alpha@example.org", registered_by=scene.institute_a
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"email": [DUPLICATE_EMAIL]}
    body = response.content.decode()
    assert "participant_unique_email" not in body and "Constraint" not in body
    assert "Kim Alpha" not in body and "1111" not in body
    assert Participant.objects.filter(email="kim.alpha@example.org").count() == 1


def test_duplicate_email_on_the_change_form_names_nothing(client, scene):
    ParticipantFactory(name="Park Alpha", email="park.alpha@example.org", registered_by=scene.institute_a)
    client.force_login(scene.staff_a)
    url = reverse("admin:participants_participant_change", args=[scene.participant_a.pk])
    response = client.post(
        url,
        {
            "name": "Kim Alpha",
            "email": "park.alpha@example.org",
            "phone": "",
            "enrollments-TOTAL_FORMS": 0,
            "enrollments-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"email": [DUPLICATE_EMAIL]}
    assert "Constraint" not in response.content.decode()
    assert Participant.objects.get(pk=scene.participant_a.pk).email == "kim.alpha@example.org"
