"""The open data API at /api/v1/: the same selection as /programs/ and its JSON export for the same query
string, the same figures as /stats/, links that lead somewhere, nothing about participants, read-only,
CORS on /api/ only, throttled per client address, stored in the page cache, a valid OpenAPI document and
Swagger UI under the site's Content-Security-Policy."""

import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openapi_spec_validator import validate
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from cities.models import Network
from exchange_portal import pagecache
from programs.api.base import MAX_PAGE_SIZE, PAGE_SIZE, Paging
from programs.filters import ProgramFilter
from programs.models import DataQualityFlag, Program
from programs.selectors.facets import LISTED_BY_ID
from tests.factories import EnrollmentFactory, ParticipantFactory, StaffUserFactory
from tests.production.csp_audit import blocked_inline_code
from tests.public_pages import (  # noqa: F401 (fixtures)
    fixture_programs,
    headcount,
    program_links,
    select,
    shipped_registry,
    shipped_registry_module,
    visible_text,
)

pytestmark = pytest.mark.usefixtures("shipped_registry")

LISTS = ["programs", "themes", "institutes", "cities", "networks", "agreements"]


@pytest.fixture(autouse=True)
def no_throttle(settings):
    """Most tests send more requests than a client may; the throttle's own tests set a rate."""
    settings.API_THROTTLE_RATE = ""


def api(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    assert response["Content-Type"] == "application/json"
    return response.json()


def page_count(response):
    match = re.search(r"(\d[\d,]*) programs? with ([\d,]+) participants? reported", visible_text(response))
    assert match, visible_text(response)[:2000]
    return int(match.group(1).replace(",", ""))


# ------------------------------------------------------------------------------- same as the page


SELECTIONS = [
    "",
    "year=2017",
    "year_min=2014&year_max=2016",
    "theme=water&theme=climate-change",
    "theme=transportation&year_min=2014&year_max=2016&sort=title",
    "host=korea-university",
    "mode=online",
    "format=degree_course",
    "country=EG",
    "country=eg",
    "city=cairo",
    "network=citynet",
    "q=water",
    "q=Smart%20city",
    "sort=title",
    "sort=oldest",
    "sort=headcount",
    "page=2",
    "mode=onsite&sort=oldest&page=3",
]


@pytest.mark.parametrize("query", SELECTIONS, ids=[query or "(none)" for query in SELECTIONS])
def test_the_program_list_selects_what_the_page_and_the_json_export_select(client, query):
    page = client.get(f"/programs/?{query}")
    assert page.status_code == 200
    document = api(client, f"/api/v1/programs/?{query}&page_size=25")  # the page shows 25
    export = json.loads(client.get(f"/programs/export.json?{query}").content)

    assert document["count"] == page_count(page) == export["count"]
    assert document["count"] > 0
    slugs = [program["slug"] for program in document["results"]]
    assert slugs == program_links(page)
    number = int(re.search(r"page=(\d+)", query).group(1)) if "page=" in query else 1
    assert slugs == [row["slug"] for row in export["programs"]][(number - 1) * 25 : number * 25]


def test_the_filters_select_what_the_fixture_says(client):
    expected = select(themes="transportation", year=lambda year: 2014 <= year <= 2016)
    document = api(client, "/api/v1/programs/?theme=transportation&year_min=2014&year_max=2016")
    assert {program["slug"] for program in document["results"]} == {program["slug"] for program in expected}
    assert sum(program["headcount"] or 0 for program in document["results"]) == headcount(expected) == 117


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        ("year=abc", "year", "Enter a number."),
        ("theme=no-such-theme", "theme", "no-such-theme is not one of the available choices"),
        ("host=nobody", "host", "Select a valid choice"),
        ("country=XX", "country", "Select a valid choice"),
        ("year=99999", "year", "less than or equal to 2100"),
        ("sort=sideways", "sort", "Select a valid choice"),
        ("mode=underwater", "mode", "Select a valid choice"),
    ],
)
def test_an_invalid_parameter_answers_400_with_the_message_the_page_shows(client, query, parameter, message):
    errors = api(client, f"/api/v1/programs/?{query}", status=400)
    assert list(errors) == [parameter]
    assert any(message in text for text in errors[parameter])
    assert message in visible_text(client.get(f"/programs/?{query}"))  # the page names it too
    assert api(client, f"/api/v1/stats/?{query}", status=400) == errors


