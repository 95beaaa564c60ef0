"""A city's and an agreement's programs come 25 a page, newest first, counted as what they are (the
confirmed programs), with the others listed apart; the pages ask the same queries at any size."""

import re

import pytest

from cities.models import Agreement
from programs.models import Program
from tests.factories import AgreementFactory, CityFactory, InstituteFactory, ProgramFactory, ThemeFactory


def place_with_programs(confirmed, announced=2, start=0):
    """A city and an agreement, each with ``confirmed`` confirmed programs (one a year from 1990, so
    "newest first" has one answer) and ``announced`` announced ones."""
    city = CityFactory(name="Paged City", slug="paged-city")
    agreement = Agreement.objects.filter(slug="paged-agreement").first() or AgreementFactory(
        title="Paged agreement", slug="paged-agreement"
    )
    agreement.party_cities.add(city)
    host = InstituteFactory(name="Host", slug="host")
    theme = ThemeFactory(name="Theme", slug="theme")
    for number in range(start, start + confirmed + announced):
        program = ProgramFactory(
            title=f"Program {number}",
            slug=f"program-{number}",
            year=1990 + number % 40,
            host=host,
            themes=[theme],
            agreement=agreement,
            status=Program.Status.CONFIRMED if number < start + confirmed else Program.Status.ANNOUNCED,
        )
        program.target_cities.add(city)
    return city, agreement


def listed(response):
    """The slugs of the program items on the page, in order, and the announced ones listed apart."""
    body = response.content.decode()
    main, _, apart = body.partition('id="not-confirmed-heading"')
    slugs = lambda html: re.findall(r'<h3><a href="/programs/([^/]+)/"', html)  # noqa: E731
    return slugs(main), slugs(apart)


PLACES = ["/cities/paged-city/", "/agreements/paged-agreement/"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PLACES)
def test_programs_come_25_a_page_newest_first_with_the_others_apart(client, url):
    place_with_programs(30)
    first = client.get(url)
    confirmed, apart = listed(first)
    assert confirmed == [f"program-{number}" for number in range(29, 4, -1)]
    assert apart == ["program-31", "program-30"]
    text = first.content.decode()
    assert "Programs 1–25 of 30 confirmed as held, newest first" in text
    assert 'href="?page=2" rel="next"' in text
    second = client.get(url, {"page": "2"})
    confirmed, apart = listed(second)
    assert confirmed == [f"program-{number}" for number in range(4, -1, -1)]
    assert apart == ["program-31", "program-30"]
    assert "Programs 26–30 of 30 confirmed as held, newest first" in second.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", PLACES)
@pytest.mark.parametrize(("asked", "shown"), [("99", 2), ("0", 1), ("x", 1), ("", 1)])
def test_a_page_that_is_not_one_shows_the_nearest_with_a_notice(client, url, asked, shown):
    place_with_programs(30)
    response = client.get(url, {"page": asked})
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
    assert f"There is no page “{asked}”; showing page {shown} of 2." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", PLACES)
def test_one_page_of_programs_has_no_pagination(client, url):
    place_with_programs(3)
    text = client.get(url).content.decode()
    assert 'class="pagination"' not in text and "confirmed as held, newest first" not in text
    assert len(listed(client.get(url))[0]) == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # The city with its networks and institutes; the confirmed programs' summary, the page of them,
        # the others, the themes of both lists; the years; the agreements with their parties (cities,
        # institutes).
        ("/cities/paged-city/", 3 + 4 + 1 + 3),
        # The agreement with its parties (cities, institutes); the summary, the page, the others, themes.
        ("/agreements/paged-agreement/", 3 + 4),
        ("/agreements/paged-agreement/?page=3", 3 + 4),
    ],
)
def test_place_pages_ask_the_same_queries_at_any_size(client, django_assert_num_queries, url, queries):
    place_with_programs(30)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    place_with_programs(40, start=100)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
