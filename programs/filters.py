"""The filters of the program list, the statistics and the exports: one FilterSet, so the URL of any of
these pages carries the same selection (the URL is the whole state)."""

from functools import cached_property

import django_filters
from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cities.models import City, Network

from .languages import label_language, page_language
from .models import EARLIEST_YEAR, LATEST_YEAR, STATUS_ALL, Institute, Program, Theme
from .selection import Selection

SORT_CHOICES = [
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("title", _("Title (A–Z)")),
    ("headcount", _("Largest headcount first")),
]

STATUS_CHOICES = [*Program.Status.choices, (STATUS_ALL, _("any status (confirmed, announced, possible duplicates)"))]


class CountryCodeField(django_filters.fields.ChoiceField):
    """An ISO 3166 code, accepted in either case (``?country=kr`` is ``KR``)."""

    def to_python(self, value):
        return super().to_python(value).upper()


class CountryFilter(django_filters.ChoiceFilter):
    field_class = CountryCodeField


class SearchTextField(forms.CharField):
    """Search text within ``SEARCH_MAX_LENGTH`` characters and ``SEARCH_MAX_WORDS`` words (read at each
    request): every word adds a condition per title and description column, so an unbounded ``q`` is an
    unbounded query."""

    def validate(self, value):
        super().validate(value)
        max_length, max_words = settings.SEARCH_MAX_LENGTH, settings.SEARCH_MAX_WORDS
        if max_length and len(value) > max_length:
            raise forms.ValidationError(
                _("Search for at most %(limit)s characters (this search has %(count)s)."),
                code="search_too_long",
                params={"limit": max_length, "count": len(value)},
            )
        if max_words and len(value.split()) > max_words:
            raise forms.ValidationError(
                _("Search for at most %(limit)s words (this search has %(count)s)."),
                code="search_too_many_words",
                params={"limit": max_words, "count": len(value.split())},
            )


class SearchFilter(django_filters.CharFilter):
    field_class = SearchTextField


def is_set(value):
    if isinstance(value, QuerySet):
        return bool(value)  # evaluates once; the form keeps the result for the chips
    return value not in (None, "", [])


def bound(pick, *years):
    """The tightest of the year bounds given (``max`` of the lower ones, ``min`` of the upper), or None."""
    years = [int(year) for year in years if year is not None]
    return pick(years) if years else None


def selection_of(cleaned):
    """The ``Selection`` of the filters' cleaned values (``cleaned_data``; a filter left out narrows nothing)."""
    year = cleaned.get("year")
    return Selection(
        first_year=bound(max, cleaned.get("year_min"), year),
        last_year=bound(min, cleaned.get("year_max"), year),
        themes=tuple(cleaned.get("theme") or ()),
        host=cleaned.get("host"),
        mode=cleaned.get("mode") or "",
        format=cleaned.get("format") or "",
        country=cleaned.get("country") or "",
        city=cleaned.get("city"),
        network=cleaned.get("network"),
        text=cleaned.get("q") or "",
        status=cleaned.get("status") or "",
        sort=cleaned.get("sort") or "",
    )


def applied_alone(parameter):
    """A declared filter's method: what ``parameter``'s cleaned value alone selects (in every status,
    unless it is the status), or for ``sort`` the order it asks."""

    def method(filterset, queryset, name, value):
        if parameter == "sort":
            return queryset.sorted_by(value)
        alone = selection_of({parameter: value})
        return (alone if parameter == "status" else alone.without("status")).programs(queryset)

    return method


def year_field_kwargs():
    return {
        "field_name": "year",
        "min_value": EARLIEST_YEAR,
        "max_value": LATEST_YEAR,
        "widget": forms.NumberInput(attrs={"inputmode": "numeric"}),
    }


def record_filter(label, model, field_name, method, help_text):
    """One record of ``model`` by its slug (``?host=shrdc``)."""
    return django_filters.ModelChoiceFilter(
        label=label,
        field_name=field_name,
        queryset=model.objects.all(),
        to_field_name="slug",
        method=method,
        help_text=help_text,
    )


