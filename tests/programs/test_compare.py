"""Comparing on /stats/ (issue 15): two or more themes, countries or hosts side by side per year as a
grouped chart and a table; the themes × years table with a total row; theme pages on one year axis with
gaps shown; charts drawn for phones too; page titles and headings that name the selection; permalinks
without empty parameters."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.http import QueryDict

from exchange_portal.charts import grouped_bar_chart
from programs.models import TargetCountry
from programs.selectors import compare
from tests.factories import InstituteFactory, ProgramFactory, ThemeFactory

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ET.fromstring(str(svg))


def test_grouped_chart_draws_one_bar_per_series_and_year_and_keeps_empty_years_on_the_axis():
    svg = grouped_bar_chart(
        ["2010", "2011", "2012"],
        [("Transportation", [2, 0, 5]), ("Water", [1, 0, 0])],
        title="Programs per year, by theme",
        value_label="Programs",
    )
    root = parse(svg)
    groups = [g for g in root.iter(f"{SVG}g") if "chart-bars" in g.get("class", "")]
    assert [g.get("class") for g in groups] == ["chart-bars chart-series-0", "chart-bars chart-series-1"]
    assert [[r.get("data-value") for r in g.iter(f"{SVG}rect")] for g in groups] == [["2", "0", "5"], ["1", "0", "0"]]
    labels = [t.text for g in root.iter(f"{SVG}g") if g.get("class") == "chart-labels" for t in g]
    assert labels == ["2010", "2011", "2012"]  # 2011 has no bar at all, and stays on the axis
    legend = [
        t.text for g in root.iter(f"{SVG}g") if g.get("class") == "chart-legend-item" for t in g.iter(f"{SVG}text")
    ]
    assert legend == ["Transportation", "Water"]
    tooltips = [t.text for g in groups for r in g.iter(f"{SVG}rect") for t in r]
    assert "Water, 2010: 1" in tooltips
    assert svg == grouped_bar_chart(
        ["2010", "2011", "2012"],
        [("Transportation", [2, 0, 5]), ("Water", [1, 0, 0])],
        title="Programs per year, by theme",
        value_label="Programs",
    )


def test_what_the_query_string_asks_to_compare():
    themes = [ThemeFactory.build(slug="a"), ThemeFactory.build(slug="b")]
    assert compare.requested(QueryDict(""), themes) == ("theme", ["a", "b"])
    assert compare.requested(QueryDict(""), themes[:1]) is None
    assert compare.requested(QueryDict("compare_country=eg&compare_country=TW&compare_country=XX")) == (
        "country",
        ["EG", "TW"],
    )
    assert compare.requested(QueryDict("compare_country=EG")) is None
    assert compare.requested(QueryDict("compare_host=a&compare_host=b&compare_host=a")) == ("host", ["a", "b"])
    assert compare.year_axis([2014, 2010]) == [2010, 2011, 2012, 2013, 2014]


@pytest.fixture
def two_themes(db):
    transport = ThemeFactory(name="Transportation", slug="transportation")
    water = ThemeFactory(name="Water", slug="water")
    seoul = InstituteFactory(name="Seoul Institute", slug="seoul-institute")
    other = InstituteFactory(name="Other Institute", slug="other-institute")
    made = [
        ProgramFactory(title="T 2010", year=2010, themes=[transport], host=seoul, headcount=10),
        ProgramFactory(title="T+W 2010", year=2010, themes=[transport, water], host=other, headcount=5),
        ProgramFactory(title="W 2013", year=2013, themes=[water], host=seoul, headcount=None),
    ]
    for program, country in zip(made, ["EG", "EG", "TW"], strict=True):
        TargetCountry.objects.create(program=program, country=country)
    return made


def side_by_side(response):
    body = response.content.decode()
    match = re.search(r'<table class="matrix compare-table">(.*?)</table>', body, re.S)
    assert match, "no side-by-side table"
    rows = re.findall(r"<tr>(.*?)</tr>", match.group(1), re.S)
    return [re.findall(r"<t[hd][^>]*>(?:<span[^>]*>)?([^<]*)", row) for row in rows]


def test_two_themes_are_compared_per_year_with_the_years_between(client, two_themes):
    response = client.get("/stats/?theme=transportation&theme=water")
    assert response.status_code == 200
    assert side_by_side(response) == [
        ["Year", "Transportation", "Water"],
        ["2010", "2", "1"],
        ["2011", "0", "0"],
        ["2012", "0", "0"],
        ["2013", "0", "1"],
        ["Total", "2", "2"],
    ]
    body = response.content.decode()
    # the grouped chart, programs and participants per year, countries, online vs on-site (no city here)
    assert body.count('class="chart-svg chart-wide"') == 5
    assert body.count('class="chart-svg chart-narrow"') == 5


def test_countries_and_hosts_are_compared_when_ticked_twice_or_more(client, two_themes):
    countries = side_by_side(client.get("/stats/?compare_country=EG&compare_country=TW"))
    assert countries[0] == ["Year", "Egypt", "Taiwan"]
    assert countries[1] == ["2010", "2", "0"]
    assert countries[-1] == ["Total", "2", "1"]
    hosts = side_by_side(client.get("/stats/?compare_host=seoul-institute&compare_host=other-institute"))
    assert hosts[0] == ["Year", "Seoul Institute", "Other Institute"]
    assert hosts[-1] == ["Total", "2", "1"]


def test_no_comparison_for_one_theme_or_none(client, two_themes):
    for url in ("/stats/", "/stats/?theme=water", "/stats/?compare_country=EG"):
        assert 'id="compare-heading"' not in client.get(url).content.decode(), url


def test_themes_by_year_has_a_total_row_of_programs_counted_once(client, two_themes):
    body = client.get("/stats/").content.decode()
    table = re.search(r'<table class="matrix theme-matrix">(.*?)</table>', body, re.S).group(1)
    total = re.search(r"<tfoot>(.*?)</tfoot>", table, re.S).group(1)
    # 2010: two programs (one of them on both themes, counted once); 2013: one; all: three.
    assert re.findall(r"<td>(\d+)</td>", total) == ["2", "1", "3"]
    assert 'data-scroll-newest="matrix-cue"' in body


def test_theme_pages_share_one_year_axis_and_show_gaps(client, two_themes):
    body = client.get("/themes/water/").content.decode()
    years = re.findall(r'<tr(?: class="gap")?><th scope="row">(?:<a [^>]*>)?(\d{4})', body)
    assert years == ["2010", "2011", "2012", "2013"]
    assert body.count('<tr class="gap">') == 2
    transport = client.get("/themes/transportation/").content.decode()
    assert re.findall(r'<tr(?: class="gap")?><th scope="row">(?:<a [^>]*>)?(\d{4})', transport) == years


def test_choices_the_registry_does_not_know_are_named_not_silently_dropped(client, two_themes):
    body = client.get("/stats/?compare_country=XX&compare_country=EG&compare_host=nowhere").content.decode()
    assert "Left out of the comparison" in body
    assert "“XX” is no country code" in body and "“nowhere” is no host institute" in body
    assert "“EG”" not in body
    assert "Left out of the comparison" not in client.get("/stats/?compare_country=EG").content.decode()


def test_title_and_heading_name_the_selection(client, two_themes):
    body = client.get("/programs/?theme=transportation&year_min=2010&year_max=2013").content.decode()
    assert "<title>Transportation programs 2010–2013 ·" in body
    assert "<h1>Transportation programs 2010–2013</h1>" in body
    stats = client.get("/stats/?theme=transportation&theme=water&country=EG").content.decode()
    assert "<h1>Statistics: Transportation and Water programs, for officials of Egypt</h1>" in stats
    assert "<h1>Programs</h1>" in client.get("/programs/").content.decode()
    chinese = client.get("/zh-hant/stats/?theme=transportation&theme=water&country=EG").content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", chinese).group(1)
    assert "，" in heading and ", " not in heading  # Chinese lists its phrases with a full-width comma


def test_permalinks_and_exports_leave_out_empty_parameters(client, two_themes):
    body = client.get("/programs/?q=&theme=water&year=&host=&sort=title").content.decode()
    assert '<a href="/programs/?theme=water&amp;sort=title">Permalink' in body
    assert 'href="/programs/export.csv?theme=water&amp;sort=title"' in body
    stats = client.get("/stats/?q=&year_min=2010&year_max=").content.decode()
    assert '<a href="/stats/?year_min=2010">Permalink' in stats


def test_the_filter_form_asks_the_script_to_drop_empty_fields(client, two_themes):
    body = client.get("/programs/").content.decode()
    assert "data-drop-empty" in body
    assert re.search(r'<script src="/static/js/site\.js(\?[^"]*)?" defer></script>', body)


def test_the_page_cache_keeps_comparisons_apart_from_the_plain_page(client, two_themes, settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_ADMIT_AFTER = 1
    for _ in range(2):
        assert 'id="compare-heading"' not in client.get("/stats/").content.decode()
    for _ in range(2):
        body = client.get("/stats/?compare_country=EG&compare_country=TW").content.decode()
        assert 'id="compare-heading"' in body
