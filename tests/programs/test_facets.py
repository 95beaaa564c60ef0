"""Facet counts: for each facet, the programs each value would give under the OTHER active filters,
compared with counts computed from fixtures/registry.json; one GROUP BY query per facet."""

from collections import Counter

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from programs.filters import ProgramFilter
from programs.models import Program
from programs.selectors.facets import program_facets
from tests.public_pages import fixture_programs, select, shipped_registry, shipped_registry_module  # noqa: F401 (fixtures)

pytestmark = pytest.mark.usefixtures("shipped_registry")


def facets_for(query):
    filterset = ProgramFilter(QueryDict(query), queryset=Program.objects.all())
    return {
        name: {option.value: option.count for option in facet.options}
        for name, facet in program_facets(filterset).items()
    }


def nonzero(counts):
    return {key: value for key, value in counts.items() if value}


def test_facets_without_filters_count_the_whole_table():
    facets = facets_for("")
    programs = select()
    assert facets["year"] == {str(year): n for year, n in Counter(p["year"] for p in programs).items()}
    assert nonzero(facets["theme"]) == Counter(theme for p in programs for theme in p["themes"])
    assert nonzero(facets["host"]) == Counter(p["host"] for p in programs)
    assert nonzero(facets["mode"]) == Counter(p["mode"] for p in programs)
    assert nonzero(facets["country"]) == Counter(code for p in programs for code in p["countries"])


def test_theme_and_year_range_each_facet_ignores_only_its_own_filter():
    facets = facets_for("theme=transportation&year_min=2014&year_max=2016")
    in_range = select(year=lambda y: 2014 <= y <= 2016)
    transportation = select(themes="transportation")
    both = select(themes="transportation", year=lambda y: 2014 <= y <= 2016)
    # Years: counted under the theme only.
    assert facets["year"] == {str(y): n for y, n in Counter(p["year"] for p in transportation).items()}
    # Themes: counted under the years only.
    assert nonzero(facets["theme"]) == Counter(theme for p in in_range for theme in p["themes"])
    # Everything else: under both.
    assert nonzero(facets["host"]) == Counter(p["host"] for p in both)
    assert nonzero(facets["mode"]) == Counter(p["mode"] for p in both)
    assert nonzero(facets["country"]) == Counter(code for p in both for code in p["countries"])
    assert facets["year"]["2015"] == 3 and facets["theme"]["transportation"] == 9


def test_country_and_mode_facets_under_a_network():
    facets = facets_for("network=citynet&mode=online")
    citynet = select(networks="citynet")
    online_citynet = select(networks="citynet", mode="online")
    assert nonzero(facets["mode"]) == Counter(p["mode"] for p in citynet)
    assert nonzero(facets["country"]) == Counter(code for p in online_citynet for code in p["countries"])
    assert nonzero(facets["network"]) == Counter(n for p in select(mode="online") for n in p["networks"])


def test_selected_values_are_marked_and_kept_even_with_no_results():
    filterset = ProgramFilter(QueryDict("theme=water&year=2005"), queryset=Program.objects.all())
    facets = program_facets(filterset)
    water = next(option for option in facets["theme"].options if option.value == "water")
    assert water.selected and water in facets["theme"].shown_options
    assert water.count == 0  # no water program in 2005, but the chosen theme stays visible


def facet_queries(query):
    filterset = ProgramFilter(QueryDict(query), queryset=Program.objects.all())
    filterset.is_valid()
    list(filterset.form.cleaned_data.get("theme") or [])
    with CaptureQueriesContext(connection) as queries:
        program_facets(filterset)
    return [query["sql"].upper() for query in queries]


QUERIES = ["", "theme=water&year_min=2015", "year=2019&theme=transportation&mode=online&q=city"]


@pytest.mark.parametrize("query", QUERIES)
def test_facets_from_the_index_take_no_grouped_query_whatever_the_data_size(query):
    facet_queries(query)  # builds this worker's index of the generation
    before = facet_queries(query)
    # The generation, then the labels of themes, hosts, networks and of the cities found (skipped when no
    # city is found); the search text selected its programs in SQL at the first call, kept since.
    assert not any("GROUP BY" in sql for sql in before)
    assert len(before) in (4, 5)
    assert not any('FROM "PROGRAMS_PROGRAM"' in sql for sql in before)
    if "q=" in query:  # a new search text: its programs, once, as ids
        assert sum('FROM "PROGRAMS_PROGRAM"' in sql for sql in facet_queries(query + "s")) == 1
    host = Program.objects.first().host
    for n in range(40):
        program = Program.objects.create(title=f"Extra {n}", slug=f"extra-{n}", year=2019, host=host, mode="online")
        program.target_country_links.create(country="VN")
    facet_queries(query)  # the writes dropped the index: this builds the new one
    assert len(facet_queries(query)) == len(before)


@pytest.mark.parametrize("query", QUERIES)
def test_facets_in_sql_take_five_grouped_queries_and_four_label_lookups_whatever_the_data_size(query, settings):
    settings.FACET_INDEX = False
    before = facet_queries(query)
    # One grouped query for year, host, mode, format and the summary; one per link table (themes,
    # countries, cities, networks); then the labels of themes, hosts, networks and of the cities
    # found, a lookup skipped when no city is found.
    assert sum("GROUP BY" in sql for sql in before) == 5
    assert len(before) in (8, 9)
    host = Program.objects.first().host
    for n in range(40):
        program = Program.objects.create(title=f"Extra {n}", slug=f"extra-{n}", year=2019, host=host, mode="online")
        program.target_country_links.create(country="VN")
    assert len(facet_queries(query)) == len(before)


def test_status_facet_counts_the_records_the_counts_leave_out():
    # Without ?status the facets count confirmed programs; the status facet offers the others.
    assert facets_for("")["status"] == {"announced": 2, "possible_duplicate": 2, "all": 181}
    assert facets_for("year=2017")["status"] == {"announced": 1, "possible_duplicate": 0, "all": 16}
    with_all = facets_for("status=all")
    assert sum(with_all["year"].values()) == 181 and with_all["year"]["2017"] == 16
