"""Institute A and B, each with a program and a participant it registered and enrolled; A's staff with
and without the look-up permission, B's staff and a registry editor."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from exchange_portal.permissions import EDITORS_GROUP, STAFF_GROUP, setup_roles
from tests.factories import (
    CityFactory,
    EnrollmentFactory,
    InstituteFactory,
    ParticipantFactory,
    ProgramFactory,
    StaffUserFactory,
)

# What B's participant's email and phone give away, in full or in part, beyond their masked forms
# ("l***@example.org", "***66").
B_SECRETS = ("lee.beta", "4444", "5566")
B_MASKED = ("l***@example.org", "***66")


def assert_no_b_secret(text):
    for secret in B_SECRETS:
        assert secret not in text, secret


@pytest.fixture
def scene(db):
    setup_roles()
    staff_group, editors_group = Group.objects.get(name=STAFF_GROUP), Group.objects.get(name=EDITORS_GROUP)
    seoul = CityFactory(name="Seoul")
    institute_a = InstituteFactory(name="Alpha Institute", city=seoul)
    institute_b = InstituteFactory(name="Beta Institute", city=seoul)
    program_a = ProgramFactory(title="Alpha water course", host=institute_a)
    program_b = ProgramFactory(title="Beta transport course", host=institute_b)
    participant_a = ParticipantFactory(
        name="Kim Alpha", email="kim.alpha@example.org", phone="+82 2 1111 2233", registered_by=institute_a
    )
    participant_b = ParticipantFactory(
        name="Lee Beta", email="lee.beta@example.org", phone="+82 2 4444 5566", registered_by=institute_b
    )
    EnrollmentFactory(participant=participant_a, program=program_a)
    EnrollmentFactory(participant=participant_b, program=program_b)
    staff_a = StaffUserFactory(username="staff-a", groups=[staff_group], institutes=[institute_a])
    looker_a = StaffUserFactory(username="looker-a", groups=[staff_group], institutes=[institute_a])
    looker_a.user_permissions.add(Permission.objects.get(codename="view_other_institutes_participants"))
    staff_b = StaffUserFactory(username="staff-b", groups=[staff_group], institutes=[institute_b])
    editor = StaffUserFactory(username="editor", groups=[editors_group])
    return SimpleNamespace(**locals())


# A's two roles: plain institute staff, and staff who may also look up other institutes' participants.
ROLES = ["staff_a", "looker_a"]


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture(params=[False, True], ids=["b-not-enrolled-with-a", "b-enrolled-in-a-program"])
def b_enrolled_with_a(request, scene):
    """Whether B's participant is also enrolled in A's program (which lets A's staff see their name)."""
    if request.param:
        EnrollmentFactory(participant=scene.participant_b, program=scene.program_a)
    return request.param


@pytest.fixture
def as_a(client, scene, role, b_enrolled_with_a):
    """A client logged in as one of A's roles, with ``sees_b`` saying whether the role grants seeing
    B's participant at all (name etc., email and phone masked)."""
    client.force_login(getattr(scene, role))
    client.sees_b = role == "looker_a" or b_enrolled_with_a
    return client


def restore_first_notice():
    """The notice migration 0005 adds: a test on a transactional database (the browser tests) empties the
    tables, data migrations' rows included, so tests that need the notice put it back."""
    module = importlib.import_module("participants.migrations.0005_first_consent_notice")
    module.add_notice(django_apps, None)


@pytest.fixture
def first_notice(db):
    restore_first_notice()


def add_participant(client, *, name, email, registered_by):
    """POST the admin's add form for one person with no enrollments; returns the response."""
    return client.post(
        reverse("admin:participants_participant_add"),
        {
            "name": name,
            "email": email,
            "registered_by": registered_by.pk,
            "enrollments-TOTAL_FORMS": 0,
            "enrollments-INITIAL_FORMS": 0,
        },
    )
