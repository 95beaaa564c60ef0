"""Two institutes with one staff member each, a registry editor, and records on both sides."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group

from exchange_portal.permissions import EDITORS_GROUP, STAFF_GROUP, setup_roles
from tests.factories import (
    CityFactory,
    DataQualityFlagFactory,
    EnrollmentFactory,
    InstituteFactory,
    NetworkFactory,
    ParticipantFactory,
    ProgramFactory,
    StaffUserFactory,
    ThemeFactory,
)


@pytest.fixture
def roles(db):
    setup_roles()
    return SimpleNamespace(staff=Group.objects.get(name=STAFF_GROUP), editors=Group.objects.get(name=EDITORS_GROUP))


@pytest.fixture
def world(roles):
    """Institute A and B, each with a program, a participant it registered and enrolled in it, and an open flag."""
    seoul = CityFactory(name="Seoul")
    theme = ThemeFactory(name="Urban planning")
    network = NetworkFactory(name="Citynet")
    institute_a = InstituteFactory(name="Alpha Institute", city=seoul)
    institute_b = InstituteFactory(name="Beta Institute", city=seoul)
    program_a = ProgramFactory(title="Alpha water course", host=institute_a, themes=[theme], headcount=12)
    program_b = ProgramFactory(title="Beta transport course", host=institute_b, themes=[theme], headcount=8)
    program_b.target_cities.add(seoul)
    program_b.networks.add(network)
    participant_a = ParticipantFactory(
        name="Kim Alpha", email="kim.alpha@example.org", phone="+82 2 1111 2233", registered_by=institute_a
    )
    participant_b = ParticipantFactory(
        name="Lee Beta", email="lee.beta@example.org", phone="+82 2 4444 5566", registered_by=institute_b
    )
    enrollment_a = EnrollmentFactory(participant=participant_a, program=program_a)
    enrollment_b = EnrollmentFactory(participant=participant_b, program=program_b)
    flag_a = DataQualityFlagFactory(program=program_a)
    flag_b = DataQualityFlagFactory(program=program_b)
    staff_a = StaffUserFactory(username="staff-a", groups=[roles.staff], institutes=[institute_a])
    staff_b = StaffUserFactory(username="staff-b", groups=[roles.staff], institutes=[institute_b])
    editor = StaffUserFactory(username="editor", groups=[roles.editors])
    return SimpleNamespace(**locals())


@pytest.fixture
def as_staff_a(client, world):
    client.force_login(world.staff_a)
    return client


@pytest.fixture
def as_editor(client, world):
    client.force_login(world.editor)
    return client
