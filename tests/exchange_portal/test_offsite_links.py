"""Language links are built from the URL the request resolved to, never from the request's path: a path
such as ``//evil.example/programs/`` or ``/ko/%2Fevil.example/`` never becomes an off-site link."""

import re
from urllib.parse import unquote

import pytest

from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"]*)"')


def hrefs(response):
    return HREF.findall(response.content.decode())


def assert_no_offsite_link(response):
    for href in hrefs(response):
        assert not href.startswith("//") and "evil.example" not in href, href


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("//evil.example/programs/", 404),
        ("//evil.example/", 404),
        ("/ko/%2Fevil.example/", 404),
        ("/ko//evil.example/", 404),
        ("/zh-hant/%2F%2Fevil.example/programs/", 404),
        ("/%2Fevil.example/programs/", 404),
        ("/programs/%2F%2Fevil.example/", 404),
    ],
)
def test_error_pages_never_link_off_site(client, path, status):
    # As a WSGI server passes it: the test client would read "//evil.example" as a host, not a path.
    response = client.get("/", PATH_INFO=unquote(path))
    assert response.status_code == status
    assert_no_offsite_link(response)
    links = {href for href in hrefs(response) if href in ("/", "/ko/", "/zh-hant/")}
    assert links == {"/", "/ko/", "/zh-hant/"}  # a page that resolved to nothing links each start page


def test_a_redirect_never_points_off_site(client):
    response = client.get("/ko/%2Fevil.example")  # APPEND_SLASH would add a slash
    location = response.headers.get("Location", "")
    assert not location.startswith("//") and not location.startswith("http")


def test_language_links_keep_the_page_and_its_query(client):
    ProgramFactory(slug="water", title="Water Management Training Program")
    body = client.get("/ko/programs/water/").content.decode()
    assert 'href="/programs/water/"' in body and 'href="/zh-hant/programs/water/"' in body
    body = client.get("/programs/", {"year": "2017", "theme": ["a", "b"]}).content.decode()
    assert 'href="/ko/programs/?year=2017&amp;theme=a&amp;theme=b"' in body


def test_a_query_string_is_re_encoded_not_copied(client):
    response = client.get('/programs/?q="><script>//evil.example')
    assert all(not href.startswith(("//", "http")) for href in hrefs(response))
    ko = next(href for href in hrefs(response) if href.startswith("/ko/programs/"))
    assert ko == "/ko/programs/?q=%22%3E%3Cscript%3E%2F%2Fevil.example"


def test_more_parameters_than_django_reads_answer_400_not_500(client):
    client.raise_request_exception = False
    query = "&".join(f"f{number}=1" for number in range(1500))  # over DATA_UPLOAD_MAX_NUMBER_FIELDS
    for path in ("/i18n/setlang/", "/programs/"):
        assert client.get(f"{path}?{query}").status_code == 400
