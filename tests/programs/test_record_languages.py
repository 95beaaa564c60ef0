"""Every record text shown in a language other than the page's carries its own ``lang`` (issue 14).

The public pages are walked in Korean and Traditional Chinese (and one page each in Spanish and Arabic)
with the standard library's HTML parser (as tests/production/csp_audit.py reads pages): every element or
text that holds a record's English text (a title, name, description, summary, note, source text) that the
record has no version of in the page's language must sit inside ``lang="en"``; and the reverse, what is
marked ``lang="en"`` really is a record's English. The registry's expected texts are read from the
database, so the check follows the data as translations are added (never a list of languages).

Also: data-quality notes and source locators in the registry's Korean, a city's ``local_name`` in its own
language, and numbers grouped one way on a French page."""

import re
from html.parser import HTMLParser

import pytest
from django.db.models import F
from django.utils import translation
from django.utils.html import escape
from modeltranslation.utils import build_localized_fieldname

from cities.models import Agreement, City, Network
from programs import exports
from programs.exports import ExportTooLarge
from programs.languages import LOCAL_NAME_LANGUAGES
from programs.models import DataQualityFlag, Institute, Program, Theme
from programs.sources import translations
from tests.public_pages import shipped_registry, shipped_registry_module  # noqa: F401

pytestmark = pytest.mark.usefixtures("shipped_registry")