class ProgramFilter(django_filters.FilterSet):
    # For the API's OpenAPI document, which drf-spectacular generates from these filters: help_text says what
    # a parameter does (the pages do not show it; the API speaks English, so it is not translated), and
    # field_name, the model field a filter reads, gives the parameter's type (the methods do not use it).
    q = SearchFilter(
        label=_("Search titles and descriptions"),
        method="filter_text",
        help_text="Words that must all occur in the title or description, in any language (full-text search with "
        "English stemming plus a substring match on PostgreSQL).",
    )
    year = django_filters.NumberFilter(
        label=_("Year"),
        method="filter_year",
        **year_field_kwargs(),
        help_text=f"Programs listed under this year ({EARLIEST_YEAR}–{LATEST_YEAR}).",
    )
    year_min = django_filters.NumberFilter(
        label=_("From year"),
        method="filter_year_min",
        **year_field_kwargs(),
        help_text="Programs listed under this year or later.",
    )
    year_max = django_filters.NumberFilter(
        label=_("To year"),
        method="filter_year_max",
        **year_field_kwargs(),
        help_text="Programs listed under this year or earlier.",
    )
    theme = django_filters.ModelMultipleChoiceFilter(
        label=_("Themes"),
        field_name="themes",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        method="filter_themes",
        widget=forms.CheckboxSelectMultiple,
        help_text="A theme's slug (see /api/v1/themes/); repeat the parameter for several: a program on any of them "
        "matches.",
    )
    host = record_filter(
        _("Host institute"), Institute, "host", "filter_host", "A host institute's slug (see /api/v1/institutes/)."
    )
    mode = django_filters.ChoiceFilter(
        label=_("Mode"), choices=Program.Mode.choices, method="filter_mode", help_text="On-site or online."
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=Program.Format.choices, method="filter_format", help_text="Kind of program."
    )
    country = CountryFilter(
        label=_("Country"),
        field_name="target_country_links__country",
        choices=countries,
        method="filter_country",
        help_text="ISO 3166-1 alpha-2 code of a country the program was for, in either case.",
    )
    city = record_filter(_("City"), City, "target_cities", "filter_city", "A target city's slug (see /api/v1/cities/).")
    network = record_filter(
        _("Network"), Network, "networks", "filter_network", "A network's slug (see /api/v1/networks/)."
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=STATUS_CHOICES,
        method="filter_status",
        empty_label=_("confirmed as held (default)"),
        help_text="Which records to count: without it, the programs confirmed as held only; `announced` (announced "
        "in advance, not confirmed), `possible_duplicate` (may describe another record) or `all` (every status).",
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=SORT_CHOICES,
        method="filter_sort",
        empty_label=None,
        help_text="Order: `newest` (default: year, then start date, newest first), `oldest`, `title` (A–Z) or "
        "`headcount` (largest first, programs without one last).",
    )

    class Meta:
        model = Program
        fields = []

    @cached_property
    def selection(self):
        """The valid filter values as a ``Selection``, made once: what every engine reads (an invalid
        value narrows nothing here; the pages select nothing while any value is invalid)."""
        self.form.is_valid()
        return selection_of(getattr(self.form, "cleaned_data", {}))

    def filter_queryset(self, queryset):
        return self.selection.programs(queryset).sorted_by(self.selection.sort)

    @property
    def qs(self):
        # django-filter leaves an unbound FilterSet unfiltered; ours selects as the defaults say.
        if not hasattr(self, "_qs"):
            self._qs = self.filter_queryset(self.queryset.all())
        return self._qs

    @property
    def active(self):
        """The valid, non-empty filter values (sorting is not a filter)."""
        self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if name != "sort" and is_set(value)}

    @cached_property
    def chips(self):
        """Each active filter value, labelled for people, with the query string that removes it (and
        restarts at page 1)."""
        chips = []
        page = page_language()
        for name, value in self.active.items():
            label = self.form.fields[name].label
            for item in list(value) if name == "theme" else [value]:
                shown, raw = self.chip_value(name, item)
                query = self.data.copy()
                query.pop("page", None)
                query.setlist(name, [v for v in query.getlist(name) if v.lower() != raw.lower()])
                chip = {"label": label, "value": shown, "remove_query": query.urlencode()}
                if name in ("theme", "host", "city", "network"):  # a record's name: in which language
                    chip["lang"] = label_language(item, page)
                chips.append(chip)
        return chips

    @staticmethod
    def chip_value(name, item):
        """A cleaned filter value as shown on its chip, and as written in the query string."""
        if name in ("theme", "host", "city", "network"):
            return str(item), item.slug
        if name == "mode":
            return str(Program.Mode(item).label), item
        if name == "format":
            return str(Program.Format(item).label), item
        if name == "country":
            return countries.name(item), item
        if name in ("year", "year_min", "year_max"):
            return str(int(item)), str(int(item))
        if name == "status":
            return str(dict(STATUS_CHOICES)[item]), item
        return str(item), str(item)

    @cached_property
    def invalid_filters(self):
        """Each parameter that could not be used: its label, the value given, why, and the query
        string without it (and without the page)."""
        if not self.is_bound or self.is_valid():
            return []
        invalid = []
        for name, messages in self.form.errors.items():
            field = self.form.fields.get(name)
            removal = self.data.copy()
            removal.pop(name, None)
            removal.pop("page", None)
            invalid.append(
                {
                    "label": field.label if field else name,
                    "value": ", ".join(self.data.getlist(name)),
                    "messages": messages,
                    "remove_query": removal.urlencode(),
                }
            )
        return invalid


# The method each declared filter names (django-filter and drf-spectacular look it up): that filter alone.
# The FilterSet itself applies the whole selection at once (``filter_queryset``).
for _name, _filter in ProgramFilter.base_filters.items():
    setattr(ProgramFilter, _filter.method, applied_alone(_name))
