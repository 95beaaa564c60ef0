"""The three engines that answer a selection (programs/selection.py) give the same answers: the SQL of the
list (``Selection.programs``), the grouped query behind the facets (``ProgramCube``) and the facet index
(``IndexedSelection``), on a small registry that hypothesis draws afresh for each example (years, statuses,
hosts, themes, countries, cities, networks, modes, formats, headcounts with some not reported), under
selections drawn as query strings and cleaned by the FilterSet. Runs on SQLite and on PostgreSQL."""

import pytest
from django.db.models import Count
from django.http import QueryDict
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from programs.filters import ProgramFilter
from programs.models import Program, TargetCountry
from programs.selection import DEFAULT_STATUS
from programs.selectors.facets import ProgramCube, SqlCounts
from programs.selectors.index import FACETS, FacetIndex, IndexedSelection
from programs.selectors.stats import indexed_stats, program_stats
from tests.factories import CityFactory, InstituteFactory, NetworkFactory, ProgramFactory, ThemeFactory

HOSTS, THEMES, CITIES, NETWORKS = ("kdi", "kotra", "lh"), ("water", "housing", "transport"), ("cairo", "kyiv"), ("ua",)
COUNTRIES = ("KR", "EG", "UA")
YEARS = (2010, 2011, 2012, 2013)
WORDS = ("river", "harbour", "metro")


def subset(values):
    return st.lists(st.sampled_from(values), unique=True, max_size=len(values))


PROGRAMS = st.lists(
    st.fixed_dictionaries(
        {
            "year": st.sampled_from(YEARS),
            "host": st.sampled_from(HOSTS),
            "status": st.sampled_from(Program.Status.values),
            "mode": st.sampled_from(Program.Mode.values),
            "format": st.sampled_from(Program.Format.values[:3]),
            "headcount": st.one_of(st.none(), st.integers(min_value=0, max_value=40)),
            "word": st.sampled_from(WORDS),
            "themes": subset(THEMES),
            "countries": subset(COUNTRIES),
            "cities": subset(CITIES),
            "networks": subset(NETWORKS),
        }
    ),
    max_size=10,
)


def maybe(strategy):
    return st.one_of(st.none(), strategy)


BOUND = st.sampled_from(["2009", "2010", "2012", "2014"])
QUERIES = st.fixed_dictionaries(
    {
        "year": maybe(BOUND),
        "year_min": maybe(BOUND),
        "year_max": maybe(BOUND),
        "theme": subset(THEMES),
        "host": maybe(st.sampled_from(HOSTS)),
        "mode": maybe(st.sampled_from(Program.Mode.values)),
        "format": maybe(st.sampled_from(Program.Format.values[:3])),
        "country": maybe(st.sampled_from([*COUNTRIES, "eg"])),  # lower case names the same country
        "city": maybe(st.sampled_from(CITIES)),
        "network": maybe(st.sampled_from(NETWORKS)),
        "status": maybe(st.sampled_from([*Program.Status.values, "all"])),
        "q": maybe(st.sampled_from(WORDS)),
    }
)


def query_string(values):
    query = QueryDict(mutable=True)
    for name, value in values.items():
        if value:
            query.setlist(name, [str(item) for item in value] if isinstance(value, list) else [str(value)])
    return query


def chosen_by_hand(program, values):
    """Whether the selection ``values`` (a drawn query) chooses the drawn ``program``: the specification,
    written out plainly for this test's data."""
    lowest = max((int(values[name]) for name in ("year", "year_min") if values[name]), default=None)
    highest = min((int(values[name]) for name in ("year", "year_max") if values[name]), default=None)
    status = values["status"] or "confirmed"
    return (
        (lowest is None or program["year"] >= lowest)
        and (highest is None or program["year"] <= highest)
        and (not values["theme"] or bool(set(values["theme"]) & set(program["themes"])))
        and all(values[name] is None or values[name] == program[name] for name in ("host", "mode", "format"))
        and (values["country"] is None or values["country"].upper() in program["countries"])
        and (values["city"] is None or values["city"] in program["cities"])
        and (values["network"] is None or values["network"] in program["networks"])
        and (status == "all" or program["status"] == status)
        and (values["q"] is None or values["q"] == program["word"])
    )


def sql_column_counts(selection, facet, column):
    """Programs per value of a program column under every filter but ``facet``'s, straight from SQL."""
    rows = selection.without(facet).programs(Program.objects.all()).values_list(column).annotate(n=Count("pk"))
    return dict(rows.order_by())


class SelectionEnginesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.hosts = {slug: InstituteFactory(name=slug, slug=slug) for slug in HOSTS}
        cls.themes = {slug: ThemeFactory(name=slug, slug=slug) for slug in THEMES}
        cls.cities = {slug: CityFactory(name=slug, slug=slug) for slug in CITIES}
        cls.networks = {slug: NetworkFactory(name=slug, slug=slug) for slug in NETWORKS}

    def make_registry(self, programs):
        ids = []
        for number, values in enumerate(programs):
            program = ProgramFactory(
                title=f"{values['word'].title()} programme {number}",
                year=values["year"],
                host=self.hosts[values["host"]],
                status=values["status"],
                mode=values["mode"],
                format=values["format"],
                headcount=values["headcount"],
                themes=[self.themes[slug] for slug in values["themes"]],
            )
            program.target_cities.set([self.cities[slug] for slug in values["cities"]])
            program.networks.set([self.networks[slug] for slug in values["networks"]])
            TargetCountry.objects.bulk_create(
                TargetCountry(program=program, country=code) for code in values["countries"]
            )
            ids.append(program.pk)
        return ids, FacetIndex.build()

    @hypothesis_settings(max_examples=40, deadline=None)
    @given(programs=PROGRAMS, queries=st.lists(QUERIES, min_size=1, max_size=4))
    def test_sql_the_cube_and_the_index_answer_every_selection_alike(self, programs, queries):
        ids, index = self.make_registry(programs)
        assert len(index.programs) == len(programs)
        for values in queries:
            filterset = ProgramFilter(query_string(values), queryset=Program.objects.all())
            assert filterset.is_valid(), filterset.errors
            selection, where = filterset.selection, filterset.data.urlencode()
            indexed = IndexedSelection(index, selection, Program.objects.all())
            cube = ProgramCube(selection, Program.objects.all())
            in_sql = SqlCounts(selection, Program.objects.all())

            # The programs chosen: the list's SQL and the index name the same ones; all three count them alike.
            listed = set(filterset.qs.values_list("pk", flat=True))
            assert listed == {pk for pk, program in zip(ids, programs, strict=True) if chosen_by_hand(program, values)}
            assert set(indexed.programs()) == listed, where
            summary = filterset.qs.summary()
            assert indexed.summary() == summary == cube.summary(), where

            # Each facet's counts under the other filters: the cube's (program columns) and the link tables'
            # GROUP BYs against the index, and the cube against a plain GROUP BY per column.
            for facet in FACETS:
                assert indexed.counts(facet) == in_sql.counts(facet), (where, facet)
            for facet, column in zip(ProgramCube.FILTERS, ProgramCube.COLUMNS, strict=True):
                assert cube.counts(facet) == sql_column_counts(selection, facet, column), (where, facet)

            # What the default status leaves out, and the statistics of /stats/.
            assert indexed.set_aside() == cube.set_aside(), where
            if selection.status == DEFAULT_STATUS:
                not_confirmed = selection.without("status").programs(Program.objects.all()).not_confirmed()
                assert sum(row["programs"] for row in cube.set_aside()) == not_confirmed.count(), where
            counted = selection.without("status").programs(Program.objects.all())
            assert indexed_stats(indexed) == program_stats(filterset.qs, counted=counted, status=selection.status)


@pytest.fixture
def small_registry(db):
    """Four programs that differ in every filter's column or link."""
    hosts = [InstituteFactory(name=slug, slug=slug) for slug in HOSTS[:2]]
    themes = [ThemeFactory(name=slug, slug=slug) for slug in THEMES[:2]]
    cities, network = [CityFactory(name=slug, slug=slug) for slug in CITIES], NetworkFactory(name="ua", slug="ua")
    for number, (year, status, mode, fmt) in enumerate(
        [
            (2010, "confirmed", "onsite", "short_course"),
            (2011, "announced", "online", "workshop"),
            (2012, "possible_duplicate", "onsite", "workshop"),
            (2011, "confirmed", "online", "degree_course"),
        ]
    ):
        program = ProgramFactory(
            title=f"{WORDS[number % 2].title()} programme {number}",
            year=year,
            status=status,
            mode=mode,
            format=fmt,
            host=hosts[number % 2],
            themes=[themes[number % 2]],
        )
        program.target_cities.set([cities[number % 2]])
        if number % 2:
            program.networks.set([network])
            TargetCountry.objects.create(program=program, country="EG")


@pytest.mark.parametrize(
    "parameter, value",
    [
        ("q", "river"),
        ("year", "2011"),
        ("year_min", "2011"),
        ("year_max", "2011"),
        ("theme", "water"),
        ("host", "kdi"),
        ("mode", "online"),
        ("format", "workshop"),
        ("country", "eg"),
        ("city", "cairo"),
        ("network", "ua"),
        ("status", "announced"),
    ],
)
def test_a_declared_filter_alone_selects_what_its_parameter_alone_selects(small_registry, parameter, value):
    filterset = ProgramFilter(QueryDict(f"{parameter}={value}"), queryset=Program.objects.all())
    assert filterset.is_valid(), filterset.errors
    cleaned = filterset.form.cleaned_data[parameter]
    alone = filterset.filters[parameter].filter(Program.objects.all(), cleaned)
    query = f"{parameter}={value}" if parameter == "status" else f"{parameter}={value}&status=all"
    expected = ProgramFilter(QueryDict(query), queryset=Program.objects.all()).qs
    assert 0 < alone.count() < Program.objects.count()  # the filter narrows something here
    assert set(alone.values_list("pk", flat=True)) == set(expected.values_list("pk", flat=True))


def test_the_sort_filter_alone_orders_the_programs(small_registry):
    filterset = ProgramFilter(QueryDict("sort=title"), queryset=Program.objects.all())
    titles = list(filterset.filters["sort"].filter(Program.objects.all(), "title").values_list("title", flat=True))
    assert titles == sorted(titles) and len(titles) == 4
