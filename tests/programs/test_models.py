"""Model rules hold for forms, imports and the shell alike: clean() and database constraints."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from programs.models import Program
from tests.factories import EnrollmentFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def test_end_before_start_is_refused_by_validation():
    program = ProgramFactory.build(
        host=ProgramFactory().host, start_date=date(2021, 5, 20), end_date=date(2021, 5, 9), date_precision="day"
    )
    with pytest.raises(ValidationError) as error:
        program.full_clean()
    assert "end_date" in error.value.message_dict


def test_end_before_start_is_refused_by_the_database():
    program = ProgramFactory()
    Program.objects.filter(pk=program.pk).update(start_date=date(2021, 5, 20), date_precision="day")
    with pytest.raises(IntegrityError), transaction.atomic():
        Program.objects.filter(pk=program.pk).update(end_date=date(2021, 5, 9))
    program.refresh_from_db()
    assert program.end_date is None


def test_negative_headcount_is_refused():
    program = ProgramFactory.build(host=ProgramFactory().host, headcount=-1)
    with pytest.raises(ValidationError) as error:
        program.full_clean()
    assert "headcount" in error.value.message_dict
    existing = ProgramFactory(headcount=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Program.objects.filter(pk=existing.pk).update(headcount=-1)
    existing.refresh_from_db()
    assert existing.headcount == 5


@pytest.mark.parametrize("year", [1899, 2101])
def test_year_out_of_range_is_refused(year):
    program = ProgramFactory.build(host=ProgramFactory().host, year=year)
    with pytest.raises(ValidationError) as error:
        program.full_clean()
    assert "year" in error.value.message_dict


def test_dates_need_a_precision():
    program = ProgramFactory.build(host=ProgramFactory().host, start_date=date(2019, 3, 1), date_precision="")
    with pytest.raises(ValidationError) as error:
        program.full_clean()
    assert "date_precision" in error.value.message_dict


def test_a_valid_program_passes_validation():
    program = ProgramFactory.build(
        host=ProgramFactory().host, start_date=date(2019, 3, 10), end_date=date(2019, 3, 16), date_precision="day"
    )
    program.full_clean()  # raises on any problem
    program.save()
    assert Program.objects.filter(slug=program.slug).exists()


def test_one_enrollment_per_participant_and_program():
    enrollment = EnrollmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        EnrollmentFactory(participant=enrollment.participant, program=enrollment.program)
    assert enrollment.program.enrollments.count() == 1


def test_one_person_can_attend_several_programs():
    first = EnrollmentFactory()
    EnrollmentFactory(participant=first.participant)
    assert first.participant.enrollments.count() == 2


def test_participant_country_follows_the_home_city():
    enrollment = EnrollmentFactory(participant__home_city__country="EG")
    assert enrollment.participant.country.code == "EG"
