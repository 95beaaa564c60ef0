"""The eight UI languages (issue 14): every language's pages answer in it, with the right ``lang`` and
``dir``; records shown in English on another language's page say so (``lang="en"``); the registry's
Korean and Chinese titles of every program; search across languages (city, country, theme and host names
in any language), on SQLite and PostgreSQL; and, when a search finds nothing, the pages whose names match."""

import re

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from modeltranslation.utils import build_localized_fieldname

from cities.models import Agreement, City, Network
from programs.models import Institute, Program, Theme
from programs.sources import reference, translations
from tests.public_pages import fixture_programs, shipped_registry, shipped_registry_module  # noqa: F401

pytestmark = pytest.mark.usefixtures("shipped_registry")

PAGES = [
    "/",
    "/programs/",
    "/stats/",
    "/programs/2012-welfare-graduate-program-university-of-minnesota/",
    "/cities/cairo/",
    "/agreements/taipei-gyeonggi-civil-servants-exchange-training-mou-2017/",
]


def prefix(code):
    return "" if code == settings.LANGUAGE_CODE else f"/{code}"


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_every_language_answers_in_itself_with_its_direction(client, code):
    for path in PAGES:
        response = client.get(prefix(code) + path)
        assert response.status_code == 200, prefix(code) + path
        body = response.content.decode()
        direction = "rtl" if code == "ar" else "ltr"
        assert f'<html lang="{code}" dir="{direction}">' in body, prefix(code) + path
        # The switcher offers all eight languages, each named in itself.
        assert len(re.findall(r'<a href="[^"]*" lang="[^"]+" hreflang=', body)) == len(settings.LANGUAGES)


def test_the_switcher_names_each_language_in_itself(client):
    body = client.get("/ar/programs/").content.decode()
    for name in ("English", "한국어", "繁體中文", "español", "français", "Русский", "العربيّة", "Bahasa Indonesia"):
        assert f">{name}</a>" in body, name


def test_every_program_has_the_registrys_korean_and_chinese_title():
    programs = Program.objects.all()
    assert programs.count() == len(fixture_programs())
    assert not programs.filter(title_ko__in=["", None]).exists()
    assert not programs.filter(title_zh_hant__in=["", None]).exists()


def test_a_translated_title_is_marked_as_the_registrys_and_an_english_one_as_english(client):
    program = Program.objects.get(slug="2012-welfare-graduate-program-university-of-minnesota")
    korean = client.get(f"/ko/programs/{program.slug}/").content.decode()
    assert f"<h1>{program.title_ko}</h1>" in korean
    assert "등록부가 번역한 제목입니다" in korean
    assert f'<span lang="en" dir="ltr">{escape(program.source_title or program.title_en)}</span>' in korean
    spanish = client.get(f"/es/programs/{program.slug}/").content.decode()
    assert f'<h1 lang="en" dir="ltr">{program.title_en}</h1>' in spanish
    assert "Título traducido por el registro" not in spanish
    # In the list too: each English title on a Spanish page carries its language.
    listing = client.get("/es/programs/").content.decode()
    titles = re.findall(r'<h3><a href="[^"]+"( lang="en" dir="ltr")?>', listing)
    assert titles and all(titles)
    assert not re.findall(r'<h3><a href="[^"]+" lang=', client.get("/ko/programs/").content.decode())


def test_a_translated_agreement_title_is_marked_as_the_registrys(client):
    agreement = Agreement.objects.exclude(title_ko=None).exclude(title_ko="").first()
    with translation.override("ko"):
        korean = client.get(agreement.get_absolute_url()).content.decode()
    assert f"<h1>{escape(agreement.title_ko)}</h1>" in korean and "등록부가 번역한 제목입니다" in korean
    assert f'<span lang="en" dir="ltr">{escape(agreement.title_en)}</span>' in korean


def cairo_programs():
    return {program["slug"] for program in fixture_programs() if "cairo" in program["cities"]}


def found(client, url):
    """The slugs of every program a list URL finds (every page)."""
    slugs, page = set(), 1
    while True:
        body = client.get(f"{url}&status=all&page={page}").content.decode()
        new = set(re.findall(r'<h3><a href="(?:/[a-z-]+)?/programs/([^/]+)/"', body))
        if not new or new <= slugs:
            return slugs
        slugs |= new
        page += 1


@pytest.mark.parametrize(
    ("url", "city"),
    [
        ("/ko/programs/?q=카이로", "cairo"),
        ("/programs/?q=القاهرة", "cairo"),  # Cairo's local name
        ("/ko/programs/?q=방콕", "bangkok"),
        ("/ko/programs/?q=키이우", "kyiv"),
        ("/zh-hant/programs/?q=基輔", "kyiv"),
    ],
)
def test_a_city_named_in_any_language_finds_its_programs(client, url, city):
    expected = {program["slug"] for program in fixture_programs() if city in program["cities"]}
    assert expected and expected <= found(client, url)


def test_a_country_or_theme_named_in_any_language_finds_its_programs(client):
    egypt = {program["slug"] for program in fixture_programs() if "EG" in program["countries"]}
    for word in ("Egypt", "Египет", "مصر", "이집트"):
        assert egypt and egypt <= found(client, f"/programs/?q={word}"), word
    transportation = {program["slug"] for program in fixture_programs() if "transportation" in program["themes"]}
    assert transportation <= found(client, "/ko/programs/?q=교통")


