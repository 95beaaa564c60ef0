"""The anonymous page cache (exchange_portal/pagecache.py): repeat visits cost one small query, any write to
the registry shows at the next request, and nothing personal or per-visitor is ever served from it."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cities.models import Network
from exchange_portal import pagecache
from exchange_portal.models import RegistryGeneration
from programs.models import Program
from tests.factories import NetworkFactory, ProgramFactory, StaffUserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # on_commit callbacks run as in production


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_ADMIT_AFTER = 1  # tests/exchange_portal/test_bounds.py tests admission
    cache.clear()
    yield
    cache.clear()


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_a_repeat_visit_is_served_from_the_cache_with_one_query(client):
    ProgramFactory(title="Water Management Training Program")
    first, first_queries = get(client, "/programs/")
    again, again_queries = get(client, "/programs/")
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert first_queries > 5
    assert again_queries == 1  # the generation
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_pages_differ_by_language_and_query_string(client):
    ProgramFactory(title="Water Management Training Program", year=2017)
    english, _ = get(client, "/programs/")
    korean, _ = get(client, "/ko/programs/")
    filtered, _ = get(client, "/programs/?year=2016")
    assert korean.content != english.content and '<html lang="ko" dir="ltr">' in korean.content.decode()
    assert "Water Management Training Program" not in filtered.content.decode()
    assert get(client, "/ko/programs/")[0].content == korean.content


def test_a_save_anywhere_in_the_registry_shows_at_the_next_request(client):
    program = ProgramFactory(title="Water Management Training Program")
    get(client, "/programs/")
    program.title = "Water Resources Training Program"
    program.save()
    body = get(client, "/programs/")[0].content.decode()
    assert "Water Resources Training Program" in body


def test_an_admin_write_shows_at_the_next_request(client):
    network = NetworkFactory(name="Citynet")
    ProgramFactory(title="Water Management Training Program").networks.add(network)
    before = get(client, "/programs/")[0].content.decode()
    assert "Citynet" in before

    editor = StaffUserFactory(username="editor", is_superuser=True)
    staff = type(client)()
    staff.force_login(editor)
    data = {key: value for key, value in model_to_dict(network).items() if value is not None}
    data.update(name="CityNet Asia-Pacific", name_en="CityNet Asia-Pacific", _save="Save")
    response = staff.post(reverse("admin:cities_network_change", args=[network.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]

    after = get(client, "/programs/")[0].content.decode()
    assert "CityNet Asia-Pacific" in after and "Citynet" not in after


def test_a_bulk_write_that_sends_no_signal_can_still_invalidate(client):
    ProgramFactory(title="Water Management Training Program")
    get(client, "/programs/")
    Program.objects.update(title="Renamed in bulk")  # no signal
    assert "Water Management" in get(client, "/programs/")[0].content.decode()  # still the cached page
    pagecache.registry_changed()
    assert "Renamed in bulk" in get(client, "/programs/")[0].content.decode()


def test_many_writes_in_one_transaction_start_one_generation(client):
    from django.db import transaction

    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        for name in ("One", "Two", "Three"):
            Network.objects.create(name=name, slug=name.lower(), kind=Network.Kind.choices[0][0])
    generation_writes = [q for q in queries if RegistryGeneration._meta.db_table in q["sql"]]
    assert len(generation_writes) in (1, 2)  # update_or_create: SELECT … FOR UPDATE, then UPDATE or INSERT
    assert RegistryGeneration.objects.count() == 1


class Abort(Exception):
    pass


def add_network(name):
    Network.objects.create(name=name, slug=name.lower(), kind=Network.Kind.choices[0][0])


def test_a_rolled_back_write_keeps_the_generation_and_the_cached_pages(client):
    from django.db import transaction

    add_network("Before")
    before = pagecache.generation()
    get(client, "/programs/")
    with pytest.raises(Abort), transaction.atomic():
        add_network("Undone")
        raise Abort
    assert pagecache.generation() == before
    assert stored("/programs/")


def test_a_write_after_a_rolled_back_savepoint_still_starts_a_generation(client):
    from django.db import transaction

    add_network("Before")
    before = pagecache.generation()
    with transaction.atomic():
        with pytest.raises(Abort), transaction.atomic():
            add_network("Undone")  # its on-commit callback is dropped with the savepoint
            raise Abort
        add_network("Kept")
    assert pagecache.generation() != before


def test_signed_in_visitors_are_never_served_or_stored(client, django_user_model):
    ProgramFactory(title="Water Management Training Program")
    user = django_user_model.objects.create_user("visitor", password="pw-for-tests-1")
    client.force_login(user)
    get(client, "/programs/")
    _, again_queries = get(client, "/programs/")
    # Rendered again (session, page of programs, …); only the facets come from the cache.
    assert again_queries >= 3
    assert not stored("/programs/")


def stored(url):
    return cache.get(pagecache.PublicPageCacheMiddleware.key(RequestFactory().get(url))) is not None


def test_only_public_pages_that_set_no_cookie_are_stored(client):
    ProgramFactory(title="Water Management Training Program", slug="water")
    for url in ("/programs/", "/programs/water/", "/ko/stats/", "/programs/export.csv"):
        assert client.get(url).status_code == 200
        assert stored(url), url
    for url, status in (("/programs/missing/", 404), ("/admin/login/", 200), ("/healthz", 200)):
        client.cookies.clear()
        assert client.get(url).status_code == status
        assert not stored(url), url


def test_the_cache_can_be_turned_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    ProgramFactory(title="Water Management Training Program")
    get(client, "/programs/")  # also builds the worker's facet index
    second = get(client, "/programs/")[1]
    # Every request renders the page afresh: the page and its themes besides the generation (a hit of the
    # page cache would ask for the generation alone).
    assert get(client, "/programs/")[1] == second >= 3


def test_a_page_of_the_language_switcher_needs_no_csrf_cookie(client):
    response = client.get("/programs/?year=2017")
    assert "csrftoken" not in response.cookies
    body = response.content.decode()
    assert 'href="/ko/programs/?year=2017"' in body and 'href="/zh-hant/programs/?year=2017"' in body
