"""Subscriptions to a selection of the program list: an Atom feed (``/programs/feed/``) and an iCalendar
file (``/programs/calendar.ics``).

Both take the query parameters of ``/programs/`` through the same FilterSet, and like the exports an
invalid parameter selects nothing (the feed and the calendar are then empty, and say why). Both list
the newest programs first and are bounded: the feed shows the newest ``FEED_LIMIT``, the calendar at
most ``CALENDAR_LIMIT`` events and says so in its description. Anonymous visitors get them from the
page cache, which any write to the registry replaces.

Atom needs a time at which each entry last changed: the program's last recorded change in its history,
or, for a record loaded from the source documents (which has no history), the day the program began
(1 January of its year when the source gives no date).
"""

import copy
import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from exchange_portal import pagecache

from .calendar import printable, program_uid, programs_calendar, with_calendar_dates
from .datasets import LICENCE, SITE_NAME
from .models import Program
from .views.programs import bind_filters, selected_programs

FEED_LIMIT = 50
CALENDAR_LIMIT = 500


@dataclass
class Subscription:
    """The program list's filters as a request gives them, and the addresses that keep them."""

    request: object

    @cached_property
    def filterset(self):
        return bind_filters(self.request)

    @cached_property
    def query(self):
        """The query string without the page: what the list, the feed and the calendar share."""
        query = self.request.GET.copy()
        query.pop("page", None)
        return query.urlencode()

    @property
    def invalid(self):
        return self.filterset.is_bound and not self.filterset.is_valid()

    def programs(self):
        """The selected programs, newest first whatever the ``sort`` parameter says."""
        return selected_programs(self.filterset).sorted_by("newest")

    def url(self, name):
        return reverse(name) + (f"?{self.query}" if self.query else "")

    def absolute_url(self, name):
        return self.request.build_absolute_uri(self.url(name))

    def label(self):
        """The filters in words ("Themes: Water; Year: 2017"), blank when nothing is filtered."""
        return "; ".join(f"{chip['label']}: {chip['value']}" for chip in self.filterset.chips)

    def title(self, kind):
        label = self.label()
        return f"{kind} ({label}) · {SITE_NAME}" if label else f"{kind} · {SITE_NAME}"


def last_change():
    """The time of a program's last recorded change (its history), in the same query as the program."""
    history = Program.history.model.objects.filter(id=OuterRef("pk")).order_by("-history_date")
    return Subquery(history.values("history_date")[:1])


class ProgramAtomFeed(Atom1Feed):
    """Atom whose categories carry a scheme and a label beside the term (Django's write the term only):
    ``<category term="online" scheme="https://…/programs/?mode=" label="online"/>``, so that the term
    stays the same in every language and scheme + term is the list filtered by it. Text loses any
    control character, which XML cannot carry (the feed's title repeats the query's filters)."""

    def __init__(self, title, link, description, **kwargs):
        if kwargs.get("subtitle"):
            kwargs["subtitle"] = printable(kwargs["subtitle"])
        super().__init__(printable(title), link, description, **kwargs)

    def add_item(self, title, link, description, **kwargs):
        super().add_item(printable(title), link, printable(description), **kwargs)

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for category in item["labelled_categories"]:
            handler.addQuickElement("category", "", {key: printable(value) for key, value in category.items()})


class ProgramFeed(Feed):
    """The newest programs of a selection of the list, as an Atom feed."""

    feed_type = ProgramAtomFeed
    description_template = "programs/feed_entry.html"

    def __call__(self, request, *args, **kwargs):
        feed = copy.copy(self)  # the URL conf's one instance serves every request: keep each on a copy
        feed.request = request
        return pagecache.public(Feed.__call__(feed, request, *args, **kwargs))

    def get_object(self, request, *args, **kwargs):
        return Subscription(request)

    def get_context_data(self, **kwargs):
        return {"program": kwargs["item"]}

    def title(self, selection):
        return selection.title(_("Programs"))

    def subtitle(self, selection):
        if selection.invalid:
            return _("Some parameters of this address are invalid, so it selects no program.")
        return _("The newest programs of this selection, at most %(limit)s.") % {"limit": FEED_LIMIT}

    def link(self, selection):
        return selection.url("programs:program-list")

    def feed_url(self, selection):
        return selection.url("programs:program-feed")

    def feed_guid(self, selection):
        return selection.absolute_url("programs:program-feed")

    def author_name(self):
        return str(SITE_NAME)

    def feed_copyright(self):
        return f"{LICENCE['title']} ({LICENCE['url']})"

    def items(self, selection):
        return (
            selection.programs()
            .select_related("host")
            .prefetch_related("themes")
            .annotate(last_change=last_change())[:FEED_LIMIT]
        )

    def item_title(self, program):
        return program.title  # an Atom title is text: no escaping beyond the XML's own

    def item_guid(self, program):
        return f"urn:uuid:{program_uid(program)}"

    def item_guid_is_permalink(self, program):
        return False

    def item_updateddate(self, program):
        if program.last_change:
            return program.last_change
        began = program.start_date or datetime.date(program.year, 1, 1)
        return datetime.datetime.combine(began, datetime.time.min)

    def item_extra_kwargs(self, program):
        scheme = self.request.build_absolute_uri(reverse("programs:program-list"))
        categories = [
            {"term": theme.slug, "scheme": f"{scheme}?theme=", "label": theme.name} for theme in program.themes.all()
        ]
        categories.append({"term": program.mode, "scheme": f"{scheme}?mode=", "label": program.get_mode_display()})
        categories.append(
            {"term": program.format, "scheme": f"{scheme}?format=", "label": program.get_format_display()}
        )
        return {"labelled_categories": categories}


def program_calendar(request):
    """The programs of a selection of the list as an iCalendar file, at most CALENDAR_LIMIT events."""
    selection = Subscription(request)
    programs = selection.programs()
    dated = with_calendar_dates(programs)
    events = list(dated.select_related("host__city").prefetch_related("themes")[:CALENDAR_LIMIT])
    dated_count = dated.count() if len(events) == CALENDAR_LIMIT else len(events)
    left_out = programs.count() - dated_count
    content = programs_calendar(
        events,
        build_url=lambda program: request.build_absolute_uri(program.get_absolute_url()),
        name=selection.title(_("Programs")),
        description=calendar_description(selection, shown=len(events), dated=dated_count, left_out=left_out),
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="programs.ics"'
    return pagecache.public(response)


def calendar_description(selection, *, shown, dated, left_out):
    """What the calendar holds, in words: its selection, its count, what it leaves out."""
    parts = [
        _("Training programs of the International Training Registry, selected as on %(url)s.")
        % {"url": selection.absolute_url("programs:program-list")}
    ]
    if selection.invalid:
        parts.append(_("Some parameters of this address are invalid, so it selects no program."))
    if shown < dated:
        parts.append(
            _("The newest %(shown)s of the %(count)s programs with dates are included.")
            % {"shown": shown, "count": dated}
        )
    else:
        parts.append(ngettext("%(count)s event.", "%(count)s events.", shown) % {"count": shown})
    if left_out:
        parts.append(
            ngettext(
                "%(count)s program whose source gives no day or month is left out.",
                "%(count)s programs whose source gives no day or month are left out.",
                left_out,
            )
            % {"count": left_out}
        )
    parts.append(_("A program whose source gives months only spans those whole months."))
    return " ".join(parts)
