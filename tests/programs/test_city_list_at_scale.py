"""The city list and the partner map stay small when the registry has thousands of cities."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.models import City
from programs.views.places import partner_map
from tests.factories import AgreementFactory, CityFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def city_rows(response):
    return re.findall(r'<th scope="row"><a href="/cities/([^/]+)/">', response.content.decode())


def test_city_list_shows_a_hundred_cities_a_page_with_their_figures(client):
    # Named to sort before the cities the program factory makes for its institutes.
    cities = [CityFactory(name=f"Abra {n:03d}", slug=f"abra-{n:03d}") for n in range(105)]
    for year, headcount in ((2010, 12), (2014, 30)):
        ProgramFactory(year=year, headcount=headcount).target_cities.add(cities[101])
    total = City.objects.count()
    assert total > 105

    first = client.get("/cities/")
    assert city_rows(first) == [f"abra-{n:03d}" for n in range(100)]
    assert f"Cities 1–100 of {total}" in first.content.decode()
    assert 'href="?page=2"' in first.content.decode()

    second = client.get("/cities/?page=2")
    assert city_rows(second)[:5] == [f"abra-{n:03d}" for n in range(100, 105)]
    row = re.search(r'<th scope="row"><a href="/cities/abra-101/">.*?</tr>', second.content.decode(), re.S).group(0)
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
    assert cells[1:4] == ["2", "2010–2014", "42"]

    assert client.get("/cities/?page=3").status_code == 404


def test_city_list_queries_do_not_grow_with_the_page(client):
    for _ in range(3):
        ProgramFactory().target_cities.add(CityFactory())
    with CaptureQueriesContext(connection) as few:
        client.get("/cities/")
    for _ in range(60):
        ProgramFactory().target_cities.add(CityFactory())
    with CaptureQueriesContext(connection) as many:
        client.get("/cities/")
    assert len(many) == len(few)


def test_partner_map_draws_the_cities_with_the_most_programs_up_to_its_limit():
    busy, quiet, quietest = (
        CityFactory(name=name, slug=name.lower(), latitude=lat, longitude=lon)
        for name, lat, lon in (("Busy", 37.5, 127.0), ("Quiet", 30.0, 31.2), ("Quietest", 41.0, 29.0))
    )
    for city, programs in ((busy, 3), (quiet, 2), (quietest, 1)):
        for _ in range(programs):
            ProgramFactory().target_cities.add(city)

    svg = str(partner_map(title="Partners", limit=2))
    assert "/cities/busy/" in svg and "/cities/quiet/" in svg
    assert "/cities/quietest/" not in svg
    assert "The map shows the 2 partner cities with the most programs." in svg

    svg = str(partner_map(title="Partners", limit=3))
    assert "/cities/quietest/" in svg
    assert "with the most programs" not in svg


def test_partner_map_shows_cities_that_only_signed_an_agreement():
    signer = CityFactory(name="Signer", slug="signer", latitude=47.9, longitude=106.9)
    AgreementFactory().party_cities.add(signer)
    svg = str(partner_map(title="Partners"))
    assert "/cities/signer/" in svg
    assert "0 programs" in svg


def test_partner_map_fills_its_room_with_cities_that_only_signed_agreements():
    both, first, second = (
        CityFactory(name=name, slug=name.lower(), latitude=10.0 + n, longitude=20.0 + n)
        for n, name in enumerate(("Both", "First", "Second"))
    )
    ProgramFactory().target_cities.add(both)
    AgreementFactory().party_cities.add(both, first, second)
    svg = str(partner_map(title="Partners", limit=3))
    for slug in ("both", "first", "second"):
        assert f"/cities/{slug}/" in svg
    assert "with the most programs" not in svg