# Translated fields per model; the Sourced ones also have source texts that are always English.
TRANSLATED = {
    Program: ("title", "description"),
    Theme: ("name", "description"),
    Institute: ("name", "description"),
    City: ("name",),
    Network: ("name", "description"),
    Agreement: ("title", "summary"),
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIPPED = {"head", "script", "style", "svg", "template"}  # not read as text (SVG: charts and maps, left out)


class Text(str):
    """One text of an element (rather than all of its content)."""


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def text_languages(self):
        """The language of each of its texts that is not blank (its own and its descendants')."""
        found = set()
        for child in self.children:
            if isinstance(child, Node):
                found |= child.text_languages()
            elif normal(child):  # not blank, not punctuation alone
                found.add(self.language())
        return found

    def language(self):
        node = self
        while node is not None:
            if "lang" in node.attrs:
                return node.attrs["lang"]
            node = node.parent
        return None

    def inside(self, tags):
        node = self
        while node is not None:
            if node.tag in tags:
                return True
            node = node.parent
        return False


class Tree(HTMLParser):
    """The page as nested nodes: enough of a DOM to ask each text's language."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {}, None)
        self.elements = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        self.elements.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        self.elements.append(node)

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)

    def texts(self):
        """``(node, text)`` for every element and every text of the body that is read as text."""
        for element in self.elements:
            if not element.inside(SKIPPED):
                yield element, element.text()
                for child in element.children:
                    if isinstance(child, str):
                        yield element, Text(child)


def normal(text):
    """Text compared without whitespace, isolation marks or the punctuation around it (": note")."""
    text = re.sub(r"[\s\u2066-\u2069]+", "", text)
    return text.strip(":;,.·()–—")


def without_count(text):
    """A facet option's label without its count: "Seoul HRD (3 programs)" → "Seoul HRD"."""
    return re.sub(r"[(（][^()（）]*[)）]$", "", text.strip())


def record_texts(language):
    """``(english, local)``: the registry's English texts (the translated fields' English, the source
    texts and titles, short names, signatories, headcount notes, data-quality notes and locators), and
    what the records show in ``language`` (their texts in it, and every local name)."""
    english, local = set(), set()
    for model, fields in TRANSLATED.items():
        for record in model.objects.all():
            for field in fields:
                shown = getattr(record, build_localized_fieldname(field, language)) or ""
                english.add(normal(getattr(record, build_localized_fieldname(field, "en")) or ""))
                local.add(normal(shown))
            for field in ("source_text", "source_title", "source_group", "short_name", "signatories", "headcount_note"):
                value = getattr(record, field, "") or ""
                english.update(normal(line) for line in [value, *value.splitlines()])
    for program in Program.objects.all():
        english.add(normal(f"{program.title_en} ({program.year})"))
        local.add(normal(f"{getattr(program, build_localized_fieldname('title', language)) or ''} ({program.year})"))
    for flag in DataQualityFlag.objects.all():
        english.add(normal(flag.message))
    for locator in Program.objects.values_list("source_locator", flat=True):
        english.add(normal(locator))
    local.update(normal(name) for name in City.objects.values_list("local_name", flat=True))
    english.discard(""), local.discard("")
    return english, local


def check_page(client, url, language):
    """Every English record text on ``url`` is marked lang="en", and every lang="en" text is English."""
    response = client.get(url)
    assert response.status_code == 200, url
    tree = Tree(response.content.decode())
    english, local = record_texts(language)
    english_only = english - local  # a text the page's language shares (an acronym, a name) proves nothing
    checked = marked = 0
    for node, text in tree.texts():
        shown = normal(without_count(text) if node.inside({"option"}) else text)
        if shown in english_only:
            checked += 1
            languages = {node.language()} if isinstance(text, Text) else node.text_languages()
            assert languages == {"en"}, f"{url}: {text.strip()!r} is English, read as {languages}"
    for node in tree.elements:
        if node.attrs.get("lang") == "en" and "hreflang" not in node.attrs and not node.inside(SKIPPED):
            marked += 1
            text = normal(without_count(node.text()) if node.tag == "option" else node.text())
            assert text in english, f"{url}: {node.text().strip()!r} is marked English but is no record's English"
    return checked, marked


def paths():
    """The public pages with record texts: home, list, programs with notes, descriptions and related
    programs, a city, a theme, an institute, an agreement, stats."""
    flagged = DataQualityFlag.objects.open().values_list("program__slug", flat=True).order_by("program__slug")
    described = Program.objects.exclude(description_en="").values_list("slug", flat=True).order_by("slug")
    noted = Program.objects.exclude(headcount_note="").values_list("slug", flat=True).order_by("slug")
    programs = [*list(flagged[:3]), *list(described[:2]), *list(noted[:1])]
    described_theme = Theme.objects.exclude(description_en="").order_by("slug").first() or Theme.objects.first()
    return [
        "/",
        "/programs/",
        "/programs/?status=all&page=2",
        "/stats/",
        "/about/numbers/",
        "/cities/",
        "/agreements/",
        *(f"/programs/{slug}/" for slug in programs),
        "/cities/cairo/",
        "/cities/seoul/",
        described_theme.get_absolute_url().removeprefix("/en"),
        Institute.objects.order_by("slug").first().get_absolute_url(),
        Agreement.objects.exclude(signatories="").first().get_absolute_url(),
        "/stats/?theme=" + "&theme=".join(Theme.objects.order_by("slug").values_list("slug", flat=True)[:2]),
        "/stats/?compare_host=" + "&compare_host=".join(Institute.objects.values_list("slug", flat=True)[:2]),
        "/programs/?q=zzzz-nothing",
        "/programs/?theme=" + Theme.objects.order_by("slug").first().slug,
    ]


@pytest.mark.parametrize("language", ["ko", "zh-hant"])
def test_every_public_page_marks_the_english_it_shows(client, language):
    checked = marked = 0
    for path in paths():
        found, was_marked = check_page(client, f"/{language}{path}", language)
        checked, marked = checked + found, marked + was_marked
    # The walk saw English record texts (theme and institute descriptions, source texts, notes): a check
    # that found nothing to check would prove nothing.
    assert checked > 20 and marked > 20


def test_a_page_whose_records_lack_korean_marks_them_where_they_lack_it(client):
    """Take a theme's and a city's Korean names away: their English is marked, on every page that names
    them (the list's items and facets, the program, the stats), not a list of languages."""
    program = Program.objects.filter(themes__isnull=False, target_cities__isnull=False).order_by("slug").first()
    theme, city = program.themes.order_by("slug").first(), program.target_cities.order_by("slug").first()
    Theme.objects.filter(pk=theme.pk).update(name_ko="")
    City.objects.filter(pk=city.pk).update(name_ko="")
    for path in (f"/programs/{program.slug}/", "/programs/?status=all", "/stats/", f"/programs/?theme={theme.slug}"):
        check_page(client, f"/ko{path}", "ko")
    body = client.get(f"/ko/programs/{program.slug}/").content.decode()
    assert f'href="/ko/themes/{theme.slug}/" lang="en" dir="ltr">{theme.name_en}</a>' in body
    assert f'href="/ko/cities/{city.slug}/" lang="en" dir="ltr">{city.name_en}</a>' in body


@pytest.mark.parametrize(
    ("language", "path"),
    [("es", "/programs/2012-welfare-graduate-program-university-of-minnesota/"), ("ar", "/programs/"), ("ar", "/")],
)
def test_spanish_and_arabic_pages_mark_the_english_they_show(client, language, path):
    checked, marked = check_page(client, f"/{language}{path}", language)
    assert checked and marked


def test_english_in_an_arabic_page_runs_left_to_right(client):
    tree = Tree(client.get("/ar/programs/?theme=transport").content.decode())
    marked = [node for node in tree.elements if node.attrs.get("lang") == "en" and "hreflang" not in node.attrs]
    assert marked and all(node.attrs.get("dir") == "ltr" for node in marked if node.tag != "option")
    # An option's count stays right to left; its English name is isolated by FSI … PDI instead.
    options = [node for node in marked if node.tag == "option"]
    assert options and all("dir" not in node.attrs and "\u2068" in node.text() for node in options)


def test_a_data_quality_note_and_a_locator_show_in_the_registrys_korean(client):
    flag = next(
        flag
        for flag in DataQualityFlag.objects.open().select_related("program").order_by("pk")
        if translations.flag_message(flag.message, "ko")
        and translations.source_locator(flag.program.source_locator, "ko")
    )
    note = translations.flag_message(flag.message, "ko")
    place = translations.source_locator(flag.program.source_locator, "ko")
    korean = client.get(f"/ko/programs/{flag.program.slug}/").content.decode()
    assert f"</strong>: {note}</li>" in korean
    assert f"<dd>{place}</dd>" in korean
    assert flag.message not in korean.replace("&#x27;", "'")
    # Where the registry has no translation (Spanish), the English, marked as such.
    spanish = client.get(f"/es/programs/{flag.program.slug}/").content.decode()
    assert f'<dd><span lang="en" dir="ltr">{escape(flag.program.source_locator)}</span></dd>' in spanish
    assert f'</strong>: <span lang="en" dir="ltr">{escape(flag.message)}</span></li>' in spanish


def test_a_local_name_carries_its_own_language_or_direction(client):
    cairo = client.get("/ko/cities/cairo/").content.decode()
    assert '(<span lang="ar" dir="rtl">القاهرة</span>)' in cairo
    # A country of several languages (India): no lang, dir="auto".
    city = (
        City.objects.exclude(local_name="")
        .exclude(local_name=F("name_ko"))
        .exclude(country__in=list(LOCAL_NAME_LANGUAGES))
        .order_by("slug")
        .first()
    )
    assert city is not None, "the shipped registry has a city named in a language its country does not tell"
    body = client.get(f"/ko/cities/{city.slug}/").content.decode()
    assert f'(<span dir="auto">{city.local_name}</span>)' in body
    taipei = client.get("/zh-hant/cities/taipei/").content.decode()
    assert "(<span>臺北市</span>)" in taipei  # in the page's own language: nothing to mark


GROUPED = re.compile(r"\d{1,3}(?:([,.\u00a0\u202f ])\d{3})+(?![\d,.])")


@pytest.mark.parametrize("path", ["/fr/", "/fr/stats/", "/fr/about/numbers/", "/ru/"])
def test_a_french_page_groups_every_number_one_way(client, path):
    """No "2,425" beside "2 425": the numbers Python writes into sentences (the source table's totals)
    are grouped as the templates' ``intcomma`` groups them."""
    tree = Tree(client.get(path).content.decode())
    separators = {}
    for node in tree.elements:
        if node.inside({"head", "script", "style"}):
            continue
        for child in node.children:
            if isinstance(child, str):
                for match in GROUPED.finditer(child):
                    separators.setdefault(match.group(1), []).append(match.group(0))
    assert separators, f"{path} shows no number of four digits or more"
    assert len(separators) == 1 and "," not in separators, separators


def test_a_downloads_limit_is_grouped_in_the_readers_language():
    error = ExportTooLarge(12345, 10000, "EXPORT_MAX_ROWS")
    with translation.override("fr"):
        french = exports.too_large(error).content.decode()
    with translation.override("en"):
        english = exports.too_large(error).content.decode()
    assert "12\u00a0345" in french and "10\u00a0000" in french and "12,345" not in french
    assert "12,345" in english and "10,000" in english


def test_a_selections_heading_marks_the_names_it_gives_in_english(client):
    network = Network.objects.exclude(short_name="").order_by("slug").first()
    body = client.get(f"/ko/programs/?network={network.slug}&q=%3Cb%3E").content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", body).group(1)
    assert f'<span lang="en" dir="ltr">{escape(network.short_name)}</span>' in heading
    assert "&lt;b&gt;" in heading and "<b>" not in heading  # the search text stays text
    title = re.search(r"<title>(.*?)</title>", body).group(1)
    assert "<span" not in title and "&lt;span" not in title  # the title takes text only
    stats = client.get(f"/ko/stats/?network={network.slug}").content.decode()
    assert f'<span lang="en" dir="ltr">{escape(network.short_name)}</span>' in re.search(
        r"<h1>(.*?)</h1>", stats
    ).group(1)
