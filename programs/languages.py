"""The language a record's text is shown in, and how it is marked.

modeltranslation shows the English where a record has no version in the reader's language; such text
carries its own ``lang`` (screen readers then read it with an English voice) and ``dir`` (so that it keeps
its order inside Arabic text). ``shown_language`` reads it from the record (a filled localized field), for
every translated field of every model; the Python writers (list items, facet options, chips, stats rows)
work out the page's language once per render (``page_language()``) and pass it on. The template tags are
in ``templatetags/records.py``."""

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils.html import escape
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from .sources import translations

ENGLISH = settings.MODELTRANSLATION_DEFAULT_LANGUAGE

# The language of a city's ``local_name`` (not stored), from its country where one language is the name's
# language beyond doubt: the country's one national language (regional ones aside: Chinese names in China,
# Spanish in Spain; Hong Kong's other language, English, is never shown as a local name: it is the name).
# Where several are national (India, Singapore, Switzerland, Ethiopia, Iraq, Kazakhstan, Macao, Morocco,
# Sri Lanka, Bolivia, Paraguay, Peru, …) the name gets ``dir="auto"`` and no ``lang``: a wrong ``lang`` is
# worse than none (a screen reader would read the name with the wrong voice).
LOCAL_NAME_LANGUAGES = {
    "AE": "ar", "AM": "hy", "AR": "es", "AZ": "az", "BD": "bn", "BG": "bg", "BR": "pt", "BT": "dz",
    "CL": "es", "CN": "zh-Hans", "CO": "es", "CR": "es", "CU": "es", "CZ": "cs", "DE": "de", "DO": "es",
    "EC": "es", "EG": "ar", "ES": "es", "FR": "fr", "GE": "ka", "GR": "el", "GT": "es", "HK": "zh-Hant",
    "HN": "es", "HU": "hu", "ID": "id", "IR": "fa", "IT": "it", "JO": "ar", "JP": "ja", "KH": "km",
    "KR": "ko", "KW": "ar", "LA": "lo", "LB": "ar", "LY": "ar", "MM": "my", "MN": "mn",
    "MX": "es", "MZ": "pt", "NI": "es", "NL": "nl", "NP": "ne", "OM": "ar", "PA": "es", "PL": "pl",
    "PT": "pt", "QA": "ar", "RU": "ru", "SA": "ar", "SV": "es", "SY": "ar", "TH": "th", "TN": "ar",
    "TR": "tr", "TW": "zh-Hant", "UA": "uk", "UY": "es", "UZ": "uz", "VE": "es", "VN": "vi", "YE": "ar",
}  # fmt: skip


def page_language():
    """The language of the page being written."""
    return get_language() or settings.LANGUAGE_CODE


def right_to_left(language):
    """True for a language written right to left (Arabic, Persian, Hebrew, Urdu, …)."""
    info = LANG_INFO.get(language) or LANG_INFO.get(language.split("-")[0].lower()) or {}
    return bool(info.get("bidi"))


def shown_language(record, field, page=None):
    """The language of what ``record.<field>`` shows on a page in ``page`` (the active language by
    default): that language when the record has it, else English (modeltranslation's fallback). A field
    that is not translated (no localized field) is English: the registry's records are written in English."""
    language = page or page_language()
    if language == ENGLISH or getattr(record, build_localized_fieldname(field, language), None):
        return language
    return ENGLISH


def language_attributes(language, page=None):
    """`` lang="…" dir="…"`` for a text in ``language`` on a page in ``page``; "" when they are the same.
    An unknown ``language`` ("") gets `` dir="auto"`` alone."""
    page = page or page_language()
    if not language:
        return ' dir="auto"'
    if language.lower() == page.lower():  # zh-Hant is zh-hant
        return ""
    return f' lang="{language}" dir="{"rtl" if right_to_left(language) else "ltr"}"'


def lang_attributes(record, field, page=None):
    """`` lang="en" dir="ltr"`` when ``record.<field>`` is shown in a language other than the page's."""
    page = page or page_language()
    return language_attributes(shown_language(record, field, page), page)


def label_language(record, page=None):
    """The language ``str(record)`` is in (a name, a title) on a page in ``page``: a network's short name
    (WeGO, KOICA) where it has one, else its name or title."""
    if getattr(record, "short_name", "") and str(record) == record.short_name:
        return shown_language(record, "short_name", page)  # English unless short names become translated
    return shown_language(record, "title" if hasattr(record, "title") else "name", page)


def marked_html(value, language, page=None):
    """``value`` escaped, in a ``<span lang dir>`` when ``language`` is not the page's."""
    attributes = language_attributes(language, page)
    return f"<span{attributes}>{escape(value)}</span>" if attributes else escape(value)


def record_html(record, field, page=None):
    """``record.<field>`` as it is shown (escaped), in a ``<span lang dir>`` when foreign to the page."""
    page = page or page_language()
    return marked_html(getattr(record, field), shown_language(record, field, page), page)


def _registry_translation(translate, english, page):
    """``(text, language)``: the registry's translation of ``english`` by ``translate(english, code)``
    into the page's language where there is one, else ``(english, "en")``."""
    code = build_localized_fieldname("", page)[1:]  # modeltranslation's suffix: zh_hant, ind
    if page != ENGLISH and code in translations.LANGUAGES:
        try:
            translated = translate(english, code)
        except KeyError:
            translated = None
        if translated:
            return translated, page
    return english, ENGLISH


def data_note(message, page=None):
    """A data-quality note (``DataQualityFlag.message``): ``(text, language)``."""
    return _registry_translation(translations.flag_message, message, page or page_language())


def source_place(locator, page=None):
    """A source locator ("row 172"): ``(text, language)``."""
    return _registry_translation(translations.source_locator, locator, page or page_language())


def local_name_language(city):
    """The language of ``city.local_name`` from its country, "" where the country does not tell."""
    return LOCAL_NAME_LANGUAGES.get(str(city.country), "")