def test_paging_counts_and_links_the_pages(client):
    first = api(client, "/api/v1/programs/?mode=onsite&sort=oldest")
    assert len(first["results"]) == PAGE_SIZE and first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/programs/?mode=onsite&page=2&sort=oldest"
    second = api(client, first["next"])
    assert second["count"] == first["count"]
    assert second["previous"] == "http://testserver/api/v1/programs/?mode=onsite&sort=oldest"
    assert {p["slug"] for p in first["results"]}.isdisjoint(p["slug"] for p in second["results"])
    everything = api(client, f"/api/v1/programs/?page_size={MAX_PAGE_SIZE}")
    assert (
        len(everything["results"])
        == everything["count"]
        == len([p for p in fixture_programs() if p["status"] == "confirmed"])
    )
    assert everything["next"] is None
    assert api(client, "/api/v1/programs/?page=99", status=404) == {"detail": "Invalid page."}


def test_a_selection_fetched_by_id_is_paged_in_its_order_without_a_limit(client):
    # At most LISTED_BY_ID programs come by id from the facet index: all their ids in the list's order, paged
    # in Python. With a LIMIT, PostgreSQL walked its newest-first index past thousands of other programs to
    # find a small page (?page_size=1 took 7 ms at 50,000 programs; a host and a year, 18 ms).
    query = "mode=onsite&sort=oldest"
    whole = [
        program["slug"] for program in api(client, f"/api/v1/programs/?{query}&page_size={MAX_PAGE_SIZE}")["results"]
    ]
    assert 1 < len(whole) <= LISTED_BY_ID
    with CaptureQueriesContext(connection) as queries:
        one_by_one = [
            api(client, f"/api/v1/programs/?{query}&page_size=1&page={number}")["results"][0]["slug"]
            for number in range(1, len(whole) + 1)
        ]
    assert one_by_one == whole
    by_id = [executed["sql"] for executed in queries if '"programs_program"."id" IN (' in executed["sql"]]
    assert by_id and not any("LIMIT" in sql for sql in by_id)


@pytest.mark.parametrize(("asked", "given"), [("7", 7), ("1000", MAX_PAGE_SIZE), ("0", PAGE_SIZE), ("x", PAGE_SIZE)])
def test_page_size_is_capped(asked, given):
    request = Request(APIRequestFactory().get("/api/v1/programs/", {"page_size": asked}))
    assert Paging().get_page_size(request) == given


# ------------------------------------------------------------------------------------ the records


def test_a_program_carries_provenance_precision_flags_and_links(client):
    slug = "2012-welfare-graduate-program-university-of-minnesota"
    program = api(client, f"/api/v1/programs/{slug}/")
    assert program["url"] == f"http://testserver/api/v1/programs/{slug}/"
    assert program["html_url"] == f"http://testserver/programs/{slug}/"
    assert program["source_document"] == "seoul-policy-training-2005-2021.txt"
    assert program["source_locator"].startswith("row ")
    assert program["source_title"] == "Welfare Graduate Program, University of Minnesota/td>"
    assert program["source_period"] and program["source_text"]
    assert [(flag["code"], flag["field"]) for flag in program["quality_flags"]] == [("html_remnant", "title")]
    assert "HTML markup" in program["quality_flags"][0]["message"]
    assert program["status"] == "confirmed"
    for link in [program["host"], *program["themes"], *program["target_cities"], *program["networks"]]:
        assert client.get(link["url"]).status_code == 200
        assert client.get(link["html_url"]).status_code == 200


