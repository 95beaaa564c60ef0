"""Public pages of cities and agreements, against fixtures/registry.json."""

import re

import pytest

from tests.public_pages import (  # noqa: F401
    fixture_records,
    headcount,
    select,
    shipped_registry,
    shipped_registry_module,
    visible_text,
)

pytestmark = pytest.mark.usefixtures("shipped_registry")


def test_city_list_shows_every_city_with_its_program_count_and_headcount(client):
    response = client.get("/cities/")
    assert response.status_code == 200
    body = response.content.decode()
    cities = fixture_records()["cities.city"]
    for city in cities:
        programs = select(cities=city["slug"])
        row = re.search(rf'<tr>\s*<th scope="row"><a href="/cities/{city["slug"]}/">.*?</tr>', body, re.S)
        assert row, city["slug"]
        cells = re.findall(r"<td>(.*?)</td>", row.group(0), re.S)
        assert re.sub(r"<[^>]+>", "", cells[1]).strip() == str(len(programs))
        reported = [program for program in programs if program["headcount"] is not None]
        # No program: no figure; programs without a headcount: "not reported", never 0.
        expected = "" if not programs else f"{headcount(programs):,}" if reported else "not reported"
        assert cells[3].strip() == expected, city["slug"]
    assert "<svg" in body  # the map


def test_cairo_page_answers_whether_and_when_it_took_part(client):
    response = client.get("/cities/cairo/")
    assert response.status_code == 200
    text = visible_text(response)
    years = sorted({p["year"] for p in select(cities="cairo")})
    assert years == [2020, 2021]
    assert "Years it took part 2020, 2021" in text
    assert "Egypt" in text


def test_gyeonggi_page_lists_its_agreements_and_their_parties(client):
    response = client.get("/cities/gyeonggi/")
    text = visible_text(response)
    for agreement in fixture_records()["cities.agreement"]:
        assert agreement["title"] in text
    assert "Parties: Gyeonggi Province, Taipei" in text
    assert 'href="/agreements/taipei-gyeonggi-civil-servants-exchange-training-mou-2017/"' in response.content.decode()


def test_agreement_list_and_detail(client):
    response = client.get("/agreements/")
    assert response.status_code == 200
    agreements = fixture_records()["cities.agreement"]
    assert len(re.findall(r'<h2><a href="/agreements/', response.content.decode())) == len(agreements)
    for agreement in agreements:
        detail = client.get(f"/agreements/{agreement['slug']}/")
        assert detail.status_code == 200
        text = visible_text(detail)
        assert agreement["title"] in text and "Taipei" in text and "Gyeonggi Province" in text
        under = [p["slug"] for p in select(agreement=lambda a, s=agreement["slug"]: a == s)]
        for slug in under:
            assert f'href="/programs/{slug}/"' in detail.content.decode()
        assert "Where this record comes from" in text


def test_signing_date_respects_its_precision(client):
    from cities.models import Agreement, DatePrecision

    agreement = Agreement.objects.get(slug="taipei-gyeonggi-friendship-mou-2000")
    agreement.signed_on = agreement.signed_on or __import__("datetime").date(2000, 5, 1)
    agreement.signed_on_precision = DatePrecision.MONTH
    agreement.save()
    text = visible_text(client.get(f"/agreements/{agreement.slug}/"))
    assert f"Signed {agreement.signed_on:%B} {agreement.signed_on.year}" in text


def test_unknown_city_and_agreement_are_404(client):
    assert client.get("/cities/atlantis/").status_code == 404
    assert client.get("/agreements/none/").status_code == 404


def test_city_pages_in_korean_and_chinese(client):
    assert "도시" in visible_text(client.get("/ko/cities/"))
    assert "城市" in visible_text(client.get("/zh-hant/cities/cairo/"))
