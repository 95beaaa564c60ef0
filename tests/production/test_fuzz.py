"""Property-based tests: arbitrary query strings, unicode, very long values and invalid filter values
thrown at every public URL never give a server error.

The URLs are read from the URL conf (everything but the admin), each in every language, so pages added
later are covered without editing this file. Path parameters are drawn from their converters' regular
expressions; the query parameters are the view's FilterSet fields (when it has one) plus common names,
with valid values mixed in so that combinations reach past the form validation.

Cases run: ``pytest tests/production/test_fuzz.py --hypothesis-show-statistics``; more with
``FUZZ_EXAMPLES=1000``.
"""

import os
import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from .conftest import FUZZ_REQUESTS

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
# Answers a public page may give to bad input: shown with an error message, redirected, refused, absent.
ACCEPTED_STATUSES = {200, 204, 301, 302, 400, 404, 405}
COMMON_PARAMETERS = ["page", "sort", "o", "q", "format", "lang", "next", "year", "per_page", "view"]
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass
class PublicRoute:
    """One URL pattern: its route pieces (literal text and converter regexes) and its view."""

    pieces: list = field(default_factory=list)
    localized: bool = False
    callback: object = None

    @property
    def label(self):
        shown = "".join(text if kind == "text" else f"<{label}>" for kind, text, label in self.pieces)
        return ("{lang}/" if self.localized else "") + shown


def _pattern_pieces(pattern):
    if isinstance(pattern, RoutePattern):
        route, pieces, position = str(pattern._route), [], 0
        for match in PARAMETER.finditer(route):
            pieces.append(("text", route[position : match.start()], ""))
            converter = pattern.converters[match.group("name")]
            pieces.append(("regex", converter.regex, match.group("name")))
            position = match.end()
        pieces.append(("text", route[position:], ""))
        return [piece for piece in pieces if piece[1]]
    if isinstance(pattern, RegexPattern):
        return [("regex", pattern._regex.removeprefix("^").removesuffix("$").removesuffix(r"\Z"), "regex")]
    return []


def public_routes(patterns=None, prefix=None, localized=False):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    prefix = prefix or []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin" or entry.app_name == "admin":
                continue
            if isinstance(entry.pattern, LocalePrefixPattern):
                yield from public_routes(entry.url_patterns, prefix, localized=True)
            else:
                yield from public_routes(entry.url_patterns, prefix + _pattern_pieces(entry.pattern), localized)
        elif isinstance(entry, URLPattern):
            yield PublicRoute(prefix + _pattern_pieces(entry.pattern), localized, entry.callback)


ROUTES = list(public_routes())
LANGUAGE_PREFIXES = [""] + [f"{code}/" for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]

nasty_text = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1e309",
            "NaN",
            "9" * 30,
            "2005-13-45",
            "null",
            "\x00",
            "%00",
            "' OR 1=1 --",
            "<script>alert(1)</script>",
            "../../etc/passwd",
            "ｆｕｌｌｗｉｄｔｈ",
            "서울",
            "臺北",
            "🙂",
            "\u202e",
            "a,b,c",
        ]
    ),
    st.text(min_size=2000, max_size=20000, alphabet=st.sampled_from("aé서🙂%&=+ ")),
)


def path_strategy(route):
    parts = []
    for kind, text, _label in route.pieces:
        if kind == "text":
            parts.append(st.just(text))
        else:
            parts.append(
                st.one_of(
                    st.from_regex(text, fullmatch=True).filter(lambda value: "/" not in value),
                    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30),
                    st.sampled_from(["0", "-1", "9" * 25, "a" * 3000]),
                )
            )
    prefix = st.sampled_from(LANGUAGE_PREFIXES) if route.localized else st.just("")
    return st.tuples(prefix, *parts).map(lambda values: "/" + "".join(quote(value, safe="/") for value in values))