def test_month_precision_is_given_with_the_dates(client):
    slug = "2008-first-masters-degree-course-for-civil-servants-from-developing-countries"
    program = api(client, f"/api/v1/programs/{slug}/")
    assert (program["start_date"], program["end_date"], program["date_precision"]) == (
        "2008-08-01",
        "2010-02-28",
        "month",
    )


def test_programs_without_dates_have_no_precision(client):
    undated = next(program for program in fixture_programs() if not program["date_precision"])
    program = api(client, f"/api/v1/programs/{undated['slug']}/")
    assert program["start_date"] is None and program["date_precision"] is None
    assert program["source_period"] == undated["source_period"]


@pytest.mark.parametrize(
    ("slug", "status"),
    [
        ("2018-gyeonggi-civil-servants-exchange-training-in-taipei", "announced"),  # planned
        ("2011-city-administration-learning-sessions", "possible_duplicate"),
        ("2012-city-administration-learning-sessions", "possible_duplicate"),  # also announced in advance
        ("2017-water-management-training-program", "confirmed"),
    ],
)
def test_the_status_is_the_programs_recorded_status(client, slug, status):
    assert api(client, f"/api/v1/programs/{slug}/")["status"] == status


def test_the_status_is_what_staff_record_not_what_the_flags_say(client):
    slug = "2011-city-administration-learning-sessions"
    DataQualityFlag.objects.filter(program__slug=slug).update(status=DataQualityFlag.Status.RESOLVED)
    program = api(client, f"/api/v1/programs/{slug}/")
    assert program["status"] == "possible_duplicate" and program["quality_flags"] == []
    Program.objects.filter(slug=slug).update(status=Program.Status.CONFIRMED, duplicate_of=None)
    pagecache.registry_changed()
    assert api(client, f"/api/v1/programs/{slug}/")["status"] == "confirmed"


def test_the_detail_ignores_the_list_parameters(client):
    slug = "2017-water-management-training-program"
    assert api(client, f"/api/v1/programs/{slug}/?year=1999&sort=sideways")["slug"] == slug


def test_each_list_has_a_detail_by_slug_and_links_to_its_public_page(client):
    for name in LISTS:
        document = api(client, f"/api/v1/{name}/?page_size={MAX_PAGE_SIZE}")
        assert document["count"] == len(document["results"]) > 0, name
        record = document["results"][0]
        assert api(client, record["url"]) == record
        assert client.get(record["html_url"]).status_code == 200
        assert client.get(f"/api/v1/{name}/no-such-slug/").status_code == 404


def test_figures_over_a_records_programs_match_the_fixture(client):
    theme = api(client, "/api/v1/themes/water/")
    assert theme["program_count"] == len(select(themes="water"))
    assert theme["headcount"] == headcount(select(themes="water"))
    assert api(client, theme["programs_url"])["count"] == theme["program_count"]
    city = api(client, "/api/v1/cities/cairo/")
    assert city["program_count"] == len(select(cities="cairo")) == api(client, city["programs_url"])["count"]
    network = api(client, "/api/v1/networks/citynet/")
    assert network["program_count"] == len(select(networks="citynet"))
    institute = api(client, "/api/v1/institutes/korea-university/")
    assert institute["program_count"] == len(select(host="korea-university"))
    agreements = api(client, "/api/v1/agreements/")["results"]
    for agreement in agreements:
        expected = [program for program in fixture_programs() if program["agreement"] == agreement["slug"]]
        # The agreement names every program held under it; its figures count the confirmed ones.
        assert len(agreement["programs"]) == len(expected)
        assert agreement["program_count"] == len([p for p in expected if p["status"] == "confirmed"])


