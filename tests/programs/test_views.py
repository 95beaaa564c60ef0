"""The program list, its filters and invalid input, program detail, home, themes, institutes and the
statistics page, checked against figures computed straight from fixtures/registry.json."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


def result_count(response):
    match = re.search(r"(\d[\d,]*) programs? with ([\d,]+) participants? reported", visible_text(response))
    assert match, visible_text(response)[:2000]
    return int(match.group(1).replace(",", "")), int(match.group(2).replace(",", ""))


def test_unfiltered_list_counts_every_program_and_the_total_headcount(client):
    response = client.get("/programs/")
    assert response.status_code == 200
    programs = select()
    assert result_count(response) == (len(programs), headcount(programs))
    unreported = sum(1 for program in programs if program["headcount"] is None)
    assert f"({unreported} programs report no headcount)" in visible_text(response)
    assert len(program_links(response)) == 25


FILTER_CASES = [
    ("year=2017", dict(year=2017)),
    ("year_min=2014&year_max=2016", dict(year=lambda y: 2014 <= y <= 2016)),
    ("year_min=2019", dict(year=lambda y: y >= 2019)),
    ("theme=water", dict(themes="water")),
    ("theme=water&theme=climate-change", dict(themes={"water", "climate-change"})),
    (
        "theme=transportation&year_min=2014&year_max=2016",
        dict(themes="transportation", year=lambda y: 2014 <= y <= 2016),
    ),
    ("theme=water&year=2017", dict(themes="water", year=2017)),
    ("host=korea-university", dict(host="korea-university")),
    ("mode=online", dict(mode="online")),
    ("format=degree_course", dict(format="degree_course")),
    ("country=EG", dict(countries="EG")),
    ("country=eg", dict(countries="EG")),
    ("city=cairo", dict(cities="cairo")),
    ("network=citynet", dict(networks="citynet")),
    ("network=citynet&mode=online", dict(networks="citynet", mode="online")),
    ("q=water", dict(title=lambda t: "water" in t.lower())),
    # Every word must match (words that name no city, country, theme, host or network: see test_languages.py).
    ("q=Program%20Online", dict(title=lambda t: "program" in t.lower() and "online" in t.lower())),
]


@pytest.mark.parametrize(("query", "criteria"), FILTER_CASES, ids=[case[0] for case in FILTER_CASES])
def test_each_filter_selects_the_programs_the_fixture_says(client, query, criteria):
    expected = select(**criteria)
    assert expected, "the case should select something"
    response = client.get(f"/programs/?{query}&sort=title")
    assert response.status_code == 200
    assert result_count(response) == (len(expected), headcount(expected))
    shown = program_links(response)
    if len(expected) <= 25:
        assert set(shown) == {program["slug"] for program in expected}


def test_transportation_participants_2014_to_2016_answer_the_managers_question(client):
    expected = select(themes="transportation", year=lambda y: 2014 <= y <= 2016)
    response = client.get("/programs/?theme=transportation&year_min=2014&year_max=2016")
    assert result_count(response)[1] == headcount(expected) == 117


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("oldest", lambda p: p["year"]),
        ("newest", lambda p: -p["year"]),
        ("headcount", lambda p: -(p["headcount"] or -1)),
    ],
)
def test_sorting_puts_the_expected_program_first(client, sort, key):
    response = client.get(f"/programs/?sort={sort}")
    first = next(program for program in select() if program["slug"] == program_links(response)[0])
    best = min(key(program) for program in select())
    assert key(first) == best


def test_sorting_by_title_is_alphabetical(client):
    response = client.get("/programs/?sort=title&mode=online")
    titles = re.findall(r'<h3><a href="/programs/[^"]+/">([^<]+)</a>', response.content.decode())
    assert titles == sorted(titles)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=abc", "Enter a number."),
        ("theme=no-such-theme", "no-such-theme is not one of the available choices"),
        ("host=nobody", "Select a valid choice"),
        ("country=XX", "Select a valid choice"),
        ("year=99999", "less than or equal to 2100"),
        ("sort=sideways", "Select a valid choice"),
    ],
)
def test_invalid_parameters_explain_themselves_and_select_nothing(client, query, message):
    response = client.get(f"/programs/?{query}")
    assert response.status_code == 200
    text = visible_text(response)
    assert "Some filters could not be used" in text
    assert message in text
    assert program_links(response) == []
    assert 'role="alert"' in response.content.decode()


def test_invalid_filter_offers_a_link_that_removes_only_it(client):
    response = client.get("/programs/?year=abc&theme=water")
    assert 'href="?theme=water"' in response.content.decode()


def test_a_page_past_the_end_shows_the_last_page_with_a_notice(client):
    response = client.get("/programs/?page=99999")
    assert response.status_code == 200
    pages = -(-len(select()) // 25)
    assert f"There is no page “99999”; showing page {pages} of {pages}." in visible_text(response)
    assert program_links(response)
    assert client.get("/programs/?page=abc").status_code == 200


@pytest.mark.parametrize("requested", ["0", "abc", "-3"])
def test_a_page_that_is_not_a_page_number_shows_the_first_page_with_a_notice(client, requested):
    response = client.get(f"/programs/?page={requested}")
    assert response.status_code == 200
    assert f"There is no page “{requested}”; showing page 1 of" in visible_text(response)
    assert program_links(response) == program_links(client.get("/programs/"))


def test_chips_remove_one_value_and_keep_the_rest(client):
    response = client.get("/programs/?year=2016&theme=water&theme=transportation&page=1")
    body = response.content.decode()
    assert "Year: 2016" in visible_text(response)
    assert 'href="?year=2016&amp;theme=transportation"' in body  # removes water, keeps the rest, drops page
    assert 'href="?theme=water&amp;theme=transportation"' in body  # removes the year


def test_pagination_links_keep_the_filters(client):
    response = client.get("/programs/?mode=onsite&sort=oldest")
    body = response.content.decode()
    assert 'href="?mode=onsite&amp;sort=oldest&amp;page=2"' in body
    second = client.get("/programs/?mode=onsite&sort=oldest&page=2")
    assert set(program_links(second)).isdisjoint(program_links(response))


def test_permalink_is_the_whole_state(client):
    query = "?theme=transportation&year_min=2014&year_max=2016&sort=title"
    response = client.get(f"/programs/{query}")
    assert f'href="/programs/{query.replace("&", "&amp;")}">Permalink' in response.content.decode()
    again = client.get(f"/programs/{query}")
    assert program_links(again) == program_links(response)


def test_export_links_carry_the_selection(client):
    response = client.get("/programs/?theme=water&page=2")
    body = response.content.decode()
    for extension in ("csv", "xlsx", "json"):
        assert f'href="/programs/export.{extension}?theme=water"' in body


def program_page(client, slug, prefix=""):
    response = client.get(f"{prefix}/programs/{slug}/")
    assert response.status_code == 200
    return response


def test_month_precision_dates_show_months_only(client):
    slug = "2008-first-masters-degree-course-for-civil-servants-from-developing-countries"
    text = visible_text(program_page(client, slug))
    assert "August 2008 – February 2010" in text
    assert "(the source gives months only)" in text


def test_day_precision_dates_show_days(client):
    text = visible_text(program_page(client, "2017-water-management-training-program"))
    assert "Oct. 15, 2017 – Oct. 22, 2017" in text


def test_program_without_dates_shows_the_sources_own_period(client):
    undated = [program for program in fixture_programs() if not program["date_precision"]]
    for program in undated:
        text = visible_text(program_page(client, program["slug"]))
        assert program["source_period"] in text


def test_detail_shows_provenance_and_open_data_quality_notes(client):
    text = visible_text(program_page(client, "2012-welfare-graduate-program-university-of-minnesota"))
    assert "Where this record comes from" in text
    assert "seoul-policy-training-2005-2021.txt" in text
    assert "Notes on data quality" in text
    assert "The source's title carries a piece of HTML markup; it is left out of the title." in text
    assert "Welfare Graduate Program, University of Minnesota/td>" in text  # the source's title, verbatim


def test_resolved_flags_are_not_shown(client):
    from programs.models import DataQualityFlag

    flag = DataQualityFlag.objects.get(program__slug="2012-welfare-graduate-program-university-of-minnesota")
    flag.status = DataQualityFlag.Status.RESOLVED
    flag.save()
    text = visible_text(program_page(client, "2012-welfare-graduate-program-university-of-minnesota"))
    assert "Notes on data quality" not in text


def test_detail_lists_targets_networks_agreement_and_related_programs(client):
    slug = "2017-taipei-civil-servants-exchange-training-in-gyeonggi"
    program = next(p for p in fixture_programs() if p["slug"] == slug)
    response = program_page(client, slug)
    body = response.content.decode()
    assert f'href="/agreements/{program["agreement"]}/"' in body
    for city in program["cities"]:
        assert f'href="/cities/{city}/"' in body
    related = response.context["related"]
    assert related and all(set(t.slug for t in other.themes.all()) & program["themes"] for other in related)
    assert slug not in [other.slug for other in related]


def test_unknown_program_is_a_404(client):
    assert client.get("/programs/no-such-program/").status_code == 404


def test_home_shows_headline_figures_and_both_totals(client):
    response = client.get("/")
    text = visible_text(response)
    programs = select()
    assert f"{len(programs)} programs" in text
    assert f"{headcount(programs):,} participants reported" in text
    countries = {code for program in programs for code in program["countries"]}
    assert f"{len(countries)} countries reached" in text
    assert "18 themes" in text
    assert "168" in text and "2,425" in text and "175" in text and "2,538" in text
    assert "<svg" in response.content.decode()  # the partner-city map


def test_theme_page_counts_programs_per_year(client):
    expected = select(themes="water")
    response = client.get("/themes/water/")
    assert response.status_code == 200
    assert set(program_links(response)) == {program["slug"] for program in expected}
    rows = {row["year"]: row["n"] for row in response.context["years"]}
    for year in {program["year"] for program in expected}:
        assert rows[year] == len([p for p in expected if p["year"] == year])


def test_institute_page_lists_hosted_programs(client):
    expected = select(host="korea-university")
    response = client.get("/institutes/korea-university/")
    assert response.status_code == 200
    assert set(program_links(response)) == {program["slug"] for program in expected}
    assert client.get("/institutes/nobody/").status_code == 404


def test_stats_per_year_match_the_fixture(client):
    response = client.get("/stats/")
    assert response.status_code == 200
    years = {row.year: (row.programs, row.headcount) for row in response.context["stats"].years}
    for year in {program["year"] for program in select()}:
        chosen = select(year=year)
        assert years[year] == (len(chosen), headcount(chosen))
    body = response.content.decode()
    assert body.count('class="chart-svg"') >= 4 or body.count("<svg") >= 4
    assert "168" in visible_text(response) and "2,538" in visible_text(response)


def test_stats_theme_by_year_matrix_under_filters(client):
    response = client.get("/stats/?year_min=2014&year_max=2016")
    matrix = response.context["stats"].theme_matrix
    assert matrix.years == [2014, 2015, 2016]
    row = next(row for row in matrix.rows if row.slug == "transportation")
    assert row.counts == [len(select(themes="transportation", year=year)) for year in (2014, 2015, 2016)]


def test_stats_share_online_and_onsite(client):
    response = client.get("/stats/")
    modes = {row.code: row.programs for row in response.context["stats"].modes}
    assert modes == {"onsite": len(select(mode="onsite")), "online": len(select(mode="online"))}


def test_stats_with_invalid_filter_is_not_an_error(client):
    response = client.get("/stats/?year=abc")
    assert response.status_code == 200
    assert "Some filters could not be used" in visible_text(response)


def test_korean_pages_are_translated_and_keep_the_filters(client):
    response = client.get("/ko/programs/?theme=water&year=2017")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="ko" dir="ltr">' in body
    assert "프로그램" in visible_text(response)
    assert program_links(response) == ["2017-water-management-training-program"]
    detail = client.get("/ko/programs/2008-first-masters-degree-course-for-civil-servants-from-developing-countries/")
    assert "2008년 8월" in visible_text(detail)


def test_chinese_pages_are_translated(client):
    response = client.get("/zh-hant/stats/")
    assert response.status_code == 200
    assert '<html lang="zh-hant" dir="ltr">' in response.content.decode()
    assert "統計" in visible_text(response)


def test_no_participant_personal_data_on_public_pages(client):
    from programs.models import Program
    from tests.factories import EnrollmentFactory, ParticipantFactory

    program = Program.objects.get(slug="2017-water-management-training-program")
    participant = ParticipantFactory(
        name="Zyxwv Personal-Name", email="private.person@example.org", phone="+82 10 5555"
    )
    EnrollmentFactory(program=program, participant=participant)
    for url in ("/", "/programs/", f"/programs/{program.slug}/", "/stats/", "/themes/water/", "/cities/"):
        body = client.get(url).content.decode()
        assert "Zyxwv" not in body and "private.person" not in body and "5555" not in body


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/programs/",
        "/programs/?theme=transportation&year_min=2014&year_max=2016",
        "/programs/2017-water-management-training-program/",
        "/stats/",
        "/themes/water/",
        "/institutes/shrdc/",
    ],
)
def test_pages_of_the_fixture_render_with_a_bounded_number_of_queries(client, url):
    # The first request of a generation also builds the worker's facet index (six queries); the next
    # ones read it, and the figures kept with it.
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    assert len(first) <= 20 + 6, [query["sql"] for query in first]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= 20, [query["sql"] for query in queries]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search with stemming is PostgreSQL's")
def test_postgresql_full_text_search_matches_word_forms(client):
    def mentions_policy(program):
        return re.search(r"\bpolic(y|ies)\b", program["title"] + " " + program["description"], re.I) is not None

    expected = [program for program in select() if mentions_policy(program)]
    response = client.get("/programs/?q=policies")
    assert result_count(response)[0] == len(expected) > 25


def test_search_finds_translated_titles(client):
    from tests.factories import ProgramFactory

    ProgramFactory(title="Waterworks seminar", title_ko="상수도 세미나", slug="waterworks-seminar", year=2030)
    assert program_links(client.get("/programs/?q=WATERWORKS seminar")) == ["waterworks-seminar"]
    # 상수도 is also the Korean name of the Water theme, which names its programs too.
    found = program_links(client.get("/programs/?q=상수도"))
    assert found[0] == "waterworks-seminar" and set(found[1:]) <= {p["slug"] for p in select(themes="water")}


@pytest.mark.parametrize(
    "query",
    [
        "host=%00",
        "theme=%00",
        "city=a%00b",
        "network=%00",
        "country=%00",
        "q=%00",
        "year=%00",
        "sort=%00",
        "theme=" + "x" * 5000,
        "year=1e309",
        "year=-1",
        "page=-1",
        "page=%00",
        "mode=online&mode=onsite",
    ],
)
def test_hostile_parameters_never_cause_a_server_error(client, query):
    for url in ("/programs/", "/stats/", "/programs/export.csv", "/stats/export.json"):
        assert client.get(f"{url}?{query}").status_code == 200, url
