"""How the public pages present records: a date at its precision (one formatter for every app, as a
function and a template filter), a program's period and headcount in words, the filter chips and
invalid filters the FilterSet offers, and the year bounds of the filter form."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.http import QueryDict
from django.utils import translation

from exchange_portal.dates import date_at_precision, period_at_precision
from programs.filters import ProgramFilter
from programs.models import EARLIEST_YEAR, LATEST_YEAR, Program
from tests.factories import ProgramFactory, ThemeFactory

DAY = date(2019, 3, 7)


DATE_CASES = [
    ("en", "day", "March 7, 2019"),
    ("en", "month", "March 2019"),
    ("en", "year", "2019"),
    ("en", "", "March 7, 2019"),  # no precision recorded: nothing is known to be missing
    ("ko", "day", "2019년 3월 7일"),
    ("ko", "month", "2019년 3월"),
    ("ko", "year", "2019"),
    ("ko", "", "2019년 3월 7일"),
]


@pytest.mark.parametrize(("language", "precision", "expected"), DATE_CASES)
def test_a_date_shows_no_more_than_its_precision(language, precision, expected):
    with translation.override(language):
        assert date_at_precision(DAY, precision) == expected


@pytest.mark.parametrize("precision", ["day", "month", "year", ""])
def test_a_missing_date_shows_nothing(precision):
    assert date_at_precision(None, precision) == ""


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        (date(2019, 3, 4), date(2019, 3, 15), "day", "March 4, 2019 – March 15, 2019"),
        (date(2019, 3, 4), None, "day", "March 4, 2019"),
        (date(2019, 3, 1), date(2019, 4, 30), "month", "March 2019 – April 2019"),
        (date(2019, 3, 1), date(2019, 3, 31), "month", "March 2019"),  # within one month: said once
        (date(2019, 1, 1), date(2019, 12, 31), "year", "2019"),
    ],
)
def test_period_with_its_precision(start, end, precision, expected):
    with translation.override("en"):
        assert period_at_precision(start, end, precision) == expected
        program = ProgramFactory.build(start_date=start, end_date=end, date_precision=precision)
        assert program.period_label == expected


@pytest.mark.parametrize(
    ("language", "source_period", "expected"),
    [
        ("en", "Spring 2008", "Spring 2008"),
        ("en", "", "Dates not reported"),
        ("ko", "", "날짜 미기재"),  # GLOSSARY.md: 미기재, not 미보고
    ],
)
def test_a_program_without_dates_shows_the_sources_words(language, source_period, expected):
    program = ProgramFactory.build(start_date=None, end_date=None, date_precision="", source_period=source_period)
    with translation.override(language):
        assert program.period_label == expected


@pytest.mark.parametrize(
    ("language", "headcount", "note", "expected"),
    [
        ("en", 12, "", None),  # the page shows the number itself
        ("en", None, "about 30 officials", "about 30 officials"),
        ("en", None, "", "not reported"),
        ("ko", None, "", "미기재"),
    ],
)
def test_a_headcount_the_source_did_not_give_is_said_in_words(language, headcount, note, expected):
    program = ProgramFactory.build(headcount=headcount, headcount_note=note)
    with translation.override(language):
        assert program.headcount_label == expected


@pytest.mark.django_db
def test_the_filterset_offers_a_chip_per_value_that_removes_only_it():
    ThemeFactory(name="Water", slug="water")
    ThemeFactory(name="Energy", slug="energy")
    filterset = ProgramFilter(QueryDict("theme=water&theme=energy&mode=online&page=3"), queryset=Program.objects.all())
    chips = {(str(chip["label"]), chip["value"]): chip["remove_query"] for chip in filterset.chips}
    assert chips == {
        ("Themes", "Water"): "theme=energy&mode=online",
        ("Themes", "Energy"): "theme=water&mode=online",
        ("Mode", "online"): "theme=water&theme=energy",
    }
    assert filterset.invalid_filters == []


@pytest.mark.django_db
def test_the_filterset_explains_each_invalid_parameter_with_a_link_without_it():
    filterset = ProgramFilter(QueryDict("year=abc&mode=online&page=2"), queryset=Program.objects.all())
    [invalid] = filterset.invalid_filters
    assert (str(invalid["label"]), invalid["value"], invalid["remove_query"]) == ("Year", "abc", "mode=online")
    assert invalid["messages"] == ["Enter a number."]
    assert filterset.chips == [{"label": "Mode", "value": "online", "remove_query": "year=abc"}]


def test_an_unfiltered_filterset_has_no_chips_and_no_errors():
    filterset = ProgramFilter(None, queryset=Program.objects.none())
    assert filterset.chips == []
    assert filterset.invalid_filters == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/programs/", "/stats/", "/ko/programs/"])
def test_year_bounds_of_the_filter_form_come_from_the_model(client, url):
    page = client.get(url).content.decode()
    for name in ("year_min", "year_max"):
        field = re.search(rf'<input type="number" id="id_{name}"[^>]*>', page).group(0)
        assert f'min="{EARLIEST_YEAR}"' in field
        assert f'max="{LATEST_YEAR}"' in field
    template = Path(settings.BASE_DIR, "templates", "includes", "filter_form.html").read_text(encoding="utf-8")
    assert str(EARLIEST_YEAR) not in template
    assert str(LATEST_YEAR) not in template
