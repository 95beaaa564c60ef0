"""A visiting official's paths (issue 15): from a city page to every program for officials of its
country; target cities and countries in list items; a favicon; a meta description per page; a small
locator map on a city page; HTML compressed for public pages only (BREACH)."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from exchange_portal.maps import MapPoint, locator_map
from programs.models import TargetCountry
from tests.factories import CityFactory, ProgramFactory, ThemeFactory


@pytest.fixture
def cairo(db):
    city = CityFactory(name="Cairo", slug="cairo", country="EG", latitude=30.04, longitude=31.24)
    aimed = ProgramFactory(title="Smart city course", year=2016, themes=[ThemeFactory(name="Smart city")])
    aimed.target_cities.add(city)
    TargetCountry.objects.create(program=aimed, country="EG")
    country_only = ProgramFactory(title="First course for Egyptian officials", year=2008)
    TargetCountry.objects.create(program=country_only, country="EG")
    return city


def test_a_city_page_links_to_every_program_for_officials_of_its_country(client, cairo):
    body = client.get("/cities/cairo/").content.decode()
    assert '<a href="/programs/?country=EG">All programs for officials of Egypt</a>' in body
    listed = client.get("/programs/?country=EG").content.decode()
    assert "First course for Egyptian officials" in listed  # which the city page itself does not list


def test_list_items_name_their_target_cities_and_countries(client, cairo):
    body = client.get("/programs/").content.decode()
    items = dict(re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>.*?(<p class="targets">.*?</p>|</li>)', body, re.S))
    assert '<a href="/cities/cairo/">Cairo</a>' in items["Smart city course"]
    assert '<a href="/programs/?country=EG"' in items["Smart city course"]
    assert ">Egypt</a>" in items["First course for Egyptian officials"]
    assert "/cities/" not in items["First course for Egyptian officials"]


def test_the_list_shows_targets_without_more_queries_per_program(client, cairo, django_assert_max_num_queries):
    for index in range(20):
        program = ProgramFactory(title=f"Extra {index}", year=2010)
        program.target_cities.add(cairo)
        TargetCountry.objects.create(program=program, country="EG")
    client.get("/programs/")  # builds the worker's facet index (tests/programs/test_facet_index.py)
    with django_assert_max_num_queries(12):
        body = client.get("/programs/").content.decode()
    assert body.count('<p class="targets">') == 22


def test_a_favicon_is_linked_and_shipped(client, cairo):
    body = client.get("/").content.decode()
    match = re.search(r'<link rel="icon" href="/static/(favicon\.svg)[^"]*" type="image/svg\+xml">', body)
    assert match
    assert finders.find(match.group(1))


def test_every_page_has_its_own_meta_description(client, cairo):
    descriptions = {}
    for url in ("/", "/programs/", "/programs/?theme=smart-city", "/stats/", "/cities/", "/cities/cairo/", "/data/"):
        body = client.get(url).content.decode()
        found = re.findall(r'<meta name="description" content="([^"]+)">', body)
        assert len(found) == 1 and len(found[0]) > 40, url
        descriptions[url] = found[0]
    assert len(set(descriptions.values())) == len(descriptions)
    assert "Cairo" in descriptions["/cities/cairo/"]


def test_a_city_page_shows_a_small_locator_map_not_the_world(client, cairo):
    body = client.get("/cities/cairo/").content.decode()
    svg = re.search(r"<svg .*?</svg>", body, re.S).group(0)
    assert 'class="map-svg locator-svg"' in svg
    assert 'data-code="EG"' in svg and 'class="map-shaded"' in svg
    assert 'data-code="BR"' not in svg  # Brazil is far outside the window around Cairo
    assert len(svg) < 30_000  # the whole world map is about 70 KB


def test_the_locator_map_is_stable_and_refuses_impossible_points():
    seoul = MapPoint("Seoul", 37.57, 126.98)
    assert locator_map(seoul, country="KR", title="t") == locator_map(seoul, country="KR", title="t")
    assert locator_map(MapPoint("Nowhere", 95, 0), title="t") == ""


def test_public_pages_are_compressed(client, cairo):
    response = client.get("/programs/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"Smart city course" in gzip.decompress(response.content)


def test_pages_with_a_session_or_a_csrf_token_are_not_compressed(client, cairo, django_user_model):
    # The sign-in form carries a CSRF token: never compressed (BREACH).
    login = client.get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert login.status_code == 200
    assert not login.has_header("Content-Encoding")
    # A signed-in visitor (session cookie) gets the public pages uncompressed too.
    client.force_login(django_user_model.objects.create_user("official", password="pw-for-tests-1"))
    page = client.get("/programs/", HTTP_ACCEPT_ENCODING="gzip")
    assert page.status_code == 200
    assert not page.has_header("Content-Encoding")


def test_list_items_name_target_cities_in_the_page_language_with_english_as_fallback(client, cairo):
    cairo.name_ko = "카이로"
    cairo.save()
    lisbon = CityFactory(name="Lisbon", slug="lisbon", country="PT", latitude=38.7, longitude=-9.1)
    ProgramFactory(title="Lisbon course", year=2012).target_cities.add(lisbon)
    body = client.get("/ko/programs/").content.decode()
    assert ">카이로</a>" in body
    assert ">Lisbon</a>" in body  # no Korean name recorded: the English one


def test_the_world_map_has_an_html_legend_a_skip_link_and_large_targets(client, cairo):
    body = client.get("/").content.decode()
    assert '<a href="#after-map">Skip the map’s links</a>' in body
    assert body.index('href="#after-map"') < body.index('class="map-point"') < body.index('id="after-map"')
    legend = re.search(r'<div class="map-legend-html">(.*?)</div>', body, re.S).group(1)
    assert "Shading: programs aimed at the country" in legend
    assert legend.count("<li>") == 1  # Egypt, the one shaded country: one class
    assert re.search(r'<circle class="map-hit" [^>]*r="16"', body)  # 32 units across: 24 px at 720 px wide
