"""The facet index (programs/selectors/index.py) against the SQL it replaces: for filter combinations drawn
by hypothesis over the shipped registry, every facet's counts, the summary and the programs set aside are
the same from the index as from SQL (``facets.SqlCounts``), on SQLite and on PostgreSQL."""

import threading

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, assume, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from programs.filters import ProgramFilter
from programs.models import Program
from programs.selectors import index as facet_index
from programs.selectors.facets import SqlCounts, program_facets
from programs.selectors.stats import indexed_stats, program_stats
from tests.public_pages import fixture_programs, fixture_records, shipped_registry, shipped_registry_module  # noqa: F401

pytestmark = pytest.mark.usefixtures("shipped_registry")

PROGRAMS = fixture_programs()
THEMES = sorted({theme for program in PROGRAMS for theme in program["themes"]})
HOSTS = sorted({program["host"] for program in PROGRAMS})
COUNTRIES = sorted({code for program in PROGRAMS for code in program["countries"]})
CITIES = sorted({city for program in PROGRAMS for city in program["cities"]})
NETWORKS = sorted({network for program in PROGRAMS for network in program["networks"]})
YEARS = st.integers(min_value=2004, max_value=2023).map(str)


def maybe(strategy):
    return st.one_of(st.none(), strategy)


QUERIES = st.fixed_dictionaries(
    {
        "year": maybe(YEARS),
        "year_min": maybe(YEARS),
        "year_max": maybe(YEARS),
        "theme": st.lists(st.sampled_from(THEMES), max_size=3, unique=True),
        "host": maybe(st.sampled_from(HOSTS)),
        "mode": maybe(st.sampled_from(Program.Mode.values)),
        "format": maybe(st.sampled_from(Program.Format.values)),
        "country": maybe(st.sampled_from([*COUNTRIES, "FR", "kr"])),
        "city": maybe(st.sampled_from(CITIES)),
        "network": maybe(st.sampled_from(NETWORKS)),
        "status": maybe(st.sampled_from([*Program.Status.values, "all"])),
        "q": maybe(st.sampled_from(["city", "smart", "water", "Seoul", "e-government", "서울"])),
    }
)


def query_string(values):
    query = QueryDict(mutable=True)
    for name, value in values.items():
        if value:
            query.setlist(name, value if isinstance(value, list) else [value])
    return query


@hypothesis_settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=QUERIES)
# Found by this test: the SQL cube let ``year`` override ``year_max`` where the list applies both.
@example(values={"year": "2006", "year_max": "2005"})
def test_the_index_counts_what_sql_counts(values):
    query = query_string(values)
    index = facet_index.current()
    assert index is not None
    selection = ProgramFilter(query, queryset=Program.objects.all()).selection
    sql = SqlCounts(selection, Program.objects.all())
    indexed = facet_index.IndexedSelection(index, selection, Program.objects.all())
    for facet in facet_index.FACETS:
        assert indexed.counts(facet) == sql.counts(facet), (query.urlencode(), facet)
    assert indexed.summary() == sql.summary(), query.urlencode()
    assert indexed.set_aside() == sql.set_aside(), query.urlencode()


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=QUERIES)
@example(values={"status": "all", "theme": ["water", "transportation"]})
def test_stats_from_the_index_equal_stats_in_sql(values):
    filterset = ProgramFilter(query_string(values), queryset=Program.objects.all())
    assume(filterset.is_valid())  # an invalid filter selects nothing: its statistics are counted in SQL
    selection = filterset.selection
    in_sql = program_stats(
        filterset.qs, counted=selection.without("status").programs(Program.objects.all()), status=selection.status
    )
    from_index = indexed_stats(facet_index.IndexedSelection(facet_index.current(), selection, Program.objects.all()))
    assert from_index == in_sql, filterset.data.urlencode()


def test_the_index_counts_the_fixture():
    """Independently of both: the whole registry, from the fixture's JSON."""
    index = facet_index.current()
    every_status = ProgramFilter(QueryDict("status=all"), queryset=Program.objects.all()).selection
    selection = facet_index.IndexedSelection(index, every_status, Program.objects.all())
    assert selection.summary()["programs"] == len(PROGRAMS) == len(index.programs)
    headcounts = [program["headcount"] for program in PROGRAMS if program["headcount"] is not None]
    assert selection.summary()["headcount"] == sum(headcounts)
    assert selection.summary()["unreported"] == len(PROGRAMS) - len(headcounts)
    assert sum(selection.counts("country").values()) == len(fixture_records()["programs.targetcountry"])


def test_one_build_per_generation_and_a_write_drops_the_index():
    first = facet_index.current()
    assert facet_index.current() is first  # reused
    host = Program.objects.first().host
    Program.objects.create(title="Extra", slug="extra-index", year=2019, host=host)
    second = facet_index.current()
    assert second is not first and len(second.programs) == len(first.programs) + 1


def test_while_another_thread_builds_the_index_a_request_counts_in_sql(settings):
    facet_index.forget()
    with facet_index._lock:  # another thread is building
        assert facet_index.current() is None
        with CaptureQueriesContext(connection) as queries:
            program_facets(ProgramFilter(QueryDict("year=2019"), queryset=Program.objects.all()))
        assert sum("GROUP BY" in query["sql"].upper() for query in queries) == 5  # the SQL path answered
    settings.FACET_INDEX = False
    assert facet_index.current() is None


def test_builds_do_not_stampede(monkeypatch):
    """Threads asking at once: one builds, the others get None (and count in SQL) rather than wait or build."""
    builds, started, release = [], threading.Event(), threading.Event()

    def slow_build(generation=None):  # stands in for a build that takes a while, without the database
        builds.append(generation)
        started.set()
        release.wait(5)
        return facet_index.FacetIndex(generation, facet_index.EMPTY, {}, facet_index.EMPTY, ())

    monkeypatch.setattr(facet_index.FacetIndex, "build", slow_build)
    results = []
    worker = threading.Thread(target=lambda: results.append(facet_index._index_for("g1")))
    worker.start()
    assert started.wait(5)
    assert facet_index._index_for("g1") is None  # this thread neither waits nor builds
    release.set()
    worker.join(5)
    assert builds == ["g1"] and results[0].generation == "g1"
    assert facet_index._index_for("g1") is results[0]  # built once, then reused
    facet_index._index_for("g2")
    assert builds == ["g1", "g2"]  # a new generation, a new build


def test_a_build_takes_six_queries_whatever_the_data_size(django_assert_num_queries):
    """The generation, then one grouped query of the programs' columns, one per link table and one of the
    headcounts: the same six with 181 programs as with 50,000 (bench/compare.py times the large build)."""
    facet_index.forget()
    with django_assert_num_queries(1 + 6):
        facet_index.current()
    with django_assert_num_queries(1):  # the generation only: the index is reused
        facet_index.current()
