"""Training programs and the countries they were aimed at."""

import functools
import operator
from functools import reduce

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Abs
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField
from modeltranslation.utils import build_localized_fieldname

from exchange_portal.dates import period_at_precision
from exchange_portal.models import DatePrecision, Sourced
from exchange_portal.permissions import InstituteScopedQuerySet

from .reference import Institute, Theme
from .targets import with_targets

EARLIEST_YEAR = 1990
LATEST_YEAR = 2100


def _match(field, values):
    """A lookup on ``field`` for model instances (by id, without a join) or slugs."""
    values = list(values)
    if values and isinstance(values[0], models.Model):
        return {f"{field}_id__in": [value.pk for value in values]}
    return {f"{field}__slug__in": values}


def restricted(links, programs):
    """The rows of a link table (``links``, a queryset) that belong to ``programs``; all of them,
    without asking which programs there are, when nothing filters ``programs``."""
    return links.filter(program__in=programs.values("pk")) if programs.query.where else links


def localized_fields(*names):
    """Every language's column of the translated fields ``names`` (``title_en``, ``title_ko``…)."""
    return [build_localized_fieldname(name, code) for name in names for code, _label in settings.LANGUAGES]


def any_contains(fields, word, prefix=""):
    """A condition: any of ``fields`` (through ``prefix``, e.g. ``host__``) contains ``word``, ignoring case."""
    return reduce(operator.or_, (Q(**{f"{prefix}{field}__icontains": word}) for field in fields))


@functools.cache
def _country_names():
    """(code, name in lower case) of every country, in every UI language."""
    names = set()
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            names.update((country.code, str(country.name).casefold()) for country in countries)
    return sorted(names)


def country_codes_named(word):
    """The countries whose name in any UI language contains ``word`` (case-insensitively)."""
    word = word.casefold()
    return sorted({code for code, name in _country_names() if word in name})


def named(word):
    """Subqueries of the ids of the programs that ``word`` names through what they link to: a target city
    (by its name in any language or its local name), a target country, a theme, the host or a network (by
    name or short name): indexed lookups, to be joined in a UNION."""
    City, Network = Program.target_cities.field.related_model, Program.networks.field.related_model
    cities = City.objects.filter(any_contains([*localized_fields("name"), "local_name"], word))
    themes = Theme.objects.filter(any_contains(localized_fields("name"), word))
    networks = Network.objects.filter(any_contains([*localized_fields("name"), "short_name"], word))
    hosts = Institute.objects.filter(any_contains([*localized_fields("name"), "short_name"], word))
    parts = [
        Program.objects.filter(host__in=hosts).order_by().values("pk"),
        Program.target_cities.through.objects.filter(city__in=cities).order_by().values("program_id"),
        Program.themes.through.objects.filter(theme__in=themes).order_by().values("program_id"),
        Program.networks.through.objects.filter(network__in=networks).order_by().values("program_id"),
    ]
    codes = country_codes_named(word)
    if codes:
        parts.append(TargetCountry.objects.filter(country__in=codes).order_by().values("program_id"))
    return parts