def test_the_statistics_are_those_of_the_stats_page(client):
    for query in ("", "theme=transportation", "year_min=2014&year_max=2016&mode=onsite"):
        page = client.get(f"/stats/?{query}")
        stats, totals = page.context["stats"], page.context["totals"]
        document = api(client, f"/api/v1/stats/?{query}")
        assert (document["programs"], document["headcount"]) == (stats.programs, stats.headcount)
        assert [(row["year"], row["programs"], row["headcount"]) for row in document["by_year"]] == [
            (row.year, row.programs, row.headcount) for row in stats.years
        ]
        assert document["theme_by_year"]["years"] == stats.theme_matrix.years
        assert [(row["theme"], row["counts"]) for row in document["theme_by_year"]["rows"]] == [
            (row.slug, row.counts) for row in stats.theme_matrix.rows
        ]
        assert [(row["country"], row["programs"], row["headcount"]) for row in document["by_country"]] == [
            (row.code, row.programs, row.headcount) for row in stats.countries
        ]
        assert [(row["city"], row["programs"]) for row in document["by_city"]] == [
            (row.slug, row.programs) for row in stats.cities
        ]
        assert [(row["mode"], row["programs"]) for row in document["by_mode"]] == [
            (row.code, row.programs) for row in stats.modes
        ]
        source = document["source_table"]
        assert (source["programs"], source["headcount"]) == (totals.programs, totals.headcount)
        assert (source["stated"]["programs"], source["stated"]["participants"]) == (168, 2425)
        assert source["explanation"] == totals.explanation()
        export = json.loads(client.get(f"/stats/export.json?{query}").content)
        assert [(row["year"], row["programs"], row["headcount"]) for row in export["by_year"]] == [
            (row["year"], row["programs"], row["headcount"]) for row in document["by_year"]
        ]


# ------------------------------------------------------------------------------ nothing personal


