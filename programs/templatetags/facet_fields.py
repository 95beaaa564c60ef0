"""The options of the list's facet fields, rendered in Python: ``{% facet_options facet %}`` (a
``<select>``'s options) and ``{% facet_checkboxes facet %}`` (a fieldset's checkboxes).

A facet has up to a few hundred options (countries, cities, hosts) and every cold list page renders all
of them; done as a template loop with a ``{% blocktranslate count %}`` per option, they were most of the
sidebar's rendering time. The markup is byte for byte what the templates wrote
(``includes/facet_select.html`` and ``includes/facet_checkboxes.html`` keep the rest of the field), and
the messages keep the templates' msgids (makemessages now finds them here), so their translations carry
over."""

import html

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi, gettext, ngettext, override

from ..languages import language_attributes, page_language

register = template.Library()


def text(value):
    """What ``{{ value }}`` writes: localized (numbers get their separators) and escaped."""
    if type(value) is str:  # the usual case, and not marked safe: escape() without its lazy wrapper
        return html.escape(value)
    return conditional_escape(localize(value))


def isolate(label):
    """A record's name inside a message, isolated on a right-to-left page (Unicode FSI … PDI): an English
    theme name in an Arabic option keeps its brackets and count where they belong. Text in an <option>
    takes no markup, so the marks do what <bdi> does elsewhere; left-to-right pages get the label as it is."""
    return f"\u2068{label}\u2069" if get_language_bidi() else label


class Counted:
    """What ``{% blocktranslate count counter=n %}`` writes: ``message(n)`` (an ``ngettext`` call with
    the literal msgids, so that makemessages finds them) with ``values`` (already escaped) and the
    localized count; in English if the translation does not fit. Each distinct count is translated and
    formatted once per instance (the options of a facet share a few counts)."""

    def __init__(self, message):
        self.message = message
        self.seen = {}

    def __call__(self, count, **values):
        if count not in self.seen:
            self.seen[count] = (self.message(count), text(count))
        message, values["counter"] = self.seen[count]
        try:
            return message % values
        except (KeyError, ValueError):
            with override(None):
                return self.message(count) % values


def option_label(count):
    return ngettext("%(label)s (%(counter)s program)", "%(label)s (%(counter)s programs)", count)


def option_count(count):
    return ngettext("(%(counter)s program)", "(%(counter)s programs)", count)


@register.simple_tag
def facet_options(facet):
    """The ``<option>`` of every shown option of ``facet``: "label (n programs)", selected ones marked."""
    counted = Counted(option_label)
    page = page_language()
    parts = []
    for option in facet.shown_options:
        label = counted(option.count, label=isolate(text(option.label)))
        selected = " selected" if option.selected else ""
        # An option takes no markup: a record's name in English marks the option's language (name and
        # count), but not its direction: the count stays in the page's, the name is isolated (FSI … PDI).
        lang = f' lang="{option.lang}"' if option.lang and language_attributes(option.lang, page) else ""
        parts.append(f'\n    <option value="{text(option.value)}"{selected}{lang}>{label}</option>\n    ')
    return mark_safe("".join(parts))


@register.simple_tag
def facet_checkboxes(facet):
    """A checkbox and its label per shown option of ``facet``, in ``<li>``; one line saying no theme
    matches when there is none."""
    name = text(facet.name)
    counted = Counted(option_count)
    page = page_language()
    parts = []
    for number, option in enumerate(facet.shown_options, start=1):
        field_id = f"id_{name}_{text(number)}"
        checked = " checked" if option.selected else ""
        label = text(option.label)
        if option.lang and (lang := language_attributes(option.lang, page)):
            label = f"<span{lang}>{label}</span>"  # its dir isolates it as FSI … PDI would
        else:
            label = isolate(label)
        count = counted(option.count)
        parts.append(
            f'\n    <li><input type="checkbox" id="{field_id}" name="{name}" value="{text(option.value)}"{checked}>'
            f'\n      <label for="{field_id}">{label} <span class="count">{count}</span></label></li>'
            "\n    "
        )
    if not parts:
        none = gettext("No theme matches the other filters.")
        parts.append(f"\n    <li>{text(none)}</li>\n    ")
    return mark_safe("".join(parts))
