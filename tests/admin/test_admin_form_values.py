"""Admin forms given malformed values answer with form errors on the right fields and write nothing."""

import pytest
from django.urls import reverse

from .test_bad_files import table_counts

NO_INLINES = {
    f"{prefix}-{count}": 0
    for prefix in ("target_country_links", "enrollments", "quality_flags")
    for count in ("TOTAL_FORMS", "INITIAL_FORMS")
}


def program_form(world, **values):
    data = {
        "title_en": "Sound program",
        "slug": "2020-sound",
        "year": 2020,
        "host": world.institute_a.pk,
        "mode": "onsite",
        "format": "short_course",
        "start_date": "2020-05-01",
        "end_date": "2020-05-08",
        "date_precision": "day",
        "headcount": 12,
        "status": "confirmed",
        **NO_INLINES,
    }
    data.update(values)
    return data


BAD_PROGRAM_VALUES = [
    ({"headcount": -1}, "headcount", "Ensure this value is greater than or equal to 0."),
    (
        {"start_date": "2020-05-09", "end_date": "2020-05-01"},
        "end_date",
        "The end date cannot be before the start date.",
    ),
    ({"year": 3000}, "year", "The year must be between 1990 and 2100."),
    ({"title_en": "x" * 10_000}, "title_en", "Ensure this value has at most 300 characters (it has 10000)."),
    ({"start_date": "2020-02-30"}, "start_date", "Enter a valid date."),
    ({"start_date": "3000-01-01", "end_date": "3000-01-02"}, "start_date", "The date must fall between"),
    ({"headcount": "12abc"}, "headcount", "Enter a whole number."),
]


def form_errors(response):
    assert response.status_code == 200
    return response.context["adminform"].form.errors


@pytest.mark.parametrize(("values", "field", "message"), BAD_PROGRAM_VALUES)
def test_adding_a_program_with_a_malformed_value_is_a_form_error(as_staff_a, world, values, field, message):
    before = table_counts()
    response = as_staff_a.post(reverse("admin:programs_program_add"), program_form(world, **values))
    assert any(message in error for error in form_errors(response)[field])
    assert table_counts() == before


@pytest.mark.parametrize(("values", "field", "message"), BAD_PROGRAM_VALUES)
def test_changing_a_program_to_a_malformed_value_is_a_form_error(as_staff_a, world, values, field, message):
    program = world.program_a
    before = table_counts()
    data = program_form(world, slug=program.slug, **values)
    response = as_staff_a.post(reverse("admin:programs_program_change", args=[program.pk]), data)
    assert any(message in error for error in form_errors(response)[field])
    program.refresh_from_db()
    assert (program.title, program.headcount, program.year) == ("Alpha water course", 12, program.year)
    assert table_counts() == before


def test_the_sound_program_form_saves(as_staff_a, world):
    before = table_counts()
    response = as_staff_a.post(reverse("admin:programs_program_add"), program_form(world))
    assert response.status_code == 302
    assert table_counts()["programs.Program"] == before["programs.Program"] + 1


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"name": "x" * 10_000}, "name", "Ensure this value has at most 200 characters (it has 10000)."),
        ({"name": ""}, "name", "This field is required."),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        # A plain message on the field, naming neither the constraint nor whose the address is.
        ({"email": "kim.alpha@example.org"}, "email", "The registering institute already has a participant with"),
        ({"phone": "9" * 51}, "phone", "Ensure this value has at most 50 characters (it has 51)."),
        ({"country": "XX"}, "country", "Select a valid choice."),
    ],
)
def test_adding_a_participant_with_a_malformed_value_is_a_form_error(as_staff_a, world, values, field, message):
    before = table_counts()
    data = {
        "name": "New Person",
        "email": "new.person@example.org",
        "registered_by": world.institute_a.pk,
        "enrollments-TOTAL_FORMS": 0,
        "enrollments-INITIAL_FORMS": 0,
        **values,
    }
    response = as_staff_a.post(reverse("admin:participants_participant_add"), data)
    errors = form_errors(response)
    shown = errors.get("__all__" if field is None else field, [])
    assert any(message in error for error in shown), errors
    assert table_counts() == before
