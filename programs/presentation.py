"""The charts of the public pages, built from the figures the selectors return (the numbers stay in
the pages' tables; exchange_portal/charts.py draws them), and the words that name a selection of
programs in page titles and headings. Dates and headcounts are presented by the models:
``Program.period_label``, ``Program.headcount_label``, ``Agreement.signed_label``.

Every chart is drawn twice: for wide screens (640 units wide) and for phones (320 units wide, shown
below 40rem by ``static/css/site.css``), so that its text renders at 12 px or more on a 360 px phone
instead of being scaled down to half that."""

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django_countries import countries as all_countries

from exchange_portal import charts

from .languages import label_language, marked_html, page_language

WIDE, NARROW = 640, 320


def responsive(draw, data, **options):
    """``draw(data, ...)`` for wide screens and again, narrower, for phones: one figure's contents."""
    wide = draw(data, width=WIDE, css_class="chart-svg chart-wide", **options)
    narrow_options = dict(options)
    if "height" in narrow_options:
        narrow_options["height"] = round(narrow_options["height"] * 0.85)
    elif draw is charts.bar_chart:
        narrow_options["height"] = 200  # half the width of the wide drawing, not half its height
    narrow = draw(data, width=NARROW, css_class="chart-svg chart-narrow", **narrow_options)
    return mark_safe(wide + narrow)


def stats_charts(stats):
    """The five charts of /stats/ for ``stats`` (a ``ProgramStats``), by the names the template uses."""
    same_as_years = _("The table “Programs and participants per year” gives the same numbers.")
    return {
        "years_chart": responsive(
            charts.bar_chart,
            [(str(row.year), row.programs) for row in stats.years],
            title=_("Programs per year"),
            value_label=_("Programs"),
            description=same_as_years,
        ),
        "headcount_chart": responsive(
            charts.bar_chart,
            [(str(row.year), row.headcount) for row in stats.years],
            title=_("Participants per year"),
            value_label=_("Participants"),
            description=same_as_years + " " + _("A dashed outline marks a year with no headcount reported."),
            missing_label=_("not reported"),
        ),
        "countries_chart": responsive(
            charts.horizontal_bar_chart,
            [(row.name, row.programs) for row in stats.countries],
            title=_("Countries reached"),
            value_label=_("Programs"),
            description=_("The table “Countries reached” gives the same numbers."),
        ),
        "cities_chart": responsive(
            charts.horizontal_bar_chart,
            [(row.name, row.programs) for row in stats.cities],
            title=_("Cities reached"),
            value_label=_("Programs"),
            description=_("The table “Cities reached” gives the same numbers."),
        ),
        "modes_chart": responsive(
            charts.share_bar,
            [(row.label, row.programs) for row in stats.modes],
            title=_("Share of programs held online and on-site"),
            description=_("The table “Online and on-site” gives the same numbers."),
        ),
    }


def comparison_chart(comparison):
    """The grouped bars of a ``Comparison``: per year, one bar per theme, country or host."""
    titles = {
        "theme": _("Programs per year, by theme"),
        "country": _("Programs per year, by country reached"),
        "host": _("Programs per year, by host institute"),
    }

    def draw(data, **options):
        return charts.grouped_bar_chart(data[0], data[1], **options)

    return responsive(
        draw,
        ([str(year) for year in comparison.years], [(s.name, s.programs) for s in comparison.series]),
        title=titles[comparison.dimension],
        value_label=_("Programs"),
        description=_("The table “Side by side” below the chart gives the same numbers."),
        height=300,
    )


def theme_chart(theme, years):
    """A theme's programs per year; ``years`` are rows with ``year`` and ``n``, in order, on the year
    axis every theme page shares (years without a program of this theme are there, with no bar)."""
    return responsive(
        charts.bar_chart,
        [(str(row["year"]), row["n"]) for row in years],
        title=_("Programs on %(theme)s per year") % {"theme": theme.name},
        value_label=_("Programs"),
        description=_("The table below gives the same numbers."),
    )


def year_span(first, last):
    """ "2014–2019", "2014" or "since 2014" / "until 2019" for a range of years (either end may be None)."""
    if first is not None and last is not None:
        return str(first) if first == last else f"{first}–{last}"
    if first is not None:
        return _("since %(year)s") % {"year": first}
    if last is not None:
        return _("until %(year)s") % {"year": last}
    return ""


def selection_title(filterset, html=False):
    """Words naming the selection of a bound filterset, e.g. “Transportation programs 2014–2019”, or
    “” when nothing is selected (or a parameter is invalid: the page then says so itself).

    With ``html``, for a heading: escaped, with each record's name shown in English on another
    language's page marked ``lang="en"`` (``<title>`` and the description take text only)."""
    if not filterset.is_bound or not filterset.is_valid():
        return ""
    active = filterset.active
    if not active:
        return ""
    if html:
        page = page_language()
        words = conditional_escape

        def name(record):
            return marked_html(str(record), label_language(record, page), page)
    else:
        words = name = str
    themes = [name(theme) for theme in active.get("theme", [])]
    if themes:
        subject = words(_("%(themes)s programs")) % {"themes": get_text_list(themes, words(_("and")))}
    else:
        subject = words(_("Programs"))
    if "mode" in active:
        subject = words(
            {
                "online": _("%(programs)s held online"),
                "onsite": _("%(programs)s held on-site"),
            }.get(active["mode"], "%(programs)s")
        ) % {"programs": subject}
    parts = [subject]
    if "year" in active:
        parts[0] += " " + str(int(active["year"]))
    else:
        span = year_span(
            int(active["year_min"]) if "year_min" in active else None,
            int(active["year_max"]) if "year_max" in active else None,
        )
        if span:
            parts[0] += " " + words(span)
    if "country" in active:
        country = words(all_countries.name(active["country"]))
        parts.append(words(_("for officials of %(country)s")) % {"country": country})
    if "city" in active:
        parts.append(words(_("for %(city)s")) % {"city": name(active["city"])})
    if "host" in active:
        parts.append(words(_("hosted by %(host)s")) % {"host": name(active["host"])})
    if "network" in active:
        parts.append(words(_("with %(network)s")) % {"network": name(active["network"])})
    if "format" in active:
        choices = dict(filterset.form.fields["format"].choices)
        parts.append(words(str(choices.get(active["format"], active["format"]))))
    if "q" in active:
        parts.append(words(_("matching “%(text)s”")) % {"text": words(active["q"])})
    # Chinese lists its phrases with a full-width comma, not the English ", ".
    title = words(pgettext("between phrases of a title", ", ")).join(parts)
    return mark_safe(title) if html else title
