"""The list's items and facet options, written in Python (programs/templatetags/listing.py and
facet_fields.py) instead of per-item and per-option template work (issue 16, "cheaper rendering"): the
markup is what the templates wrote, escaped, in the visitor's language, with the same links."""

import datetime
import re

import pytest

from exchange_portal.models import DatePrecision
from programs.models import Program, TargetCountry
from tests.factories import CityFactory, InstituteFactory, ProgramFactory, ThemeFactory


@pytest.fixture
def listed(db):
    host = InstituteFactory(name="Seoul HRD & Co", slug="seoul-hrd")
    water = ThemeFactory(name="Water <supply>", slug="water")
    program = ProgramFactory(
        title='Water & "waste" <management>',
        slug="2019-water",
        year=2019,
        start_date=datetime.date(2019, 5, 2),
        end_date=datetime.date(2019, 5, 3),
        date_precision=DatePrecision.DAY,
        host=host,
        headcount=1,
        status=Program.Status.ANNOUNCED,
        themes=[water, ThemeFactory(name="Energy", slug="energy")],
    )
    program.target_cities.add(CityFactory(name="Cairo", slug="cairo", country="EG"))
    TargetCountry.objects.create(program=program, country="EG")
    TargetCountry.objects.create(program=program, country="VN")
    ProgramFactory(title="Urban forum", slug="2020-forum", year=2020, host=host, headcount=None, themes=[water])
    return program


def item(body, title):
    items = re.findall(r'<li class="program-item">.*?</li>', body, re.S)
    [found] = [found for found in items if title in found]
    return found


def test_a_list_item_is_written_as_the_template_wrote_it(client, listed):
    body = client.get("/programs/?status=all").content.decode()
    assert item(body, "Water &amp;") == (
        '<li class="program-item">\n'
        '  <h3><a href="/programs/2019-water/">Water &amp; &quot;waste&quot; &lt;management&gt;</a></h3>\n'
        '  <p class="status-note"><strong>Announced in advance</strong>: not counted in the totals</p>\n'
        '  <p class="meta">\n'
        "    <span>May 2, 2019 – May 3, 2019</span>\n"
        "    <span>Seoul HRD &amp; Co</span>\n"
        "    <span>on-site</span>\n"
        "    <span>1 participant</span>\n"
        "  </p>\n"
        '  <p class="targets">For officials of\n'
        '    <a href="/cities/cairo/">Cairo</a>, '
        '<a href="/programs/?country=EG" title="All programs for officials of Egypt">Egypt</a>, '
        '<a href="/programs/?country=VN" title="All programs for officials of Vietnam">Vietnam</a></p>\n'
        '  <p class="tags"><span class="visually-hidden">Themes:</span>'
        '<a class="tag" href="/themes/energy/">Energy</a><a class="tag" href="/themes/water/">Water &lt;supply&gt;</a>'
        "</p>\n"
        "</li>"
    )


def test_an_item_without_headcount_targets_or_status_note_leaves_them_out(client, listed):
    found = item(client.get("/programs/").content.decode(), "Urban forum")
    assert "<span>headcount not reported</span>" in found
    assert "status-note" not in found and "targets" not in found
    assert '<a class="tag" href="/themes/water/">' in found


def test_items_and_options_speak_the_visitors_language(client, listed):
    body = client.get("/ko/programs/?status=all").content.decode()
    found = item(body, "Water &amp;")
    # The program has no Korean title: its English one says so (tests/programs/test_languages.py).
    assert '<a href="/ko/programs/2019-water/" lang="en" dir="ltr">' in found
    # So do the theme, host and city names the records have in English only (issue 14).
    assert '<a class="tag" href="/ko/themes/water/" lang="en" dir="ltr">' in found
    assert '<span lang="en" dir="ltr">Seoul HRD &amp; Co</span>' in found
    assert '<a href="/ko/cities/cairo/" lang="en" dir="ltr">Cairo</a>' in found
    assert "<span>참가자 1명</span>" in found
    assert "합계에 포함되지 않음" in found
    assert '<option value="seoul-hrd" lang="en">Seoul HRD &amp; Co (프로그램 2개)</option>' in body


def test_names_the_records_have_in_the_visitors_language_are_not_marked(client, listed):
    water = listed.themes.get(slug="water")
    water.name_ko = "상수도"
    water.save()
    city = listed.target_cities.get()
    city.name_ko = "카이로"
    city.save()
    body = client.get("/ko/programs/?status=all").content.decode()
    found = item(body, "Water &amp;")
    assert '<a class="tag" href="/ko/themes/water/">상수도</a>' in found
    assert '<a href="/ko/cities/cairo/">카이로</a>' in found
    assert re.search(r'<label for="id_theme_\d+">상수도 <span class="count">', body)
    assert re.search(r'<label for="id_theme_\d+"><span lang="en" dir="ltr">Energy</span> <span class="count">', body)


def test_facet_options_count_in_singular_and_plural_and_mark_the_selection(client, listed):
    body = client.get("/programs/?status=all&theme=energy").content.decode()
    assert '<option value="seoul-hrd">Seoul HRD &amp; Co (1 program)</option>' in body
    assert '<option value="2019" selected>' not in body
    assert re.search(
        r'<input type="checkbox" id="id_theme_(\d+)" name="theme" value="energy" checked>\s*'
        r'<label for="id_theme_\1">Energy <span class="count">\(1 program\)</span></label>',
        body,
    )
    body = client.get("/programs/?status=all&host=seoul-hrd").content.decode()
    assert '<option value="seoul-hrd" selected>Seoul HRD &amp; Co (2 programs)</option>' in body
    assert 'value="water">\n      <label for="id_theme_2">Water &lt;supply&gt; <span class="count">(2 programs)' in body


def test_the_theme_facet_says_when_no_theme_matches(client, db):
    ThemeFactory(name="Water", slug="water")
    ProgramFactory(title="Without themes", year=2019)
    body = client.get("/programs/").content.decode()
    assert "<li>No theme matches the other filters.</li>" in body
