"""The open data: the Atom feed and the calendar of a selection (parsed with feedparser and icalendar and
counted against /programs/), the schema.org JSON-LD of the pages (read as JSON-LD with pyld, offline),
the Data Package (validated with frictionless against the CSV exports), the DCAT catalogue, the sitemap
and robots.txt, and the /data/ page."""

import csv
import datetime
import html
import io
import json
import re
from xml.etree import ElementTree

import feedparser
import icalendar
import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from frictionless import Package
from openpyxl import load_workbook
from pyld import jsonld

from programs import feeds, sitemaps
from programs.columns import PROGRAM_COLUMNS, STATS_COLUMNS
from programs.models import Program
from tests.factories import ProgramFactory
from tests.public_pages import fixture_programs, select, shipped_registry, shipped_registry_module  # noqa: F401 (fixtures)

pytestmark = pytest.mark.usefixtures("shipped_registry")

MONTHS_ONLY = "2008-first-masters-degree-course-for-civil-servants-from-developing-countries"  # 2008.8.~2010.2.
ONLINE = "2020-cairo-smart-city-training-program-online"  # 2020-11-09 to 2020-11-20
ONLINE_WITHOUT_DATES = "2021-citynet-member-city-officials-housing-policy-training-program-online"
WATER_2017 = "2017-water-management-training-program"  # 2017-10-15 to 2017-10-22
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"

QUERIES = [
    "theme=water",
    "mode=online",
    "theme=transportation&year_min=2014&year_max=2016",
    "country=EG",
    "q=online&sort=title",  # a word that names no record (see test_languages.py)
]