def filter_values(callback):
    """Parameter name -> valid values, from the view's FilterSet (choices, model slugs, numbers)."""
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)  # Django's or DRF's
    filterset_class = getattr(view_class, "filterset_class", None)
    if filterset_class is None:
        return {}
    values = {}
    for name, filter_ in filterset_class.base_filters.items():
        candidates = []
        if choices := filter_.extra.get("choices"):
            candidates = [str(choice[0]) for choice in list(choices)[:50]]
        elif (queryset := filter_.extra.get("queryset")) is not None:
            key = filter_.extra.get("to_field_name") or "pk"
            candidates = [str(value) for value in queryset.values_list(key, flat=True)[:50]]
        values[name] = candidates or ["2010", "1"]
    return values


def query_strategy(parameters):
    names = sorted(parameters) + COMMON_PARAMETERS
    valid = st.sampled_from(names).flatmap(
        lambda name: st.tuples(st.just(name), st.sampled_from(parameters.get(name) or ["1"]))
    )
    invalid = st.tuples(st.sampled_from(names), nasty_text)
    unknown = st.tuples(nasty_text, nasty_text)
    # Bad values for the parameters the page reads come up most often: they reach the most code.
    encoded = st.lists(st.one_of(valid, invalid, invalid, unknown), max_size=8).map(lambda pairs: urlencode(pairs))
    raw = st.one_of(
        st.text(st.characters(exclude_categories=["Cs"]), max_size=200),
        st.binary(max_size=100).map(lambda data: "q=" + quote(data)),  # invalid UTF-8 once decoded
        st.just("&".join(f"f{index}=1" for index in range(1500))),  # more fields than Django accepts
    )
    return st.one_of(encoded, encoded, encoded, raw)


def assert_no_server_error(client, url):
    response = client.get(url)
    assert response.status_code in ACCEPTED_STATUSES, f"{response.status_code} for {url[:300]!r}"


FUZZ_SETTINGS = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def fuzz_route(client, route, fuzz_settings=FUZZ_SETTINGS):
    """Throws generated requests at one route; returns how many were sent."""
    parameters = filter_values(route.callback)
    sent = []

    @fuzz_settings
    @given(path=path_strategy(route), query=query_strategy(parameters))
    def check(path, query):
        sent.append(path)
        assert_no_server_error(client, f"{path}?{query}" if query else path)

    check()
    return len(sent)


@pytest.fixture
def case_count():
    """The requests each test sent; tests/production/conftest.py prints the total after the run."""
    return FUZZ_REQUESTS


@pytest.fixture
def fuzz_client(registry, settings):
    settings.API_THROTTLE_RATE = ""  # thousands of requests from one address: /api/ would answer 429
    return Client(raise_request_exception=False)


def test_the_fuzzed_urls_include_the_public_pages():
    labels = {route.label for route in ROUTES}
    assert "{lang}/" in labels and "healthz" in labels
    assert not any(label.startswith("admin/") for label in labels)


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.label or "/")
def test_no_public_url_answers_a_server_error(fuzz_client, route, case_count):
    sent = fuzz_route(fuzz_client, route)
    assert sent >= EXAMPLES
    case_count.append(sent)


@pytest.mark.django_db
def test_unknown_paths_answer_404_not_500(fuzz_client, case_count):
    sent = []

    @FUZZ_SETTINGS
    @given(
        prefix=st.sampled_from(LANGUAGE_PREFIXES),
        tail=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=300),
    )
    def check(prefix, tail):
        sent.append(tail)
        assert_no_server_error(fuzz_client, "/" + prefix + quote(tail, safe="/"))

    check()
    case_count.append(len(sent))


@pytest.mark.django_db
def test_the_fuzzer_finds_a_server_error_when_there_is_one(settings):
    # tests/production/urls_errors.py has a view that crashes on a non-numeric ?year= (an unguarded int()).
    settings.ROOT_URLCONF = "tests.production.urls_errors"
    route = PublicRoute([("text", "test-errors/fragile/", "")])
    with pytest.raises(AssertionError, match="500 for '/test-errors/fragile/"):
        fuzz_route(Client(raise_request_exception=False), route, hypothesis_settings(FUZZ_SETTINGS, max_examples=500))