def walk(value, path=""):
    """Every (key path, key, scalar) of a JSON document."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield path, key, None
            yield from walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, path)
    else:
        yield path, None, value


def test_no_endpoint_serves_anything_about_participants(client):
    program = Program.objects.get(slug="2017-water-management-training-program")
    person = ParticipantFactory(
        name="Zelda Quetzalcoatl-Pemberton", email="zelda.qp@ministry.example", phone="+82-2-5550-1234"
    )
    EnrollmentFactory(participant=person, program=program)
    secrets = [person.name, person.email, person.phone, "Quetzalcoatl", "zelda.qp", "5550-1234"]

    urls = [
        "/api/v1/",
        "/api/v1/stats/",
        f"/api/v1/programs/{program.slug}/",
        f"/api/v1/cities/{person.home_city.slug}/",
    ]
    for name in LISTS:
        document = api(client, f"/api/v1/{name}/?page_size={MAX_PAGE_SIZE}")
        urls += [document["results"][0]["url"], f"/api/v1/{name}/?page_size={MAX_PAGE_SIZE}"]
    scanned = 0
    for url in urls:
        for path, key, value in walk(api(client, url)):
            scanned += 1
            if key is not None:
                assert "enrol" not in key.lower() and "participant" not in path.lower(), (url, path, key)
                assert key not in {"email", "phone", "organisation", "home_city", "completion", "role"}, (url, key)
            if isinstance(value, str):
                assert not any(secret.lower() in value.lower() for secret in secrets), (url, path, value)
    assert scanned > 1000
    schema = client.get("/api/schema/").content.decode().lower()
    assert "enrollment" not in schema and "email" not in schema and "phone" not in schema


# ---------------------------------------------------------------------- read-only, CORS, throttle


@pytest.mark.parametrize("url", ["/api/v1/programs/", "/api/v1/programs/2017-water-management-training-program/"])
def test_only_reading_methods_are_allowed(client, url):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(url, data="{}", content_type="application/json")
        assert response.status_code == 405, method
    assert client.head(url).status_code == 200
    assert client.options(url).status_code == 200


def test_cors_is_open_for_reading_the_api_only(client):
    response = client.get("/api/v1/programs/", HTTP_ORIGIN="https://data.example.net")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        "/api/v1/programs/", HTTP_ORIGIN="https://data.example.net", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert set(preflight["Access-Control-Allow-Methods"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}
    for url in ("/programs/", "/programs/export.json", "/admin/login/"):
        assert "Access-Control-Allow-Origin" not in client.get(url, HTTP_ORIGIN="https://data.example.net")


def test_one_url_gives_the_same_bytes_whatever_the_accept_header(client):
    # The page cache keys by URL alone: no indented, browsable or ?format= variant of an answer.
    url = "/api/v1/programs/?format=degree_course"  # format is the programs' filter, not a renderer
    plain = client.get(url)
    assert plain.status_code == 200 and plain.json()["count"] == len(select(format="degree_course"))
    assert client.get(url, HTTP_ACCEPT="application/json; indent=4").content == plain.content
    assert client.get(url, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8").content == plain.content


@pytest.fixture
def throttle(settings):
    settings.API_THROTTLE_RATE = "3/min"
    cache.clear()
    yield
    cache.clear()


def test_a_client_over_the_rate_gets_429_with_retry_after(client, throttle):
    for page in (1, 2, 3):
        assert client.get(f"/api/v1/programs/?page={page}").status_code == 200
    response = client.get("/api/v1/themes/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "throttled" in response.json()["detail"]
    assert client.get("/programs/").status_code == 200  # the pages are not throttled


def test_a_forged_forwarded_for_header_does_not_escape_the_throttle(client, throttle):
    for number in range(3):
        assert client.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}").status_code == 200
    assert client.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="10.0.0.99").status_code == 429


def test_behind_a_proxy_each_client_address_has_its_own_budget(client, throttle, settings):
    settings.TRUSTED_PROXY_COUNT = 1  # the proxy appends the address it saw

    def get(forwarded):
        return client.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert [get(f"{number}.1.1.1, 198.51.100.7") for number in range(4)] == [200, 200, 200, 429]
    assert get("198.51.100.8") == 200  # another client


# ---------------------------------------------------------------------------------- page cache


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_ADMIT_AFTER = 1  # a page with a query string is kept at its first request
    cache.clear()
    yield
    cache.clear()


def test_a_repeated_request_is_served_from_the_page_cache(client, page_cache_on, django_assert_num_queries):
    url = "/api/v1/programs/?theme=water&page_size=5"
    first = client.get(url)
    with django_assert_num_queries(1):  # the registry's generation
        again = client.get(url)
    assert again.status_code == 200 and again.content == first.content
    assert again["Content-Type"] == "application/json"
    stored = cache.get(pagecache.PublicPageCacheMiddleware.key(RequestFactory().get(url)))
    assert stored.content == first.content and stored.data is None  # the JSON bytes, not the data twice
    cors = client.get(url, HTTP_ORIGIN="https://data.example.net")
    assert cors["Access-Control-Allow-Origin"] == "*" and cors.content == first.content
    for url in ("/api/v1/stats/", "/api/schema/", "/api/docs/"):
        client.get(url)
        with django_assert_num_queries(1):
            client.get(url)


def test_an_admin_write_changes_the_answer_at_the_next_request(
    client, page_cache_on, django_capture_on_commit_callbacks
):
    url = "/api/v1/networks/citynet/"
    before = api(client, url)
    program_url = f"/api/v1/programs/{select(networks='citynet')[0]['slug']}/"
    assert "CITYNET" in [network["name"] for network in api(client, program_url)["networks"]]

    network = Network.objects.get(slug="citynet")
    staff = type(client)()
    staff.force_login(StaffUserFactory(username="editor", is_superuser=True))
    data = {key: value for key, value in model_to_dict(network).items() if value is not None}
    data.update(short_name="CityNet AP", short_name_en="CityNet AP", _save="Save")
    with django_capture_on_commit_callbacks(execute=True):  # the generation changes when the write commits
        response = staff.post(reverse("admin:cities_network_change", args=[network.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]

    after = api(client, url)
    assert after != before and after["short_name"] == "CityNet AP"
    assert "CityNet AP" in [network["name"] for network in api(client, program_url)["networks"]]


def test_error_answers_are_not_cached(client, page_cache_on):
    client.get("/api/v1/programs/?year=abc")
    client.get("/api/v1/programs/no-such-program/")
    key = pagecache.PublicPageCacheMiddleware.key
    assert cache.get(key(RequestFactory().get("/api/v1/programs/?year=abc"))) is None
    assert cache.get(key(RequestFactory().get("/api/v1/programs/no-such-program/"))) is None


# ------------------------------------------------------------------------------------- queries


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # The generation (the facet index counts), the page's ids, its programs, themes, cities, countries,
        # networks, flags; in SQL (no index) a COUNT instead of the generation.
        ("/api/v1/programs/", 8),
        ("/api/v1/programs/?theme=water&theme=transportation&host=shrdc&sort=title", 10),  # + theme, host lookups
        ("/api/v1/themes/", 3),  # count, page, figures
        ("/api/v1/institutes/", 4),  # + agreements
        ("/api/v1/cities/", 5),  # + networks, agreements
        ("/api/v1/networks/", 3),
        ("/api/v1/agreements/", 6),  # + cities, institutes, programs
    ],
)
def test_queries_do_not_grow_with_the_page_size(client, django_assert_num_queries, url, queries, settings):
    api(client, url)  # builds the worker's facet index of the generation (tests/programs/test_facet_index.py)
    for size in (1, 10, MAX_PAGE_SIZE):
        with django_assert_num_queries(queries):
            api(client, f"{url}{'&' if '?' in url else '?'}page_size={size}")
    settings.FACET_INDEX = False
    for size in (1, 10, MAX_PAGE_SIZE):
        with django_assert_num_queries(queries):
            api(client, f"{url}{'&' if '?' in url else '?'}page_size={size}")


def test_a_detail_makes_a_fixed_number_of_queries(client, django_assert_num_queries):
    # Its id by slug, then as a page of one: the program with host, agreement and original joined; its themes,
    # cities, countries, networks and open flags.
    with django_assert_num_queries(7):
        api(client, "/api/v1/programs/2017-taipei-civil-servants-exchange-training-in-gyeonggi/")
    with django_assert_num_queries(4):  # city, networks, agreements, figures
        api(client, "/api/v1/cities/cairo/")


# ------------------------------------------------------------------------------ schema and docs


def test_the_openapi_document_is_valid_and_documents_every_parameter_and_field(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    schema = response.json()
    validate(schema)  # raises on an invalid OpenAPI document
    assert schema["openapi"].startswith("3.")

    paths = schema["paths"]
    for name in LISTS:
        assert f"/api/v1/{name}/" in paths and f"/api/v1/{name}/{{slug}}/" in paths
    assert "/api/v1/stats/" in paths
    assert set(paths) <= {path for path in paths if path.startswith("/api/v1/")}
    program_parameters = {parameter["name"] for parameter in paths["/api/v1/programs/"]["get"]["parameters"]}
    assert program_parameters == {
        *("year", "year_min", "year_max", "theme", "host", "mode", "format", "country", "city", "network", "q"),
        "status",
        *("sort", "page", "page_size"),
    }
    undocumented = []
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert method in {"get"}, (path, method)
            for parameter in operation.get("parameters", []):
                if not parameter.get("description") or not (parameter.get("examples") or parameter.get("example")):
                    undocumented.append(f"{path} parameter {parameter['name']}")
            body = operation["responses"]["200"]["content"]["application/json"]
            if not body.get("examples"):
                undocumented.append(f"{path}: no example answer")
    for name, component in schema["components"]["schemas"].items():
        for field, definition in component.get("properties", {}).items():
            if not definition.get("description"):
                undocumented.append(f"{name}.{field}")
    assert undocumented == []
    status = schema["components"]["schemas"]["Program"]["properties"]["status"]["description"]
    assert "`announced`" in status and "`confirmed`" in status and "`possible_duplicate`" in status
    assert "unless `status=` asks for others" in status


def test_the_query_parameters_are_generated_from_the_filters(client):
    """drf-spectacular documents ProgramFilter: each filter is a parameter described by its help_text and
    typed by the model field it reads; the statistics take the same ones except the order. Each example
    is a value the API accepts."""
    paths = client.get("/api/schema/").json()["paths"]
    programs, stats = (
        {parameter["name"]: parameter for parameter in paths[path]["get"]["parameters"]}
        for path in ("/api/v1/programs/", "/api/v1/stats/")
    )
    for name, parameter_filter in ProgramFilter.base_filters.items():
        assert programs[name]["description"].startswith(parameter_filter.extra["help_text"]), name
    assert set(stats) == set(ProgramFilter.base_filters) - {"sort"}
    types = {name: programs[name]["schema"]["type"] for name in ("year", "year_min", "year_max", "q", "host")}
    assert types == {"year": "integer", "year_min": "integer", "year_max": "integer", "q": "string", "host": "string"}
    assert programs["theme"]["schema"] == {"type": "array", "items": {"type": "string"}}
    assert programs["theme"]["explode"] is True
    assert programs["mode"]["schema"]["enum"] == sorted(Program.Mode.values)
    assert programs["status"]["schema"]["enum"] == sorted([*Program.Status.values, "all"])
    assert programs["country"]["schema"] == {"type": "string"}  # in either case: no enum of upper-case codes
    for name, parameter in programs.items():
        for example in parameter["examples"].values():
            response = client.get("/api/v1/programs/", {name: example["value"]})
            assert response.status_code == 200, (name, example, response.content[:200])


def strict(components):
    """The components with additionalProperties false on every object: an answer may hold no field that
    the document does not describe."""
    components = json.loads(json.dumps(components))
    for component in components["schemas"].values():
        if "properties" in component:
            component["additionalProperties"] = False
    return components


ANSWERS = [
    ("/api/v1/", "Index"),
    ("/api/v1/stats/", "Stats"),
    ("/api/v1/stats/?theme=transportation&year_min=2014", "Stats"),
    ("/api/v1/programs/2012-city-administration-learning-sessions/", "Program"),
    ("/api/v1/agreements/taipei-gyeonggi-civil-servants-exchange-training-mou-2017/", "Agreement"),
    *[
        (f"/api/v1/{name}/?page_size={MAX_PAGE_SIZE}", f"Paginated{kind}List")
        for name, kind in [
            ("programs", "Program"),
            ("themes", "Theme"),
            ("institutes", "Institute"),
            ("cities", "City"),
            ("networks", "Network"),
            ("agreements", "Agreement"),
        ]
    ],
]


def test_every_answer_is_what_the_openapi_document_describes(client):
    from openapi_schema_validator import OAS31Validator

    components = strict(client.get("/api/schema/").json()["components"])
    for url, component in ANSWERS:
        validator = OAS31Validator({"$ref": f"#/components/schemas/{component}", "components": components})
        errors = [
            f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in validator.iter_errors(api(client, url))
        ]
        assert errors == [], (url, errors[:5])
        required = components["schemas"][component.removeprefix("Paginated").removesuffix("List")].get("required")
        assert required, component  # every field is present in every answer


def test_the_example_answers_match_the_schema_fields(client):
    schema = client.get("/api/schema/").json()
    program_fields = set(schema["components"]["schemas"]["Program"]["properties"])
    example = schema["paths"]["/api/v1/programs/{slug}/"]["get"]["responses"]["200"]["content"]["application/json"]
    assert set(next(iter(example["examples"].values()))["value"]) == program_fields
    live = api(client, "/api/v1/programs/2018-gyeonggi-civil-servants-exchange-training-in-taipei/")
    assert set(live) == program_fields


def test_swagger_ui_is_served_from_this_site_without_inline_code(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert blocked_inline_code(html) == []
    sources = re.findall(r'<script src="([^"]+)"', html)
    assert sources and all(source.startswith(("/static/drf_spectacular_sidecar/", "/api/docs/?")) for source in sources)
    assert all(client.get(source).status_code == 200 for source in sources)
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css" in stylesheets
    assert all(sheet.startswith("/static/") and client.get(sheet).status_code == 200 for sheet in stylesheets)
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    script = client.get(sources[-1])
    assert script["Content-Type"] == "application/javascript" and '"/api/schema/"' in script.content.decode()
    assert not script.cookies  # no CSRF cookie: the API takes no writes
