"""Cities and agreements know their public pages (served by the programs app, reversed by name); an
agreement's signing date reads as precisely as the source gave it, and its signatories one per line."""

from datetime import date

import pytest
from django.utils import translation

from tests.factories import AgreementFactory, CityFactory

pytestmark = pytest.mark.django_db


def test_a_city_knows_its_page(client):
    city = CityFactory(name="Cairo", slug="cairo", country="EG")
    assert city.get_absolute_url() == "/cities/cairo/"
    with translation.override("ko"):
        assert city.get_absolute_url() == "/ko/cities/cairo/"
    page = client.get(city.get_absolute_url())
    assert page.status_code == 200
    assert "<h1>Cairo" in page.content.decode()


def test_an_agreement_knows_its_page(client):
    agreement = AgreementFactory(title="Seoul–Cairo MOU", slug="seoul-cairo-mou")
    assert agreement.get_absolute_url() == "/agreements/seoul-cairo-mou/"
    with translation.override("ko"):
        assert agreement.get_absolute_url() == "/ko/agreements/seoul-cairo-mou/"
    page = client.get(agreement.get_absolute_url())
    assert page.status_code == 200
    assert "<h1>Seoul–Cairo MOU</h1>" in page.content.decode()


@pytest.mark.parametrize(
    ("language", "signed_on", "precision", "expected"),
    [
        ("en", date(2012, 10, 9), "day", "Oct. 9, 2012"),
        ("en", date(2012, 10, 1), "month", "October 2012"),
        ("en", date(2012, 1, 1), "year", "2012"),
        ("en", None, "", ""),
        ("ko", date(2012, 10, 9), "day", "2012년 10월 9일"),
        ("ko", date(2012, 10, 1), "month", "2012년 10월"),
        ("ko", date(2012, 1, 1), "year", "2012"),
        ("ko", None, "", ""),
    ],
)
def test_the_signing_date_reads_at_its_precision(language, signed_on, precision, expected):
    agreement = AgreementFactory.build(signed_on=signed_on, signed_on_precision=precision)
    with translation.override(language):
        assert agreement.signed_label == expected


@pytest.mark.parametrize(
    ("signed_on", "precision", "shown"),
    [(date(2012, 10, 1), "month", "October 2012"), (None, "", "date not recorded")],
)
def test_the_agreement_page_shows_the_signing_date_at_its_precision(client, signed_on, precision, shown):
    agreement = AgreementFactory(signed_on=signed_on, signed_on_precision=precision)
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert f"<dd>{shown}</dd>" in page
    assert "October 1, 2012" not in page and "Oct. 1, 2012" not in page


def test_the_agreement_page_lists_each_signatory_once_without_blank_lines(client):
    agreement = AgreementFactory(signatories="Kim Minsu, Mayor, Seoul\n\n  Ahmed Ali, Governor, Cairo  \n")
    assert agreement.signatory_lines == ["Kim Minsu, Mayor, Seoul", "Ahmed Ali, Governor, Cairo"]
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "<li>Kim Minsu, Mayor, Seoul</li><li>Ahmed Ali, Governor, Cairo</li>" in page