@pytest.mark.parametrize("model", [City, Theme, Institute, Network], ids=lambda model: model.__name__)
def test_every_city_theme_institute_and_network_has_a_name_in_every_language(model):
    records = list(model.objects.all())
    assert records
    for code, _name in settings.LANGUAGES:
        field = build_localized_fieldname("name", code)  # name_ind for Indonesian
        unnamed = [record.slug for record in records if not (getattr(record, field) or "").strip()]
        assert not unnamed, (field, unnamed)


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("/es/programs/?q=El Cairo", "/programs/?city=cairo"),
        ("/fr/programs/?q=Le Caire", "/programs/?city=cairo"),
        ("/ru/programs/?q=Каир", "/programs/?city=cairo"),
        ("/id/programs/?q=Kairo", "/programs/?city=cairo"),
        ("/es/programs/?q=Kiev", "/programs/?city=kyiv"),
        ("/es/programs/?q=Transporte", "/programs/?theme=transportation"),
        ("/ru/programs/?q=Транспорт", "/programs/?theme=transportation"),
        ("/ar/programs/?q=النقل", "/programs/?theme=transportation"),
        ("/id/programs/?q=Transportasi", "/programs/?theme=transportation"),
        ("/fr/programs/?q=Département du développement des fonctionnaires de Taipei", "/programs/?host=taipei-dcsd"),
        ("/ru/programs/?q=Корейское агентство международного сотрудничества", "/programs/?network=koica"),
    ],
)
def test_a_name_in_a_new_language_finds_exactly_the_programs_it_names(client, url, named):
    expected = found(client, named)
    assert expected
    assert found(client, url) == expected


def test_the_official_korean_and_chinese_institute_names_are_the_ones_imported():
    # reference.INSTITUTES and translations.INSTITUTE_NAMES both name institutes: they must agree.
    for slug, _name, name_ko, name_zh, *_rest in reference.INSTITUTES:
        assert (name_ko, name_zh) == (
            translations.RECORDS["institute_names"][slug]["ko"],
            translations.RECORDS["institute_names"][slug]["zh_hant"],
        ), slug
    shrdc = Institute.objects.get(slug="shrdc")
    assert (shrdc.name_ko, shrdc.name_zh_hant) == ("서울특별시인재개발원", "首爾特別市人才開發院")


def test_a_search_that_finds_nothing_suggests_the_pages_whose_names_match(client):
    years = {program["year"] for program in fixture_programs() if "cairo" in program["cities"]}
    empty_year = next(year for year in range(2005, 2022) if year not in years)
    body = client.get(f"/ko/programs/?q=카이로&year={empty_year}").content.decode()
    assert 'class="empty"' in body
    assert 'href="/ko/cities/cairo/"' in body


def test_a_single_letter_matches_text_only(client):
    assert Program.objects.search("a").count() <= Program.objects.count()


def test_english_names_in_arabic_facets_are_isolated(client):
    body = client.get("/ar/programs/").content.decode()
    # An option's label is isolated by FSI … PDI, a checkbox's by its <span dir> (it is marked lang="en").
    # Themes have Arabic names now; a network's short name (WeGO) stays in Latin letters.
    assert "\u2068WeGO\u2069" in body or '<span lang="en" dir="ltr">WeGO</span>' in body
    assert "\u2068" not in client.get("/es/programs/").content.decode()


@pytest.mark.parametrize(
    ("url", "shown", "not_shown"),
    [
        # django-countries has no Indonesian catalogue: exchange_portal/locale_countries supplies one (CLDR).
        ("/id/cities/cairo/", "Mesir", "Egypt"),
        # Its Arabic names lag behind current spelling (اندونيسيا): COUNTRIES_OVERRIDE and our catalogue.
        ("/ar/cities/jakarta/", "إندونيسيا", "اندونيسيا"),
    ],
)
def test_country_names_are_in_the_pages_language_where_django_countries_lacks_or_lags(client, url, shown, not_shown):
    page = client.get(url).content.decode()
    assert shown in page and not_shown not in page


def test_a_network_whose_short_name_is_its_english_name_shows_its_translated_name(client):
    world_bank = Network.objects.get(short_name="World Bank")
    assert world_bank.name_ar and str(world_bank) == "World Bank"
    with translation.override("ar"):
        assert str(world_bank) == world_bank.name_ar
        assert str(Network.objects.get(short_name="WeGO")) == "WeGO"  # an acronym stays


@pytest.mark.parametrize(("code", "before", "after"), [("es", "Ámsterdam", "Bandung"), ("fr", "Séoul", "Singapour")])
def test_the_city_list_is_alphabetical_in_the_readers_language_accents_aside(client, code, before, after):
    page = client.get(f"/{code}/cities/").content.decode()
    names = re.findall(rf'href="/{code}/cities/[a-z-]+/"[^>]*>([^<]+)<', page)
    assert len(names) == City.objects.count()
    assert names.index(before) < names.index(after)  # by code point, Á and é sort after every plain letter
