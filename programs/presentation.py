"""The charts of the public pages, built from the figures the selectors return (the numbers stay in
the pages' tables; exchange_portal/charts.py draws them). Dates and headcounts are presented by the
models: ``Program.period_label``, ``Program.headcount_label``, ``Agreement.signed_label``."""

from django.utils.translation import gettext as _

from exchange_portal import charts


def stats_charts(stats):
    """The five charts of /stats/ for ``stats`` (a ``ProgramStats``), by the names the template uses."""
    same_as_years = _("The table “Programs and participants per year” gives the same numbers.")
    return {
        "years_chart": charts.bar_chart(
            [(str(row.year), row.programs) for row in stats.years],
            title=_("Programs per year"),
            value_label=_("Programs"),
            description=same_as_years,
        ),
        "headcount_chart": charts.bar_chart(
            [(str(row.year), row.headcount) for row in stats.years],
            title=_("Participants per year"),
            value_label=_("Participants"),
            description=same_as_years,
        ),
        "countries_chart": charts.horizontal_bar_chart(
            [(row.name, row.programs) for row in stats.countries],
            title=_("Countries reached"),
            value_label=_("Programs"),
            description=_("The table “Countries reached” gives the same numbers."),
        ),
        "cities_chart": charts.horizontal_bar_chart(
            [(row.name, row.programs) for row in stats.cities],
            title=_("Cities reached"),
            value_label=_("Programs"),
            description=_("The table “Cities reached” gives the same numbers."),
        ),
        "modes_chart": charts.share_bar(
            [(row.label, row.programs) for row in stats.modes],
            title=_("Share of programs held online and on-site"),
            description=_("The table “Online and on-site” gives the same numbers."),
        ),
    }


def theme_chart(theme, years):
    """A theme's programs per year; ``years`` are rows with ``year`` and ``n``, in order."""
    return charts.bar_chart(
        [(str(row["year"]), row["n"]) for row in years],
        title=_("Programs on %(theme)s per year") % {"theme": theme.name},
        value_label=_("Programs"),
        description=_("The table below gives the same numbers."),
    )
