"""/privacy/ shows the notice in effect in the page's language, is linked from every page's footer, and
marks a notice text shown in English on a Korean or Chinese page with its language."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from participants.models import ConsentNotice

pytestmark = pytest.mark.usefixtures("first_notice")

PAGES = [
    ("en", "/privacy/", "Privacy notice: participants"),
    ("ko", "/ko/privacy/", "개인정보 처리방침"),
    ("zh-hant", "/zh-hant/privacy/", "隱私權聲明"),
]


@pytest.mark.parametrize(("language", "url", "title"), PAGES)
def test_the_notice_in_every_language(client, db, language, url, title, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<html lang="{language}" dir="ltr">' in body
    assert f'<h1 id="notice-heading">{title}' in body
    assert "2026-1" in body
    assert '<article aria-labelledby="notice-heading">' in body  # in the page's language: no lang of its own


def test_url_is_the_contract(db):
    assert reverse("participants:privacy") == "/privacy/"
    with translation.override("ko"):
        assert reverse("participants:privacy") == "/ko/privacy/"


@pytest.mark.parametrize("url", ["/", "/programs/", "/ko/stats/"])
def test_every_page_links_to_it_in_the_footer(client, db, url):
    body = client.get(url).content.decode()
    footer = body[body.index('<footer class="site-footer">') :]
    prefix = "/ko" if url.startswith("/ko/") else ""
    assert f'href="{prefix}/privacy/"' in footer


def test_a_newer_notice_replaces_it_from_its_date(client, db):
    ConsentNotice.objects.create(
        version="2027-1", effective_from=datetime.date.today() + datetime.timedelta(days=1), title="Future", text="x"
    )
    ConsentNotice.objects.create(
        version="2026-2", effective_from=datetime.date.today(), title_en="Updated notice", text_en="New wording."
    )
    body = client.get("/privacy/").content.decode()
    assert "Updated notice" in body and "New wording." in body and "Future" not in body
    # No Korean text: the Korean page shows the English one, marked as English.
    body = client.get("/ko/privacy/").content.decode()
    assert '<article aria-labelledby="notice-heading" lang="en">' in body and "Updated notice" in body


def test_without_a_notice_the_page_says_so(client, db):
    ConsentNotice.objects.all().delete()
    response = client.get("/privacy/")
    assert response.status_code == 200
    assert "No privacy notice has been published yet." in response.content.decode()
