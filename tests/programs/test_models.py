"""Model rules hold for forms, imports and the shell alike: clean() and database constraints; and each
public record knows its own page."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from programs.models import DataQualityFlag, Program
from programs.services.flags import flag_resolve
from tests.factories import DataQualityFlagFactory, EnrollmentFactory, InstituteFactory, ProgramFactory, ThemeFactory

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


@pytest.mark.parametrize(
    ("factory", "values", "path"),
    [
        (ProgramFactory, {"title": "Smart water", "slug": "2018-smart-water"}, "/programs/2018-smart-water/"),
        (InstituteFactory, {"name": "Seoul Academy", "slug": "seoul-academy"}, "/institutes/seoul-academy/"),
        (ThemeFactory, {"name": "Water", "slug": "water"}, "/themes/water/"),
    ],
    ids=["program", "institute", "theme"],
)
def test_each_record_knows_its_public_page(client, factory, values, path):
    record = factory(**values)
    with translation.override("ko"):
        assert record.get_absolute_url() == "/ko" + path
    assert record.get_absolute_url() == path
    page = client.get(record.get_absolute_url())
    assert page.status_code == 200
    assert f"<h1>{values.get('title') or values['name']}" in page.content.decode()


def test_a_resolved_flag_must_say_how_it_was_resolved():
    flag = DataQualityFlagFactory(status=DataQualityFlag.Status.RESOLVED, resolution="Checked.")
    flag.full_clean()
    for blank in ("", "   "):
        flag.resolution = blank
        with pytest.raises(ValidationError) as error:
            flag.full_clean()
        assert error.value.message_dict == {"resolution": ["Say how the flag was resolved."]}
    flag.status = DataQualityFlag.Status.OPEN
    flag.full_clean()  # an open flag needs no resolution


def test_resolving_a_flag_without_saying_how_is_refused_and_writes_nothing(django_user_model):
    flag = DataQualityFlagFactory()
    user = django_user_model.objects.create_user("reviewer")
    with pytest.raises(ValidationError) as error:
        flag_resolve(flag=flag, user=user, resolution="  ")
    assert "resolution" in error.value.message_dict
    flag.refresh_from_db()
    assert flag.status == DataQualityFlag.Status.OPEN
    flag_resolve(flag=flag, user=user, resolution=" Compared with the brochure. ")
    flag.refresh_from_db()
    assert (flag.status, flag.resolution, flag.resolved_by) == ("resolved", "Compared with the brochure.", user)