class ProgramQuerySet(InstituteScopedQuerySet):
    institute_path = "host"

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def in_years(self, first=None, last=None):
        queryset = self
        if first is not None:
            queryset = queryset.filter(year__gte=first)
        if last is not None:
            queryset = queryset.filter(year__lte=last)
        return queryset

    def with_target_city(self, city):
        return self.filter(target_cities=city)

    def from_source(self, document):
        return self.filter(source_document=document)

    def confirmed(self):
        """Programs a source confirms as held: the ones every count counts unless asked otherwise."""
        return self.filter(status=Program.Status.CONFIRMED)

    def with_status(self, status):
        """Programs of one status, or of every status for ``"all"``."""
        return self if status == STATUS_ALL else self.filter(status=status)

    def not_confirmed(self):
        """Announced programs and possible duplicates: shown apart and labelled, never in the counts."""
        return self.exclude(status=Program.Status.CONFIRMED)

    def headcount_total(self):
        return self.aggregate(total=Sum("headcount"))["total"] or 0

    # The filters below use EXISTS subqueries rather than joins, so that a filtered queryset never
    # repeats a program and can be grouped (facets, statistics) without DISTINCT.

    def on_any_theme(self, themes):
        """Programs on any of ``themes`` (Theme instances, or slugs)."""
        links = Program.themes.through.objects.filter(program=OuterRef("pk"), **_match("theme", themes))
        return self.filter(Exists(links))

    def hosted_by(self, host):
        return self.filter(**_match("host", [host]))

    def in_mode(self, mode):
        return self.filter(mode=mode)

    def in_format(self, format):
        return self.filter(format=format)

    def aimed_at_country(self, code):
        return self.filter(Exists(TargetCountry.objects.filter(program=OuterRef("pk"), country=code)))

    def aimed_at_city(self, city):
        links = Program.target_cities.through.objects.filter(program=OuterRef("pk"), **_match("city", [city]))
        return self.filter(Exists(links))

    def with_network(self, network):
        links = Program.networks.through.objects.filter(program=OuterRef("pk"), **_match("network", [network]))
        return self.filter(Exists(links))

    def search(self, text):
        """Programs whose title or description (in any language) contains every word of ``text``, or that
        a word names: a target city, target country, theme, host or network, by its name in any language
        (``q=카이로``, ``q=基輔``, ``q=교통``, ``q=القاهرة`` for Cairo's local name).

        On PostgreSQL this is full-text search (English stemming) combined with a substring match,
        which Korean and Chinese titles need because they are not split into words; on other
        databases it is a case-insensitive substring match per word.
        """
        words = text.split()
        if not words:
            return self
        fields = localized_fields("title", "description")
        # Each word: in a title or description in any language, or naming a linked record. Every part is a
        # subquery of ids in a UNION, and the subqueries are only ever ANDed (never ORed): the database
        # joins them once each, where an OR makes it ask them again for every program.
        every_word = Program.objects.order_by()
        for word in words:
            mentioned = Program.objects.filter(any_contains(fields, word)).order_by().values("pk")
            # A single letter names nothing useful and links to nearly everything: only its text matches.
            every_word = every_word.filter(pk__in=mentioned.union(*named(word)) if len(word) > 1 else mentioned)
        if connection.vendor != "postgresql":
            return self.filter(pk__in=every_word.values("pk"))
        # And on PostgreSQL the English text's word forms ("policies" finds "policy"): the text as a whole.
        vector = SearchVector("title_en", "description_en", config="english")
        query = SearchQuery(text, config="english", search_type="websearch")
        stemmed = Program.objects.annotate(search_vector=vector).filter(search_vector=query).order_by().values("pk")
        return self.filter(pk__in=stemmed.union(every_word.values("pk")))

    SORTS = {
        "newest": ("-year", "-start_date", "title"),
        "oldest": ("year", "start_date", "title"),
        "title": ("title", "-year"),
        "headcount": (F("headcount").desc(nulls_last=True), "-year", "title"),
    }

    def sorted_by(self, sort):
        return self.order_by(*self.SORTS.get(sort, self.SORTS["newest"]))

    def for_listing(self):
        """What a list of programs shows: host and themes, without a query per row; not the descriptions
        and provenance, which only a program's own page shows (eight languages of text per program)."""
        unread = [*localized_fields("description"), "description", "source_text", "source_title", "headcount_note"]
        return with_targets(
            self.select_related("host").prefetch_related("themes").defer(*unread),
            Program.target_cities.through.objects,
            TargetCountry.objects,
        )

    def summary(self):
        """Programs, total headcount (``None`` when none is reported) and how many report a headcount,
        in one query."""
        row = self.aggregate(n=Count("pk"), people=Sum("headcount"), with_headcount=Count("headcount"))
        return {
            "programs": row["n"],
            "headcount": row["people"],
            "reported": row["with_headcount"],
            "unreported": row["n"] - row["with_headcount"],
        }

    def summary_by_status(self, table_document=None):
        """``summary()`` of the confirmed programs, with beside it (``set_aside``) the programs and
        headcount of each other status, and (``from_table``) how many confirmed programs come from
        ``table_document``: one query."""
        figures = {}
        for status in Program.Status.values:
            q = Q(status=status)
            figures[f"{status}_n"] = Count("pk", filter=q)
            figures[f"{status}_people"] = Sum("headcount", filter=q)
            figures[f"{status}_reported"] = Count("headcount", filter=q)
        if table_document is not None:
            figures["from_table"] = Count(
                "pk", filter=Q(status=Program.Status.CONFIRMED, source_document=table_document)
            )
        row = self.aggregate(**figures)
        confirmed = Program.Status.CONFIRMED
        summary = {
            "programs": row[f"{confirmed}_n"],
            "headcount": row[f"{confirmed}_people"],
            "reported": row[f"{confirmed}_reported"],
            "unreported": row[f"{confirmed}_n"] - row[f"{confirmed}_reported"],
            "from_table": row.get("from_table"),
            "set_aside": [
                {"status": value, "label": label, "programs": row[f"{value}_n"], "headcount": row[f"{value}_people"]}
                for value, label in Program.Status.choices
                if value != confirmed and row[f"{value}_n"]
            ],
        }
        if summary["from_table"] is not None:
            summary["not_from_table"] = summary["programs"] - summary["from_table"]
        return summary

    def related_to(self, program, limit=6):
        """Other programs sharing the most themes with ``program``, nearest years first, then the later
        year, the title and the id (the facet index ranks them the same way: ``selectors.related``)."""
        theme_ids = [theme.pk for theme in program.themes.all()]
        return (
            self.exclude(pk=program.pk)
            .filter(themes__in=theme_ids)
            .annotate(shared_themes=Count("themes"), distance=Abs(F("year") - program.year))
            .order_by("-shared_themes", "distance", "-year", "title", "pk")
            .for_listing()[:limit]
        )


