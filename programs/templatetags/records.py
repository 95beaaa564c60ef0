"""The language a record's text is shown in. modeltranslation shows the English where a record has no
version in the reader's language; such text is marked with its own ``lang`` (screen readers then read
it with an English voice) and ``dir`` (so that it keeps its order inside Arabic text):
``<h1{% lang_of program "title" %}>``, ``{% record_text theme "name" %}`` (a ``<span>`` where needed).

One helper for every translated field of every model (whether a field is translated, and in which
languages, is read from the record: ``shown_language`` looks for the filled localized field), a plain
function for the Python writers (``lang_attributes``, ``record_html``) and tags for the templates:

- ``{% lang_of record "field" %}``: the attributes, for the element that holds the text;
- ``{% record_text record "field" %}``: the text, escaped, in a ``<span lang dir>`` when foreign;
- ``{% source_lang %}``: the attributes of a text that is always the source's English (source text and
  title, signatories), ``{% lang_attrs code %}`` those of a language already worked out (stats rows);
- ``{% data_note message %}``, ``{% source_place locator %}``: a data-quality note and a source locator in
  the registry's translation where it has one (``fixtures/translations.toml``), else the English
  marked as such;
- ``{% local_name_lang city %}``: the attributes of a city's ``local_name`` (its own script).

The functions behind them, for Python code too, are in ``programs/languages.py``."""

from django import template
from django.utils.safestring import mark_safe

from ..languages import (
    ENGLISH,
    data_note,
    label_language,
    lang_attributes,
    language_attributes,
    local_name_language,
    marked_html,
    page_language,
    record_html,
    shown_language,
    source_place,
)

register = template.Library()


@register.simple_tag
def lang_of(record, field):
    return mark_safe(lang_attributes(record, field))


@register.simple_tag
def record_text(record, field):
    return mark_safe(record_html(record, field))


@register.simple_tag
def source_lang():
    """The attributes of a text that is always the source's English (source text, source title,
    signatories): none on an English page."""
    return mark_safe(language_attributes(ENGLISH))


@register.simple_tag
def lang_attrs(language):
    """The attributes of a text in ``language`` worked out beforehand; none when it is "" (not known)."""
    return mark_safe(language_attributes(language) if language else "")


@register.simple_tag(name="data_note")
def data_note_tag(message):
    return mark_safe(marked_html(*data_note(message)))


@register.simple_tag(name="source_place")
def source_place_tag(locator):
    return mark_safe(marked_html(*source_place(locator)))


@register.simple_tag
def local_name_lang(city):
    # A name in the page's own language (a Korean city's on /ko/) gets nothing; one in an unknown
    # language, dir="auto" alone.
    return mark_safe(language_attributes(local_name_language(city)))


@register.simple_tag
def translated_by_registry(record, field):
    """True when ``record.<field>`` is shown in the reader's language and that language is not English:
    the registry's own translation of an English source."""
    language = page_language()
    return language != ENGLISH and shown_language(record, field, language) == language


@register.filter
def label_lang(record):
    """The language of ``{{ record }}`` (its name or title, or its untranslated short name)."""
    return label_language(record)
