"""Only writes that a public page shows start a new page-cache generation: participants, enrollments and
institute staff are never public, so writing them (one by one, by import or by an erasure) keeps every cached page; a
program, a theme link, a data-quality flag, a city or the consent notice /privacy/ quotes starts one."""

import datetime

import pytest

from exchange_portal import pagecache
from exchange_portal.imports import run_import
from participants.models import ConsentNotice, Participant
from participants.resources import ParticipantResource
from participants.services.privacy import participant_erase
from tests.factories import (
    CityFactory,
    DataQualityFlagFactory,
    EnrollmentFactory,
    ParticipantFactory,
    ProgramFactory,
    StaffUserFactory,
    ThemeFactory,
)

# Each write commits as it would in the admin or an import (a test transaction would keep the first write's
# pending generation and hide whether a later write asks for one).
pytestmark = pytest.mark.django_db(transaction=True)


def starts_a_generation(write):
    before = pagecache.generation()
    write()
    return pagecache.generation() != before


@pytest.fixture
def records(db):
    program = ProgramFactory(title="Water course")
    participant = ParticipantFactory(name="Kim Alpha")
    return program, participant, EnrollmentFactory(participant=participant, program=program)


def rename(record, **fields):
    for name, value in fields.items():
        setattr(record, name, value)
    record.save()


PRIVATE_WRITES = {
    # In a city already in the registry: the factory would otherwise add one, a public write.
    "a new participant": lambda program, participant, enrollment: ParticipantFactory(home_city=participant.home_city),
    "a participant changed": lambda program, participant, enrollment: rename(participant, name="Kim Beta"),
    "a participant deleted": lambda program, participant, enrollment: participant.delete(),
    "a new enrollment": lambda program, participant, enrollment: EnrollmentFactory(
        program=program, participant__home_city=participant.home_city
    ),
    "an enrollment deleted": lambda program, participant, enrollment: enrollment.delete(),
    "staff added to an institute": lambda program, participant, enrollment: StaffUserFactory(institutes=[program.host]),
    "a participant erased": lambda program, participant, enrollment: participant_erase(participant=participant),
}

PUBLIC_WRITES = {
    "a program changed": lambda program, participant, enrollment: rename(program, title="Renamed course"),
    "a theme linked to a program": lambda program, participant, enrollment: program.themes.add(ThemeFactory()),
    "a data-quality flag": lambda program, participant, enrollment: DataQualityFlagFactory(program=program),
    "a new city": lambda program, participant, enrollment: CityFactory(),
    "a new consent notice": lambda program, participant, enrollment: ConsentNotice.objects.create(
        version="2099-1", effective_from=datetime.date(2099, 1, 1), title="Notice", text="What we keep."
    ),
}


@pytest.mark.parametrize("write", PRIVATE_WRITES.values(), ids=PRIVATE_WRITES)
def test_a_write_no_public_page_shows_keeps_the_generation(records, write):
    assert not starts_a_generation(lambda: write(*records))


@pytest.mark.parametrize("write", PUBLIC_WRITES.values(), ids=PUBLIC_WRITES)
def test_a_write_a_public_page_shows_starts_a_generation(records, write):
    assert starts_a_generation(lambda: write(*records))


@pytest.mark.usefixtures("first_notice")
def test_a_participant_import_keeps_the_generation(scene, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "email,name,program,legal_basis\n"
        f"new@example.org,New Person,{scene.program_a.slug},consent\n"
        f"kim.alpha@example.org,Kim Alpha,{scene.program_a.slug},consent\n",
        encoding="utf-8",
    )
    reports = []
    assert not starts_a_generation(lambda: reports.append(run_import(ParticipantResource, path, user=scene.staff_a)))
    assert not reports[0].errors and reports[0].totals["new"] == 1
    assert Participant.objects.filter(email="new@example.org").exists()
