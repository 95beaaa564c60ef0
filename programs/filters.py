"""The filters of the program list, the statistics and the exports: one FilterSet, so the URL of any of
these pages carries the same selection (the URL is the whole state)."""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cities.models import City, Network

from .models import EARLIEST_YEAR, LATEST_YEAR, Institute, Program, Theme

SORT_CHOICES = [
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("title", _("Title (A–Z)")),
    ("headcount", _("Largest headcount first")),
]

# Facet name -> the filter parameters a facet ignores when it counts (counts under the OTHER filters).
FACET_PARAMETERS = {
    "year": ("year", "year_min", "year_max"),
    "theme": ("theme",),
    "host": ("host",),
    "mode": ("mode",),
    "format": ("format",),
    "country": ("country",),
    "city": ("city",),
    "network": ("network",),
}


class CountryCodeField(django_filters.fields.ChoiceField):
    """An ISO 3166 code, accepted in either case (``?country=kr`` is ``KR``)."""

    def to_python(self, value):
        return super().to_python(value).upper()


class CountryFilter(django_filters.ChoiceFilter):
    field_class = CountryCodeField


def is_set(value):
    if isinstance(value, QuerySet):
        return bool(value)  # evaluates once; the form keeps the result for the chips
    return value not in (None, "", [])


def year_field_kwargs():
    return {
        "min_value": EARLIEST_YEAR,
        "max_value": LATEST_YEAR,
        "widget": forms.NumberInput(attrs={"inputmode": "numeric"}),
    }


class ProgramFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search titles and descriptions"), method="filter_text")
    year = django_filters.NumberFilter(label=_("Year"), method="filter_year", **year_field_kwargs())
    year_min = django_filters.NumberFilter(label=_("From year"), method="filter_year_min", **year_field_kwargs())
    year_max = django_filters.NumberFilter(label=_("To year"), method="filter_year_max", **year_field_kwargs())
    theme = django_filters.ModelMultipleChoiceFilter(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        method="filter_themes",
        widget=forms.CheckboxSelectMultiple,
    )
    host = django_filters.ModelChoiceFilter(
        label=_("Host institute"), queryset=Institute.objects.all(), to_field_name="slug", method="filter_host"
    )
    mode = django_filters.ChoiceFilter(label=_("Mode"), choices=Program.Mode.choices, method="filter_mode")
    format = django_filters.ChoiceFilter(label=_("Format"), choices=Program.Format.choices, method="filter_format")
    country = CountryFilter(label=_("Country"), choices=countries, method="filter_country")
    city = django_filters.ModelChoiceFilter(
        label=_("City"), queryset=City.objects.all(), to_field_name="slug", method="filter_city"
    )
    network = django_filters.ModelChoiceFilter(
        label=_("Network"), queryset=Network.objects.all(), to_field_name="slug", method="filter_network"
    )
    sort = django_filters.ChoiceFilter(label=_("Sort"), choices=SORT_CHOICES, method="filter_sort", empty_label=None)

    class Meta:
        model = Program
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_year(self, queryset, name, value):
        return queryset.in_years(int(value), int(value))

    def filter_year_min(self, queryset, name, value):
        return queryset.in_years(first=int(value))

    def filter_year_max(self, queryset, name, value):
        return queryset.in_years(last=int(value))

    def filter_themes(self, queryset, name, value):
        return queryset.on_any_theme(value) if value else queryset

    def filter_host(self, queryset, name, value):
        return queryset.hosted_by(value)

    def filter_mode(self, queryset, name, value):
        return queryset.in_mode(value)

    def filter_format(self, queryset, name, value):
        return queryset.in_format(value)

    def filter_country(self, queryset, name, value):
        return queryset.aimed_at_country(value)

    def filter_city(self, queryset, name, value):
        return queryset.aimed_at_city(value)

    def filter_network(self, queryset, name, value):
        return queryset.with_network(value)

    def filter_sort(self, queryset, name, value):
        return queryset.sorted_by(value)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("sort"):
            queryset = queryset.sorted_by("newest")
        return queryset

    @property
    def active(self):
        """The valid, non-empty filter values (sorting is not a filter)."""
        self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if name != "sort" and is_set(value)}

    def queryset_without(self, names):
        """The queryset under every valid filter except ``names`` (what a facet counts over)."""
        self.form.is_valid()
        queryset = self.queryset.all()
        for name, value in getattr(self.form, "cleaned_data", {}).items():
            if name in names or name == "sort":
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset
