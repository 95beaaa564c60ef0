"""What a program's list item shows: ``{% program_item program %}`` writes one ``<li>`` of a program
list (``includes/program_item.html`` is that tag), ``{% program_items programs %}`` a whole page of them.

The item is written in Python rather than as a template because a list page renders 25 of them, and as
a template each cost a hundred template nodes (a translation, an escape and a URL per link). The markup
is byte for byte what the template wrote, and the messages keep the template's msgids (makemessages
now finds them here), so their translations carry over."""

import re

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, override

from ..languages import lang_attributes, language_attributes, page_language
from ..models.targets import targets_of
from ..record_urls import SlugUrls
from .facet_fields import Counted, text

register = template.Library()

# A slug the ``<slug:…>`` path converter takes: ``reverse()`` writes it into the URL as it is.
PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
SLUG_MARK = "slug-placeholder"


class DetailUrls:
    """``url(obj)``: the address of ``obj``'s detail page (``view_name`` with ``slug``), reversed once
    for the list rather than once per link; ``obj.get_absolute_url()`` for a slug the pattern doesn't
    write verbatim."""

    def __init__(self, view_name):
        self.before, _, self.after = reverse(view_name, kwargs={"slug": SLUG_MARK}).partition(SLUG_MARK)

    def __call__(self, obj):
        if PLAIN_SLUG.fullmatch(obj.slug):
            return f"{self.before}{obj.slug}{self.after}"
        return obj.get_absolute_url()


def country_title(name):
    """The title of a target country's link, as ``{% blocktranslate with country=name %}`` writes it."""
    try:
        return gettext("All programs for officials of %(country)s") % {"country": name}
    except (KeyError, ValueError):
        with override(None):
            return gettext("All programs for officials of %(country)s") % {"country": name}


def participants(count):
    return ngettext("%(counter)s participant", "%(counter)s participants", count)


class ItemWriter:
    """Writes the ``<li>`` of programs of one list, in the active language: what is the same for every
    item (fixed messages, URL prefixes, the label of each mode and status) is looked up once."""

    def __init__(self):
        self.program_url = DetailUrls("programs:program-detail")
        self.theme_url = DetailUrls("programs:theme-detail")
        self.not_counted = text(gettext("not counted in the totals"))
        self.not_reported = text(gettext("headcount not reported"))
        self.for_officials = text(gettext("For officials of"))
        self.themes_label = text(gettext("Themes:"))
        self.modes = {}
        self.statuses = {}
        self.participants = Counted(participants)
        self.urls = SlugUrls()  # the target cities' and countries' links
        self.page = page_language()  # once per list: the items' record texts are marked against it

    def mode(self, program):
        if program.mode not in self.modes:
            self.modes[program.mode] = text(program.get_mode_display())
        return self.modes[program.mode]

    def status(self, program):
        if program.status not in self.statuses:
            self.statuses[program.status] = text(capfirst(str(program.get_status_display())))
        return self.statuses[program.status]

    def headcount(self, program):
        if program.headcount is None:
            return self.not_reported
        return self.participants(program.headcount)

    def targets(self, program):
        """The target cities and countries as links, "" when there are none."""
        cities, countries = targets_of(program, self.page, self.urls)
        if not cities and not countries:
            return ""
        links = [
            f'<a href="{text(url)}"{language_attributes(language, self.page)}>{text(name)}</a>'
            for name, url, language in cities
        ]
        for name, url in countries:
            title = country_title(text(name))
            links.append(f'<a href="{text(url)}" title="{title}">{text(name)}</a>')
        return f'<p class="targets">{self.for_officials}\n    {", ".join(links)}</p>'

    def themes(self, program):
        """The program's themes as tags, "" when it has none."""
        themes = program.themes.all()
        if not themes:
            return ""
        tags = "".join(
            f'<a class="tag" href="{text(self.theme_url(theme))}"{lang_attributes(theme, "name", self.page)}>'
            f"{text(theme.name)}</a>"
            for theme in themes
        )
        return f'<p class="tags"><span class="visually-hidden">{self.themes_label}</span>{tags}</p>'

    def __call__(self, program):
        """One program's ``<li>``: title, status when not confirmed, dates, host, mode, headcount, target
        cities and countries, themes."""
        status = (
            ""
            if program.is_confirmed
            else f'<p class="status-note"><strong>{self.status(program)}</strong>: {self.not_counted}</p>'
        )
        return (
            f'<li class="program-item">\n'
            f'  <h3><a href="{text(self.program_url(program))}"{lang_attributes(program, "title", self.page)}>'
            f"{text(program.title)}</a></h3>\n"
            f"  {status}\n"
            f'  <p class="meta">\n'
            f"    <span>{text(program.period_label)}</span>\n"
            f"    <span{lang_attributes(program.host, 'name', self.page)}>{text(program.host)}</span>\n"
            f"    <span>{self.mode(program)}</span>\n"
            f"    <span>{self.headcount(program)}</span>\n"
            f"  </p>\n"
            f"  {self.targets(program)}\n"
            f"  {self.themes(program)}\n"
            f"</li>"
        )


@register.simple_tag
def program_item(program):
    """One program's ``<li>``."""
    return mark_safe(ItemWriter()(program))


@register.simple_tag
def program_items(programs):
    """The ``<li>`` of every program of ``programs``, each on its own line."""
    write = ItemWriter()
    return mark_safe("".join(f"{write(program)}\n" for program in programs))
