"""Every catalogue (Korean, Traditional Chinese, Spanish, French, Russian, Arabic, Indonesian) is
complete: every string marked for translation in the templates and the Python code is in them, none is
untranslated or fuzzy, the placeholders match, and the compiled .mo files say the same as the .po files
(every plural form, for the counts the language's plural rule sends to it)."""

import ast
import gettext
import html
import re
from pathlib import Path

import pytest
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ["ko", "zh_Hant", "es", "fr", "ru", "ar", "id"]
SOURCE_DIRS = ["cities", "programs", "participants", "exchange_portal"]
GETTEXT_FUNCTIONS = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
PLACEHOLDER = re.compile(r"%\((\w+)\)[+\-#0 ]*\d*[sdif]")


def unquote(line):
    return ast.literal_eval(line)


def read_po(path):
    """Entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (a list), flags, obsolete."""
    entries = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        entry = {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": [], "flags": set()}
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#") or not line.strip():
                continue
            elif line.startswith('"'):
                if key == "msgstr":
                    entry["msgstr"][-1] += unquote(line)
                else:
                    entry[key] += unquote(line)
            else:
                keyword, _, value = line.partition(" ")
                key = "msgstr" if keyword.startswith("msgstr") else keyword
                if key == "msgstr":
                    entry["msgstr"].append(unquote(value))
                else:
                    entry[key] = unquote(value)
        if entry["msgid"] is not None:
            entries.append(entry)
    return entries


def catalogue(locale):
    return read_po(ROOT / "exchange_portal" / "locale" / locale / "LC_MESSAGES" / "django.po")


def template_strings():
    strings = set()
    call = re.compile(r"\b(n?p?gettext)\(((?:u'(?:[^'\\]|\\.)*'(?:, )?)+)")
    for path in (ROOT / "templates").rglob("*.html"):
        code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        for function, arguments in call.findall(code):
            literals = [ast.literal_eval(item) for item in re.findall(r"u'(?:[^'\\]|\\.)*'", arguments)]
            context = literals.pop(0) if function.startswith(("pgettext", "npgettext")) else None
            strings.add((context, literals[0]))
    return strings


def python_strings():
    strings = set()
    for directory in SOURCE_DIRS:
        for path in (ROOT / directory).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name not in GETTEXT_FUNCTIONS or not node.args:
                    continue
                arguments = [
                    arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
                    for arg in node.args
                ]
                if name.startswith(("pgettext", "npgettext")):
                    if len(arguments) > 1 and arguments[0] is not None and arguments[1] is not None:
                        strings.add((arguments[0], arguments[1]))
                elif arguments[0] is not None:
                    strings.add((None, arguments[0]))
    return strings


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_has_no_untranslated_fuzzy_or_obsolete_entry(locale):
    problems = []
    for entry in catalogue(locale)[1:]:  # the first entry is the header
        if entry.get("obsolete"):
            problems.append(("obsolete", entry["msgid"]))
        elif "fuzzy" in entry["flags"]:
            problems.append(("fuzzy", entry["msgid"]))
        elif not entry["msgstr"] or not all(entry["msgstr"]):
            problems.append(("untranslated", entry["msgid"]))
    assert problems == []
    assert "fuzzy" not in catalogue(locale)[0]["flags"], "the header must not be fuzzy"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_marked_string_is_in_the_catalogue(locale):
    known = {(entry["msgctxt"], entry["msgid"]) for entry in catalogue(locale)}
    marked = template_strings() | python_strings()
    assert len(marked) > 100  # the extraction itself works
    missing = sorted(msgid for msgid in marked - known)
    assert missing == [], "run makemessages and translate: " + repr(missing[:20])


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_the_placeholders(locale):
    for entry in catalogue(locale)[1:]:
        wanted = set(PLACEHOLDER.findall(entry["msgid"])) | set(PLACEHOLDER.findall(entry["msgid_plural"] or ""))
        for translation in entry["msgstr"]:
            found = set(PLACEHOLDER.findall(translation))
            # A plural's counter may be left out where the language has one form, but nothing may be invented.
            assert found <= wanted and (wanted - found) <= {"counter", "count"}, (entry["msgid"], translation)


@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_catalogue_matches_the_po_file(locale):
    mo_path = ROOT / "exchange_portal" / "locale" / locale / "LC_MESSAGES" / "django.mo"
    assert mo_path.exists(), "compile with: msgfmt -o django.mo django.po (or manage.py compilemessages)"
    with mo_path.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in catalogue(locale)[1:]:
        key = entry["msgid"] if entry["msgctxt"] is None else f"{entry['msgctxt']}\x04{entry['msgid']}"
        if entry["msgid_plural"]:
            # Every form, each for the counts the language's plural rule sends to it (Arabic has six).
            for count in range(112):
                form = entry["msgstr"][compiled.plural(count)]
                assert compiled.ngettext(key, entry["msgid_plural"], count) == form, (entry["msgid"], count)
        else:
            assert compiled.gettext(key) == entry["msgstr"][0], entry["msgid"]


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("/ko", ["본문으로 건너뛰기", "프로그램 필터", "연도"]), ("/zh-hant", ["跳至主要內容", "篩選課程", "年份"])],
)
def test_pages_are_served_in_the_language_of_their_prefix(client, db, prefix, expected):
    body = client.get(f"{prefix}/programs/").content.decode()
    for text in expected:
        assert text in body


def switcher_link(client, url, language):
    """Where the page's language switcher sends a reader who picks ``language``."""
    body = client.get(url).content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', body, re.S).group(0)
    return html.unescape(re.search(rf'<a href="([^"]*)" lang="{language}"', switcher).group(1))


@pytest.mark.parametrize(
    ("page", "language", "expected"),
    [
        ("/programs/?theme=water&year=2017", "ko", "/ko/programs/?theme=water&year=2017"),
        ("/ko/programs/?theme=water", "en", "/programs/?theme=water"),
        ("/ko/stats/?mode=online", "zh-hant", "/zh-hant/stats/?mode=online"),
        ("/zh-hant/", "en", "/"),
    ],
)
def test_language_switcher_keeps_the_page_and_its_filters(client, db, page, language, expected):
    link = switcher_link(client, page, language)
    assert link == expected
    assert client.get(link).status_code == 200


@pytest.mark.parametrize("language", ["en", "ko", "zh-hant"])
def test_large_numbers_are_grouped_by_thousands_in_every_language(language):
    from django.contrib.humanize.templatetags.humanize import intcomma
    from django.utils import translation

    with translation.override(language):
        assert intcomma(2553) == "2,553"


@pytest.mark.parametrize(
    ("language", "code", "name"),
    [
        ("ko", "TH", "태국"),
        ("ko", "MN", "몽골"),
        ("ko", "TR", "튀르키예"),
        ("zh-hant", "TW", "臺灣"),
        ("zh-hant", "KR", "韓國"),
    ],
)
def test_country_names_are_the_ones_officials_use_today(language, code, name):
    from django.utils import translation
    from django_countries import countries

    with translation.override(language):
        assert countries.name(code) == name