def listed_count(client, query):
    """How many programs /programs/ says the query selects."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", client.get(f"/programs/?{query}").content.decode()))
    match = re.search(r"(\d[\d,]*) programs? with", re.sub(r"\s+", " ", text))
    assert match, text[:2000]
    return int(match.group(1).replace(",", ""))


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    return parsed


def calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events(parsed):
    return {str(event["url"]).rstrip("/").rsplit("/", 1)[-1]: event for event in parsed.walk("VEVENT")}


def entry_slugs(parsed):
    return [entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in parsed.entries]


def has_calendar_dates(program):
    return program["date_precision"] in ("day", "month")


def refuse_network(url, options=None):
    raise AssertionError(f"the JSON-LD asked to fetch {url}")


def expand(document):
    return jsonld.expand(document, {"documentLoader": refuse_network})


def json_ld_of(client, url):
    body = client.get(url).content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    assert len(scripts) == 1, url
    return json.loads(scripts[0])


SCHEMA = "https://schema.org/"


def value(node, term):
    """The first value of a schema.org property in an expanded JSON-LD node."""
    found = node[SCHEMA + term][0]
    return found.get("@value", found.get("@id", found))


# The Atom feed


@pytest.mark.parametrize("query", QUERIES)
def test_the_feed_has_an_entry_for_each_program_the_list_selects(client, query):
    parsed = feed(client, f"/programs/feed/?{query}")
    assert 0 < len(parsed.entries) == min(listed_count(client, query), feeds.FEED_LIMIT)
    assert parsed.feed.links[0].href == f"http://testserver/programs/?{query}"


def test_the_feed_shows_the_newest_programs_and_no_more_than_its_limit(client):
    parsed = feed(client, "/programs/feed/?sort=title")
    assert len(parsed.entries) == feeds.FEED_LIMIT < len(select())
    years = [int(slug[:4]) for slug in entry_slugs(parsed)]
    assert years == sorted(years, reverse=True)
    assert years[0] == max(program["year"] for program in select())


def test_the_feed_of_an_invalid_selection_is_empty_and_says_why(client):
    parsed = feed(client, "/programs/feed/?year=abc")
    assert parsed.entries == []
    assert "invalid" in parsed.feed.subtitle


def test_feed_entries_keep_their_ids_and_carry_the_calendars_uid(client):
    first = {entry.link: entry.id for entry in feed(client, "/programs/feed/?theme=water").entries}
    again = {entry.link: entry.id for entry in feed(client, "/programs/feed/?theme=water&year_min=2005").entries}
    assert first == again
    korean = feed(client, "/ko/programs/feed/?theme=water").entries
    assert sorted(entry.id for entry in korean) == sorted(first.values())
    uids = {str(event["uid"]) for event in calendar(client, "/programs/calendar.ics?theme=water").walk("VEVENT")}
    assert {entry_id.removeprefix("urn:uuid:") for entry_id in first.values()} >= uids


def test_an_online_program_is_marked_in_the_feed(client):
    entries = {slug: entry for slug, entry in zip(*_entries(feed(client, "/programs/feed/?year=2020")), strict=True)}
    online = {(tag.term, tag.label) for tag in entries[ONLINE].tags}
    assert ("online", "online") in online
    assert any(tag.scheme == "http://testserver/programs/?mode=" for tag in entries[ONLINE].tags)
    assert "online" in entries[ONLINE].summary


def _entries(parsed):
    return entry_slugs(parsed), parsed.entries


def test_the_feed_says_when_the_source_gives_months_only(client):
    slugs, entries = _entries(feed(client, "/programs/feed/?host=korea-university&year=2008"))
    entry = entries[slugs.index(MONTHS_ONLY)]
    assert "August 2008 – February 2010" in entry.summary
    assert "(the source gives months only)" in entry.summary


def test_the_feed_follows_the_language_of_its_address(client):
    parsed = feed(client, "/ko/programs/feed/?mode=online")
    assert parsed.feed.language == "ko"
    assert parsed.feed.title.startswith("프로그램")
    assert all(link.href.startswith("http://testserver/ko/programs/") for link in parsed.entries[0].links)


# The calendar


@pytest.mark.parametrize("query", QUERIES)
def test_the_calendar_has_an_event_for_each_dated_program_the_list_selects(client, query):
    parsed = calendar(client, f"/programs/calendar.ics?{query}")
    shown = events(parsed)
    listed = listed_count(client, query)
    slugs = {program["slug"] for program in select_query(query) if has_calendar_dates(program)}
    assert set(shown) == slugs
    assert len(shown) <= listed
    left_out = listed - len(shown)
    description = str(parsed["X-WR-CALDESC"])
    assert f"{len(shown)} event" in description
    assert (f"{left_out} program" in description) == bool(left_out)


def select_query(query):
    criteria = {
        "theme=water": dict(themes="water"),
        "mode=online": dict(mode="online"),
        "theme=transportation&year_min=2014&year_max=2016": dict(
            themes="transportation", year=lambda year: 2014 <= year <= 2016
        ),
        "country=EG": dict(countries="EG"),
        "q=online&sort=title": dict(title=lambda title: "online" in title.lower()),
    }[query]
    return select(**criteria)


def test_calendar_events_are_all_day_and_end_the_day_after_the_last(client):
    event = events(calendar(client, "/programs/calendar.ics?year=2017&theme=water"))[WATER_2017]
    assert event.decoded("dtstart") == datetime.date(2017, 10, 15)
    assert event.decoded("dtend") == datetime.date(2017, 10, 23)
    assert not isinstance(event.decoded("dtstart"), datetime.datetime)
    assert event["dtstart"].params["VALUE"] == "DATE"
    assert str(event["summary"]) == "Water Management Training Program"


def test_calendar_uids_stay_the_same_across_requests_and_languages(client):
    first = {slug: str(event["uid"]) for slug, event in events(calendar(client, "/programs/calendar.ics")).items()}
    again = {slug: str(event["uid"]) for slug, event in events(calendar(client, "/programs/calendar.ics")).items()}
    korean = calendar(client, "/zh-hant/programs/calendar.ics")
    assert first == again
    assert sorted(first.values()) == sorted(str(event["uid"]) for event in korean.walk("VEVENT"))
    assert len(set(first.values())) == len(first)


def test_an_online_program_is_marked_in_the_calendar(client):
    shown = events(calendar(client, "/programs/calendar.ics?mode=online"))
    event = shown[ONLINE]
    assert str(event["location"]) == "Online"
    assert "online" in [str(category) for category in event["categories"].cats]
    assert event.decoded("dtstart") == datetime.date(2020, 11, 9)
    onsite = events(calendar(client, "/programs/calendar.ics?year=2017&theme=water"))[WATER_2017]
    assert str(onsite["location"]) == "Seoul Human Resource Development Center, Seoul"


def test_a_program_with_months_only_spans_those_months_and_says_so(client):
    event = events(calendar(client, "/programs/calendar.ics?host=korea-university"))[MONTHS_ONLY]
    assert event.decoded("dtstart") == datetime.date(2008, 8, 1)
    assert event.decoded("dtend") == datetime.date(2010, 3, 1)  # through the end of February 2010
    assert str(event["description"]).startswith("Only the months are known: August 2008 – February 2010.")


def test_programs_without_dates_are_left_out_of_the_calendar_and_counted(client):
    parsed = calendar(client, "/programs/calendar.ics?mode=online")
    assert ONLINE_WITHOUT_DATES not in events(parsed)
    assert "1 program whose source gives no day or month is left out." in str(parsed["X-WR-CALDESC"])


def test_the_calendar_is_bounded_and_says_how_many_it_holds(client, monkeypatch):
    monkeypatch.setattr(feeds, "CALENDAR_LIMIT", 7)
    parsed = calendar(client, "/programs/calendar.ics")
    dated = [program for program in select() if has_calendar_dates(program)]
    assert len(events(parsed)) == 7
    assert f"The newest 7 of the {len(dated)} programs with dates are included." in str(parsed["X-WR-CALDESC"])


def test_an_invalid_selection_gives_an_empty_calendar_that_says_why(client):
    parsed = calendar(client, "/programs/calendar.ics?year=abc")
    assert parsed.walk("VEVENT") == []
    assert "invalid" in str(parsed["X-WR-CALDESC"])


@pytest.mark.parametrize("url", ["/programs/feed/?theme=water", "/ko/programs/calendar.ics?mode=online"])
def test_feed_and_calendar_are_served_from_the_page_cache(client, settings, url):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_ADMIT_AFTER = 1  # a page with a query string is kept at its first request
    cache.clear()
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    cache.clear()
    assert again.content == first.content
    assert len(queries) == 1  # the registry's generation


def test_the_feed_makes_the_same_few_queries_for_fifty_entries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert len(feed(client, "/programs/feed/").entries) == feeds.FEED_LIMIT


@pytest.mark.parametrize(
    "url",
    ["/programs/feed/?q=wa%01ter%EF%BF%BF", "/programs/calendar.ics?q=wa%01ter", "/programs/calendar.ics?q=wa%0Ater"],
)
def test_control_characters_in_the_query_do_not_break_feed_or_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", response.content)
    if "feed" in url:
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo and "water" in parsed.feed.title
    else:
        assert "wa" in str(icalendar.Calendar.from_ical(response.content)["X-WR-CALNAME"])


# Links from the program list


def test_the_list_links_to_the_feed_and_calendar_of_its_selection(client):
    body = client.get("/programs/?theme=water&year_min=2010&page=2").content.decode()
    head = body.split("</head>")[0]
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Programs of this selection (Atom feed)" '
        'href="/programs/feed/?theme=water&amp;year_min=2010">'
    ) in head
    assert 'type="text/calendar"' in head and 'href="/programs/calendar.ics?theme=water&amp;year_min=2010"' in head
    assert "Subscribe to this selection:" in body
    assert '<a href="/programs/feed/?theme=water&amp;year_min=2010" type="application/atom+xml">Atom feed</a>' in body
    assert (
        'href="/programs/calendar.ics?theme=water&amp;year_min=2010" type="text/calendar">Calendar (.ics)</a>' in body
    )
    assert '<a class="about-data" href="/data/">' in body


def test_the_korean_list_links_to_the_korean_feed(client):
    body = client.get("/ko/programs/?mode=online").content.decode()
    assert 'href="/ko/programs/feed/?mode=online"' in body.split("</head>")[0]


# JSON-LD


def test_a_program_page_describes_the_program_as_an_education_event(client):
    document = json_ld_of(client, f"/programs/{MONTHS_ONLY}/")
    [node] = expand(document)
    assert node["@type"] == [SCHEMA + "EducationEvent"]
    assert value(node, "startDate") == "2008-08"
    assert value(node, "endDate") == "2010-02"
    assert value(node, "url") == f"http://testserver/programs/{MONTHS_ONLY}/"
    assert value(node, "eventAttendanceMode") == SCHEMA + "OfflineEventAttendanceMode"
    organizer = node[SCHEMA + "organizer"][0]
    assert organizer["@type"] == [SCHEMA + "Organization"]
    assert value(organizer, "name") == "Korea University"
    location = node[SCHEMA + "location"][0]
    assert location["@type"] == [SCHEMA + "Place"]
    assert value(location[SCHEMA + "address"][0], "addressCountry") == "KR"
    assert value(node[SCHEMA + "audience"][0], "audienceType") == "Civil servants"
    assert [value(theme, "name") for theme in node[SCHEMA + "about"]] == ["Urban management"]
    assert value(node[SCHEMA + "mainEntityOfPage"][0], "inLanguage") == "en"


def test_an_online_program_has_a_virtual_location_and_exact_dates(client):
    [node] = expand(json_ld_of(client, f"/zh-hant/programs/{ONLINE}/"))
    assert value(node, "startDate") == "2020-11-09"
    assert value(node, "endDate") == "2020-11-20"
    assert node[SCHEMA + "location"][0]["@type"] == [SCHEMA + "VirtualLocation"]
    assert value(node, "eventAttendanceMode") == SCHEMA + "OnlineEventAttendanceMode"
    assert value(node[SCHEMA + "mainEntityOfPage"][0], "inLanguage") == "zh-Hant"
    countries = [area for area in node[SCHEMA + "audience"][0][SCHEMA + "geographicArea"]]
    assert SCHEMA + "Country" in {kind for area in countries for kind in area["@type"]}


def test_a_program_without_dates_gives_its_year_only(client):
    [node] = expand(json_ld_of(client, f"/programs/{ONLINE_WITHOUT_DATES}/"))
    assert value(node, "startDate") == "2021"
    assert SCHEMA + "endDate" not in node


def test_institute_and_city_pages_describe_an_organization_and_a_place(client):
    [institute] = expand(json_ld_of(client, "/institutes/shrdc/"))
    assert institute["@type"] == [SCHEMA + "Organization"]
    assert value(institute, "url") == "http://testserver/institutes/shrdc/"
    [city] = expand(json_ld_of(client, "/ko/cities/cairo/"))
    assert city["@type"] == [SCHEMA + "City"]
    geo = city[SCHEMA + "geo"][0]
    assert 29 < value(geo, "latitude") < 31 and 30 < value(geo, "longitude") < 32


def test_json_ld_is_escaped_as_json_script_escapes(client):
    program = ProgramFactory(title="</script><script>alert(1)</script> & more", slug="escaped-title")
    body = client.get(program.get_absolute_url()).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
    assert "<" not in script and "\\u003C/script\\u003E" in script
    assert json.loads(script)["name"] == program.title


def test_json_ld_needs_no_nonce_under_the_content_security_policy(client):
    response = client.get(f"/programs/{MONTHS_ONLY}/")
    assert "nonce-" not in response["Content-Security-Policy"]
    # The only inline script is the JSON-LD (data, never run); the site's script is a same-origin file.
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    assert [script for script in scripts if " src=" not in script] == ['<script type="application/ld+json">']
    assert [script for script in scripts if " src=" in script] == ['<script src="/static/js/site.js" defer>']


# /data/, the Data Package and the DCAT catalogue


def test_the_data_package_describes_the_columns_every_download_writes(client):
    """One table of columns (programs/columns.py) feeds the descriptions and the files: the Data Package's
    fields are the header of each CSV, the columns the JSON names and the header of the .xlsx."""
    descriptor = client.get("/data/datapackage.json").json()
    described = {
        resource["name"]: [described["name"] for described in resource["schema"]["fields"]]
        for resource in descriptor["resources"]
    }

    def csv_header(url):
        return next(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))

    assert described == {"programs": csv_header("/programs/export.csv"), "statistics": csv_header("/stats/export.csv")}
    assert client.get("/programs/export.json").json()["columns"] == described["programs"]
    first_record = client.get("/programs/export.json").json()["programs"][0]
    assert list(first_record) == described["programs"]
    sheet = load_workbook(io.BytesIO(client.get("/programs/export.xlsx").content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == described["programs"]


@pytest.mark.parametrize("prefix", ["", "/ko", "/zh-hant"])
def test_the_data_page_describes_every_column_and_links_the_downloads(client, prefix):
    response = client.get(f"{prefix}/data/")
    assert response.status_code == 200
    body = response.content.decode()
    for column in PROGRAM_COLUMNS + STATS_COLUMNS:
        assert f"<code>{column}</code>" in body
    for url in (
        "/programs/export.csv",
        "/programs/export.xlsx",
        "/programs/export.json",
        "/stats/export.csv",
        "/programs/feed/",
        "/programs/calendar.ics",
        "/data/datapackage.json",
        "/data/catalog.jsonld",
    ):
        assert f'href="{prefix}{url}"' in body, url
    assert 'href="/api/v1/"' in body and 'href="/api/docs/"' in body
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in body
    [*datasets] = expand(json_ld_of(client, f"{prefix}/data/"))
    assert {node["@type"][0] for node in datasets} == {SCHEMA + "Dataset"}
    assert value(datasets[0], "license") == "https://creativecommons.org/licenses/by/4.0/"


def test_every_page_links_to_the_data_page(client):
    for url in ("/", "/ko/cities/", f"/programs/{ONLINE}/"):
        body = client.get(url).content.decode()
        footer = body.split('<footer class="site-footer">')[1]
        assert re.search(r'<a href="(/ko)?/data/">[^<]+</a>', footer), url


def test_the_data_package_describes_the_csv_exports(client, tmp_path):
    descriptor = client.get("/data/datapackage.json").json()
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    paths = {resource["name"]: resource["path"] for resource in descriptor["resources"]}
    assert paths == {
        "programs": "http://testserver/programs/export.csv",
        "statistics": "http://testserver/stats/export.csv",
    }
    # No network in tests: validate against local copies of what those addresses serve.
    for resource in descriptor["resources"]:
        local = tmp_path / f"{resource['name']}.csv"
        local.write_bytes(client.get(resource["path"].removeprefix("http://testserver")).content)
        resource["path"] = local.name
    report = Package(descriptor, basepath=str(tmp_path)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows["programs"] == len(select())
    assert rows["statistics"] > 0


def test_the_data_package_fails_on_a_file_that_does_not_match(client, tmp_path):
    descriptor = client.get("/data/datapackage.json").json()
    programs = next(resource for resource in descriptor["resources"] if resource["name"] == "programs")
    rows = list(csv.reader(io.StringIO(client.get("/programs/export.csv").content.decode("utf-8-sig"))))
    rows[1][PROGRAM_COLUMNS.index("year")] = "two thousand and eight"
    with (tmp_path / "programs.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    programs["path"] = "programs.csv"
    descriptor["resources"] = [programs]
    report = Package(descriptor, basepath=str(tmp_path)).validate()
    assert report.flatten(["rowNumber", "fieldName", "type"]) == [[2, "year", "type-error"]]


def test_the_dcat_catalogue_lists_the_datasets_and_their_distributions(client):
    response = client.get("/data/catalog.jsonld")
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    nodes = jsonld.flatten(response.json(), options={"documentLoader": refuse_network})
    dcat, dct = "http://www.w3.org/ns/dcat#", "http://purl.org/dc/terms/"
    by_type = {}
    for node in nodes:
        for kind in node.get("@type", []):
            by_type.setdefault(kind, []).append(node)
    assert len(by_type[dcat + "Catalog"]) == 1
    assert len(by_type[dcat + "Dataset"]) == 2
    downloads = {node[dcat + "downloadURL"][0]["@id"]: node for node in by_type[dcat + "Distribution"]}
    assert "http://testserver/programs/export.csv" in downloads
    assert "http://testserver/programs/feed/" in downloads
    csv = downloads["http://testserver/stats/export.csv"]
    assert csv[dcat + "mediaType"][0]["@id"] == "https://www.iana.org/assignments/media-types/text/csv"
    assert csv[dct + "license"][0]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
    assert csv[dcat + "accessURL"][0]["@id"] == "http://testserver/data/"
    [service] = by_type[dcat + "DataService"]
    assert service[dcat + "endpointURL"][0]["@id"] == "http://testserver/api/v1/"


# Sitemap and robots.txt


def sitemap_urls(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def test_the_sitemap_lists_each_program_in_every_language_with_alternates(client):
    index = sitemap_urls(client, "/sitemap.xml")
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert "http://testserver/sitemap-programs.xml" in sections
    entries = {loc: dict(links) for loc, links in sitemap_entries(client)[0]["programs"]}
    languages = [code for code, _name in settings.LANGUAGES]
    assert len(entries) == len(languages) * len(fixture_programs())
    alternates = {
        code: f"http://testserver{'' if code == 'en' else '/' + code}/programs/{ONLINE}/" for code in languages
    } | {"x-default": f"http://testserver/programs/{ONLINE}/"}
    for language in languages:
        assert entries[alternates[language]] == alternates


def test_the_sitemap_covers_every_kind_of_public_page(client):
    locations = set()
    for section in sitemap_urls(client, "/sitemap.xml").iter(f"{SITEMAP}loc"):
        urlset = sitemap_urls(client, section.text.removeprefix("http://testserver"))
        locations |= {loc.text.removeprefix("http://testserver") for loc in urlset.iter(f"{SITEMAP}loc")}
    pages = ("/", "/programs/", "/stats/", "/about/numbers/", "/privacy/", "/data/", "/cities/", "/agreements/")
    for path in (*pages, "/themes/water/"):
        for prefix in ("", "/ko", "/zh-hant"):
            assert prefix + path in locations
    assert "/institutes/shrdc/" in locations and "/cities/cairo/" in locations
    assert "/ko/agreements/taipei-gyeonggi-civil-servants-exchange-training-mou-2017/" in locations
    assert not any(location.startswith("/admin/") for location in locations)


def sitemap_entries(client):
    """Every (loc, alternates) of every page of each section (``programs`` …), in the index's order, and
    the size of each page."""
    entries, sizes = {}, []
    for page in sitemap_urls(client, "/sitemap.xml").iter(f"{SITEMAP}loc"):
        response = client.get(page.text.removeprefix("http://testserver"))
        sizes.append(len(response.content))
        section = re.search(r"/sitemap-([a-z]+)\.xml", page.text).group(1)
        for url in ElementTree.fromstring(response.content).iter(f"{SITEMAP}url"):
            links = tuple((link.get("hreflang"), link.get("href")) for link in url.iter(f"{XHTML}link"))
            entries.setdefault(section, []).append((url.find(f"{SITEMAP}loc").text, links))
    return entries, sizes


def test_the_record_sitemaps_are_paged_by_record_and_each_page_fits_the_page_cache(client, monkeypatch):
    entries, sizes = sitemap_entries(client)
    assert max(sizes) <= settings.PAGE_CACHE_MAX_ENTRY_BYTES  # else the page cache never keeps a page
    languages = len(settings.LANGUAGES)
    programs = [loc for loc, _links in entries["programs"]]
    assert len(programs) == len(set(programs)) == languages * len(fixture_programs())
    assert len(sizes) > len(entries)  # the programs take more than one page

    # Pages of 7 records: the same entries in the same order, over more pages, each with all the languages
    # of its records.
    monkeypatch.setattr(sitemaps, "RECORDS_PER_PAGE", 7)
    paged, smaller = sitemap_entries(client)
    assert paged == entries and len(smaller) > len(sizes)
    response = client.get("/sitemap-programs.xml?p=2")
    assert len(ElementTree.fromstring(response.content).findall(f"{SITEMAP}url")) == 7 * languages
    assert client.get("/sitemap-programs.xml?p=999").status_code == 404


def test_a_sitemap_page_reads_one_page_of_records(client, django_assert_num_queries):
    # The count of programs and one page of them, however many programs there are: Django's own i18n
    # sitemap read every program to cut out one page.
    with django_assert_num_queries(2):
        response = client.get("/sitemap-programs.xml")
    assert response.status_code == 200
    with django_assert_num_queries(len(sitemaps.SITEMAPS) - 1):  # a count per section of records
        assert client.get("/sitemap.xml").status_code == 200


@pytest.mark.parametrize(
    "window", [slice(0, 5), slice(3, 20), slice(9, 10), slice(7, 7), slice(0, 10_000), slice(2, 30, 3)]
)
def test_the_pairs_of_records_and_languages_cut_like_a_list(window):
    records = Program.objects.order_by("pk")
    pairs = sitemaps.InEveryLanguage(records, ["en", "ko", "ar"])
    everything = [(program, language) for program in records for language in ("en", "ko", "ar")]
    assert len(pairs) == len(everything)
    assert pairs[window] == everything[window]
    assert pairs[4] == everything[4] and pairs[-1] == everything[-1]
    with pytest.raises(IndexError):
        pairs[len(everything)]


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Disallow: /admin/" in lines and "Allow: /" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert client.get("/ko/robots.txt").status_code == 404
