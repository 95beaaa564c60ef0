"""The number of SQL queries of each public page stays the same as the data and the page grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.models import Agreement
from programs.models import Program, TargetCountry
from tests.factories import (
    AgreementFactory,
    CityFactory,
    InstituteFactory,
    NetworkFactory,
    ProgramFactory,
    ThemeFactory,
)

URLS = [
    "/",
    "/programs/",
    "/programs/?theme=theme-a&year_min=2006&sort=title",
    "/programs/export.csv",
    "/programs/export.json",
    "/programs/export.xlsx",
    "/programs/program-0/",
    "/stats/",
    "/stats/export.csv",
    "/stats/?status=all",
    "/about/numbers/",
    "/themes/theme-a/",
    "/institutes/host-institute/",
    "/cities/",
    "/cities/target-city-0/",
    "/agreements/",
    "/agreements/the-agreement/",
    "/ko/programs/",
]


def build_programs(start, stop):
    """Programs with every relation filled in, spread over years, themes, cities and countries."""
    host = InstituteFactory(name="Host Institute", slug="host-institute")
    themes = [ThemeFactory(name="Theme A", slug="theme-a"), ThemeFactory(name="Theme B", slug="theme-b")]
    network = NetworkFactory(name="Net", slug="net")
    agreement = Agreement.objects.filter(slug="the-agreement").first() or AgreementFactory(
        title="The agreement", slug="the-agreement"
    )
    for index in range(start, stop):
        city = CityFactory(
            name=f"Target city {index % 7}",
            slug=f"target-city-{index % 7}",
            country=["EG", "TW", "ID"][index % 3],
            latitude=10 + index % 7,
            longitude=20 + index % 7,
        )
        city.networks.add(network)
        agreement.party_cities.add(city)
        program = ProgramFactory(
            title=f"Program {index}",
            slug=f"program-{index}",
            year=2005 + index % 15,
            host=host,
            themes=themes[: 1 + index % 2],
            agreement=agreement,
            # Every fifth program announced, so that the pages also name what they leave out.
            status=Program.Status.ANNOUNCED if index % 5 == 4 else Program.Status.CONFIRMED,
        )
        program.target_cities.add(city)
        program.networks.add(network)
        TargetCountry.objects.create(program=program, country=city.country)


def query_counts(client):
    """The queries of each page within a generation: after a first request of each, which also builds
    this worker's facet index and the figures kept with it (a fixed number of queries of its own, see
    tests/programs/test_facet_index.py)."""
    counts = {}
    for url in URLS:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


@pytest.mark.django_db
def test_queries_per_page_do_not_grow_with_the_data(client):
    build_programs(0, 5)
    small = query_counts(client)
    build_programs(5, 50)
    large = query_counts(client)
    assert large == small
    assert max(small.values()) <= 20, small


@pytest.mark.django_db
def test_program_list_query_count_is_exact(client, django_assert_num_queries):
    build_programs(0, 30)
    # The first request of the generation also builds the facet index: one grouped query of the programs'
    # columns, one per link table (4) and one of the headcounts; and reads the themes, hosts and networks
    # that label the facets, kept with the index.
    with django_assert_num_queries(4 + 6 + 3):
        client.get("/programs/")
    # Then: the generation + labels of the cities found + page + themes prefetch (+ theme validation for
    # ?theme=); the counts and the other labels come from the index.
    with django_assert_num_queries(4):
        client.get("/programs/")
    with django_assert_num_queries(5):
        client.get("/programs/?theme=theme-a")


@pytest.mark.django_db
def test_program_list_query_count_in_sql_is_exact(client, django_assert_num_queries, settings):
    settings.FACET_INDEX = False
    build_programs(0, 30)
    # page + themes prefetch + one grouped query for year/host/mode/format and the summary + four link
    # tables + labels of themes, hosts, cities, networks (+ theme validation for ?theme=)
    with django_assert_num_queries(11):
        client.get("/programs/")
    with django_assert_num_queries(12):
        client.get("/programs/?theme=theme-a")
