"""The published table's totals: what the source states, what its rows add up to, and why they differ.

Wherever the portal shows totals for 2005–2021 it shows both figures and this explanation, so a reader
never has to guess which number is "right".
"""

from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..models import Program
from ..sources import source_table
from . import index as facet_index


def grouped(number):
    """``number`` with its thousands grouped the active language's way, as ``{{ n|intcomma }}`` writes it
    (2,425; 2 425 in French and Russian)."""
    return number_format(number, force_grouping=True)


@dataclass(frozen=True)
class YearTotal:
    year: int
    programs: int
    headcount: int


@dataclass(frozen=True)
class SourceTableTotals:
    stated: source_table.StatedTotals
    programs: int
    headcount: int
    years: list[YearTotal]
    degree_programs: int
    degree_headcount: int

    @property
    def program_difference(self) -> int:
        return self.programs - self.stated.programs

    @property
    def headcount_difference(self) -> int:
        return self.headcount - self.stated.participants

    @property
    def first_listed_year(self) -> int | None:
        return self.years[0].year if self.years else None

    def explanation(self) -> str:
        if not self.programs:
            return _("The published table has not been imported yet.")
        parts = [
            _(
                "The source page states %(stated_programs)s programs and %(stated_people)s "
                "participants for %(first)s–%(last)s. The rows of its own table add up to "
                "%(programs)s programs and %(people)s participants (%(program_diff)+d programs, "
                "%(people_diff)+d participants)."
            )
            % {
                "stated_programs": grouped(self.stated.programs),
                "stated_people": grouped(self.stated.participants),
                "first": self.stated.first_year,
                "last": self.stated.last_year,
                "programs": grouped(self.programs),
                "people": grouped(self.headcount),
                "program_diff": self.program_difference,
                "people_diff": self.headcount_difference,
            },
            _("The source does not say which rows its stated total leaves out."),
        ]
        if self.degree_programs:
            parts.append(
                _(
                    "Without the %(degree_programs)s multi-year master's degree courses "
                    "(%(degree_people)s participants) the table would count %(programs)s programs "
                    "and %(people)s participants."
                )
                % {
                    "degree_programs": self.degree_programs,
                    "degree_people": grouped(self.degree_headcount),
                    "programs": grouped(self.programs - self.degree_programs),
                    "people": grouped(self.headcount - self.degree_headcount),
                }
            )
        if self.degree_programs and self.stated.graduates is not None:
            parts.append(
                _(
                    "The source also says the master's degree course turned out %(graduates)s graduates over "
                    "%(courses)s annual programs; the table lists %(degree_people)s participants in its "
                    "%(degree_programs)s master's courses, so not every participant graduated (or the two "
                    "figures cover different courses)."
                )
                % {
                    "graduates": self.stated.graduates,
                    "courses": self.stated.graduate_programs,
                    "degree_people": grouped(self.degree_headcount),
                    "degree_programs": self.degree_programs,
                }
            )
        if self.first_listed_year and self.first_listed_year > self.stated.first_year:
            parts.append(_("The table lists no program before %(year)s.") % {"year": self.first_listed_year})
        return " ".join(parts)


def source_table_totals() -> SourceTableTotals:
    """Totals of the records imported from the published table (one query per figure group), kept with
    the facet index until the registry changes."""
    return facet_index.kept("source_table_totals", _source_table_totals)


def _source_table_totals():
    table = Program.objects.from_source(source_table.SOURCE_DOCUMENT)
    per_year = table.values("year").annotate(programs=Count("id"), headcount=Sum("headcount")).order_by("year")
    years = [YearTotal(r["year"], r["programs"], r["headcount"] or 0) for r in per_year]
    degree = table.filter(format=Program.Format.DEGREE_COURSE).aggregate(n=Count("id"), people=Sum("headcount"))
    return SourceTableTotals(
        stated=source_table.stated_totals(),
        programs=sum(y.programs for y in years),
        headcount=sum(y.headcount for y in years),
        years=years,
        degree_programs=degree["n"],
        degree_headcount=degree["people"] or 0,
    )
