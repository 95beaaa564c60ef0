"""The language a record's text is shown in. modeltranslation shows the English where a record has no
version in the reader's language; such text is marked with its own ``lang`` (screen readers then read
it with an English voice) and ``dir`` (so that it keeps its order inside Arabic text):
``<h1{% lang_of program "title" %}>``."""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

register = template.Library()


def shown_language(record, field):
    """The language of what ``record.<field>`` shows: the active one when the record has it, else
    English (modeltranslation's fallback)."""
    language = get_language() or settings.LANGUAGE_CODE
    if getattr(record, build_localized_fieldname(field, language), None):
        return language
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def lang_attributes(record, field):
    """`` lang="en" dir="ltr"`` when ``record.<field>`` is shown in a language other than the page's."""
    language = shown_language(record, field)
    return "" if language == get_language() else f' lang="{language}" dir="ltr"'


@register.simple_tag
def lang_of(record, field):
    return mark_safe(lang_attributes(record, field))


@register.simple_tag
def translated_by_registry(record, field):
    """True when ``record.<field>`` is shown in the reader's language and that language is not English:
    the registry's own translation of an English source."""
    language = get_language() or settings.LANGUAGE_CODE
    return language != settings.MODELTRANSLATION_DEFAULT_LANGUAGE and shown_language(record, field) == language