# The ``status`` filter's value that selects programs of every status.
STATUS_ALL = "all"


class Program(Sourced):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed as held")
        ANNOUNCED = "announced", _("announced in advance")
        POSSIBLE_DUPLICATE = "possible_duplicate", _("possible duplicate")

    class Mode(models.TextChoices):
        ONSITE = "onsite", _("on-site")
        ONLINE = "online", _("online")

    class Format(models.TextChoices):
        SHORT_COURSE = "short_course", _("short course")
        DEGREE_COURSE = "degree_course", _("degree course")
        WORKSHOP = "workshop", _("workshop")
        FORUM = "forum", _("forum or symposium")
        CUSTOMIZED = "customized", _("customized training")
        COLLABORATIVE = "collaborative", _("collaborative training")
        EXCHANGE = "exchange", _("exchange")

    title = models.CharField(_("title"), max_length=300)
    source_title = models.CharField(
        _("title in the source"),
        max_length=300,
        blank=True,
        help_text=_("The title exactly as the source wrote it, before any recorded correction."),
    )
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        blank=True,
        help_text=_(
            "Day: exact dates. Month: the source gave months only; dates are the first and last day "
            "of those months. Blank: the source gave no usable dates."
        ),
    )
    source_period = models.CharField(
        _("period in the source"),
        max_length=100,
        blank=True,
        help_text=_("The period exactly as the source wrote it."),
    )
    source_group = models.CharField(
        _("group in the source"),
        max_length=200,
        blank=True,
        help_text=_("The location or group label the source put this row under."),
    )
    host = models.ForeignKey(Institute, verbose_name=_("host"), on_delete=models.PROTECT, related_name="programs")
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="programs", blank=True)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.ONSITE)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.SHORT_COURSE)
    headcount = models.PositiveIntegerField(
        _("headcount"),
        null=True,
        blank=True,
        help_text=_("Number of participants as reported by the source; blank when not reported."),
    )
    headcount_note = models.CharField(
        _("headcount note"),
        max_length=300,
        blank=True,
        help_text=_("What the source said about participants when it gave no exact number."),
    )
    networks = models.ManyToManyField(
        "cities.Network",
        verbose_name=_("commissioning or co-organising networks"),
        related_name="programs",
        blank=True,
    )
    target_cities = models.ManyToManyField(
        "cities.City", verbose_name=_("target cities"), related_name="programs", blank=True
    )
    agreement = models.ForeignKey(
        "cities.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        related_name="programs",
        null=True,
        blank=True,
    )
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.CONFIRMED,
        db_index=True,
        help_text=_(
            "Confirmed: a source says it was held (counted in every total). Announced: a source announced it "
            "in advance and none confirms it. Possible duplicate: it may describe another record (name it "
            "below); neither is counted unless a reader asks for them."
        ),
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("possible duplicate of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="possible_duplicates",
        help_text=_("The record this one may describe again (only for a possible duplicate)."),
    )

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-start_date", "title"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="program_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=EARLIEST_YEAR, year__lte=LATEST_YEAR),
                name="program_year_in_range",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | ~Q(date_precision=""),
                name="program_dates_have_precision",
            ),
            models.CheckConstraint(
                condition=Q(duplicate_of__isnull=True) | Q(status="possible_duplicate"),
                name="program_duplicate_of_only_for_possible_duplicates",
            ),
            models.UniqueConstraint(
                fields=["source_document", "source_locator"],
                condition=~Q(source_document="") & ~Q(source_locator=""),
                name="program_unique_source_row",
            ),
        ]
        indexes = [
            models.Index(fields=["host", "year"]),
            # The list's default order, newest first: its first page of 50,000 programs is read from this
            # index (the title, which depends on the language, is sorted within each day).
            models.Index(F("year").desc(), F("start_date").desc(), name="program_newest_first"),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def get_absolute_url(self):
        return reverse("programs:program-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def period_label(self):
        """The dates as precisely as the source gave them, else the source's own words."""
        if not self.start_date:
            return self.source_period or gettext("Dates not reported")
        return period_at_precision(self.start_date, self.end_date, self.date_precision)

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    @property
    def headcount_label(self):
        """Participants in words where the source gave no number: its note, else "not reported"."""
        if self.headcount is not None:
            return None
        return self.headcount_note or gettext("not reported")

    def clean(self):
        errors = {}
        if self.year is not None and not EARLIEST_YEAR <= self.year <= LATEST_YEAR:
            errors["year"] = _("The year must be between %(first)s and %(last)s.") % {
                "first": EARLIEST_YEAR,
                "last": LATEST_YEAR,
            }
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        for field in ("start_date", "end_date"):
            value = getattr(self, field)
            if value and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
                errors[field] = _("The date must fall between %(first)s and %(last)s.") % {
                    "first": EARLIEST_YEAR,
                    "last": LATEST_YEAR,
                }
        if (self.start_date or self.end_date) and not self.date_precision:
            errors["date_precision"] = _("Say how precise the dates are.")
        if self.duplicate_of_id and self.status != self.Status.POSSIBLE_DUPLICATE:
            errors["duplicate_of"] = _("Only a possible duplicate names the record it may repeat.")
        elif self.duplicate_of_id and self.duplicate_of_id == self.pk:
            errors["duplicate_of"] = _("A record cannot be a duplicate of itself.")
        if errors:
            raise ValidationError(errors)

    @property
    def target_countries(self):
        return [link.country for link in self.target_country_links.all()]


class TargetCountryQuerySet(InstituteScopedQuerySet):
    institute_path = "program__host"

    def get_by_natural_key(self, program_slug, country):
        return self.get(program__slug=program_slug, country=country)


class TargetCountry(models.Model):
    """A country a program was aimed at (one row per program and country, for fast facets)."""

    program = models.ForeignKey(
        Program,
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="target_country_links",
    )
    country = CountryField(_("country"), db_index=True)

    objects = TargetCountryQuerySet.as_manager()

    class Meta:
        ordering = ["program", "country"]
        verbose_name = _("target country")
        verbose_name_plural = _("target countries")
        constraints = [models.UniqueConstraint(fields=["program", "country"], name="target_country_once_per_program")]

    def __str__(self):
        return f"{self.program.slug}: {self.country.code}"

    def natural_key(self):
        return (*self.program.natural_key(), self.country.code)

    natural_key.dependencies = ["programs.program"]
