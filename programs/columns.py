"""The columns of the open data: the program list and the statistics, one declaration per column.

Every format reads this table: the CSV, JSON and .xlsx downloads (``programs/exports.py``: names, order,
.xlsx widths and labels), and the descriptions of the data (``programs/datasets.py``: the /data/ page,
the Data Package's ``schema.fields``, the DCAT and schema.org descriptions). A column added here is in
every one of them; its value comes from ``exports.program_records`` (or ``stats_rows``), which the tests
hold to these names.

Names are stable (English, snake_case) whatever the page language; descriptions are translated.
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from exchange_portal.models import DatePrecision

from .models import Program

# Lists (themes, cities, …) are arrays in the JSON export, joined with "; " in CSV and XLSX.
LIST_SEPARATOR = "; "
LIST_NOTE = _("Several values are separated by “; ” (a list in JSON).")

TYPE_LABELS = {"string": _("text"), "integer": _("whole number"), "date": _("date")}


@dataclass(frozen=True)
class Column:
    """One column: its stable name, its Table Schema type (``string``, ``integer``, ``date``), what it
    means, and how it is written.

    ``choices``: the column holds a code of these choices (the Data Package lists them as its ``enum``;
    the .xlsx of the program list shows their labels). ``lists``: it holds several values. ``width``: in
    the .xlsx of the program list, in characters."""

    name: str
    type: str
    description: str
    width: int = 14
    constraints: dict = field(default_factory=dict)
    choices: type[models.TextChoices] | None = None
    format: str = ""
    lists: bool = False

    @property
    def type_label(self):
        return TYPE_LABELS[self.type]

    @property
    def explanation(self):
        """The description, with how several values are written where the column holds a list."""
        return f"{self.description} {LIST_NOTE}" if self.lists else str(self.description)

    def table_schema(self):
        """This column as a Frictionless Table Schema field."""
        described = {"name": self.name, "type": self.type, "description": self.explanation}
        if self.format:
            described["format"] = self.format
        constraints = {**self.constraints, **({"enum": self.choices.values} if self.choices else {})}
        if constraints:
            described["constraints"] = constraints
        return described


def text(name, description, width=14, **options):
    return Column(name, "string", description, width, **options)


def integer(name, description, width=14, **options):
    return Column(name, "integer", description, width, **options)


def date(name, description, width=14, **options):
    return Column(name, "date", description, width, **options)


REQUIRED = {"required": True}

PROGRAM_TABLE = [
    text(
        "slug",
        _("The program’s identifier in the registry, as in its page address /programs/<slug>/."),
        36,
        constraints={"required": True, "unique": True},
    ),
    text("title", _("The title, in the language of the address it was downloaded from."), 60, constraints=REQUIRED),
    integer("year", _("The year the source files the program under."), 7, constraints=REQUIRED),
    date(
        "start_date",
        _("The first day (YYYY-MM-DD); when only months are known, the first day of the first month."),
        12,
    ),
    date("end_date", _("The last day (YYYY-MM-DD); when only months are known, the last day of the last month."), 12),
    text(
        "date_precision",
        _("How much of the dates the source gives: day, month or year; blank when it gives no usable dates."),
        10,
        choices=DatePrecision,
    ),
    text("period_in_source", _("The period exactly as the source writes it."), 20),
    text("host", _("The host institute’s name."), 36, constraints=REQUIRED),
    text("host_slug", _("The host institute’s identifier, as in /institutes/<slug>/."), 20, constraints=REQUIRED),
    text(
        "format",
        _("The kind of program: short_course, degree_course, workshop, forum, customized, collaborative or exchange."),
        20,
        choices=Program.Format,
    ),
    text("mode", _("onsite or online."), 10, choices=Program.Mode),
    text("themes", _("The themes’ names."), 30, lists=True),
    text("theme_slugs", _("The themes’ identifiers, as in /themes/<slug>/."), 24, lists=True),
    text("target_cities", _("The cities the program was aimed at."), 24, lists=True),
    text("target_countries", _("ISO 3166-1 alpha-2 codes of the countries the program was aimed at."), 12, lists=True),
    text("networks", _("The networks that commissioned or co-organised the program."), 20, lists=True),
    text("agreement", _("The title of the agreement (MOU) the program was held under, if any."), 30),
    text(
        "status",
        _(
            "confirmed (a source says it was held), announced (announced in advance, not confirmed) or "
            "possible_duplicate (it may describe the record in duplicate_of). Downloads hold confirmed "
            "programs only unless status= asks for others."
        ),
        20,
        constraints=REQUIRED,
        choices=Program.Status,
    ),
    text("duplicate_of", _("For a possible duplicate: the slug of the record it may repeat."), 30),
    integer(
        "headcount",
        _("The number of participants the source reports; blank when it reports none."),
        11,
        constraints={"minimum": 0},
    ),
    text("headcount_note", _("What the source says about participants when it gives no exact number."), 30),
    text("url", _("The program’s page in the registry."), 50, constraints=REQUIRED, format="uri"),
    text("source_document", _("The document the record comes from."), 30),
    text("source_locator", _("Where in that document: row, page or section.")),
]

STATS_TABLES = ["by_year", "theme_by_year", "by_country", "by_city", "by_mode", "not_counted"]
# The statistics count one status, or every status (``all``).
STATS_STATUSES = [*Program.Status.values, "all"]

STATS_TABLE = [
    text(
        "table",
        _(
            "Which figure the row belongs to: by_year, theme_by_year, by_country, by_city, by_mode, or "
            "not_counted (records of a status the selection leaves out)."
        ),
        constraints={"required": True, "enum": STATS_TABLES},
    ),
    text(
        "status",
        _(
            "Which records the row counts: confirmed (held, the default), announced (announced in advance) or "
            "possible_duplicate; all when the selection asked for every status. Each by_year row counts one status."
        ),
        constraints={"required": True, "enum": STATS_STATUSES},
    ),
    integer("year", _("The year (rows by_year and theme_by_year).")),
    text("theme", _("A theme’s identifier, as in /themes/<slug>/ (rows theme_by_year).")),
    text("country", _("An ISO 3166-1 alpha-2 country code (rows by_country).")),
    text("city", _("A city’s identifier, as in /cities/<slug>/ (rows by_city).")),
    text("mode", _("onsite or online (rows by_mode)."), choices=Program.Mode),
    integer("programs", _("The number of programs."), constraints={"required": True, "minimum": 0}),
    integer(
        "headcount",
        _("The participants reported in total; blank in the rows theme_by_year and where none was reported."),
        constraints={"minimum": 0},
    ),
]

PROGRAM_COLUMNS = [column.name for column in PROGRAM_TABLE]
STATS_COLUMNS = [column.name for column in STATS_TABLE]
