"""Public pages about places: partner cities (with the map) and the agreements they signed."""

from django.db.models import Count, Max, Min, Q, Sum
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, ListView

from programs.models import Program, TargetCountry
from programs.presentation import PublicPage, describe_period

from .maps import MapPoint, world_map
from .models import Agreement, City, DatePrecision


def describe_date(value, precision):
    """A date as precisely as the source gave it (a month-only date is not shown as the 1st)."""
    if not value:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return date_format(value, "YEAR_MONTH_FORMAT")
    return date_format(value, "DATE_FORMAT")


def partner_cities():
    """Cities that programs were aimed at or that signed an agreement, with their program figures."""
    return (
        City.objects.filter(Q(programs__isnull=False) | Q(agreements__isnull=False))
        .annotate(
            program_count=Count("programs", distinct=True),
            first_year=Min("programs__year"),
            last_year=Max("programs__year"),
        )
        .order_by("name")
    )


def partner_map(*, title, cities=None, description=""):
    """The SVG world map: partner cities as points, countries shaded by the programs aimed at them."""
    if cities is None:
        cities = partner_cities()
    points = [
        MapPoint(
            city.name,
            float(city.latitude),
            float(city.longitude),
            url=reverse("cities:city-detail", kwargs={"slug": city.slug}),
            label=ngettext("%(count)s program", "%(count)s programs", city.program_count)
            % {"count": city.program_count},
        )
        for city in cities
        if city.latitude is not None and city.longitude is not None
    ]
    country_counts = {
        row["country"]: row["n"]
        for row in TargetCountry.objects.values("country").annotate(n=Count("program")).order_by()
    }
    return world_map(
        points=points,
        countries=country_counts,
        title=title,
        description=description
        or _("Each dot is a partner city; countries are shaded by the number of programs aimed at them."),
    )


class CityListView(PublicPage, ListView):
    template_name = "cities/city_list.html"
    context_object_name = "cities"

    def get_queryset(self):
        # Programs and headcount in one join; agreements and networks by prefetch, so sums stay exact.
        return (
            City.objects.annotate(
                program_count=Count("programs"),
                headcount=Sum("programs__headcount"),
                first_year=Min("programs__year"),
                last_year=Max("programs__year"),
            )
            .prefetch_related("networks", "agreements")
            .order_by("name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cities = context["cities"]
        partners = [city for city in cities if city.program_count or city.agreements.all()]
        context["map_svg"] = partner_map(title=_("Partner cities"), cities=partners)
        return context


class CityDetailView(PublicPage, DetailView):
    template_name = "cities/city_detail.html"
    context_object_name = "city"
    queryset = City.objects.prefetch_related("networks", "institutes")

    def get_context_data(self, **kwargs):
        city = self.object
        programs = list(Program.objects.with_target_city(city).for_listing().sorted_by("newest"))
        for program in programs:
            program.period_label = describe_period(program)
        agreements = list(city.agreements.prefetch_related("party_cities", "party_institutes"))
        for agreement in agreements:
            agreement.signed_label = describe_date(agreement.signed_on, agreement.signed_on_precision)
        summary = Program.objects.with_target_city(city).summary()
        map_svg = ""
        if city.latitude is not None and city.longitude is not None:
            map_svg = world_map(
                points=[MapPoint(city.name, float(city.latitude), float(city.longitude))],
                countries={city.country.code: summary["programs"]} if summary["programs"] else None,
                title=_("Where %(city)s is") % {"city": city.name},
            )
        return super().get_context_data(
            programs=programs,
            years=sorted({program.year for program in programs}),
            summary=summary,
            agreements=agreements,
            map_svg=map_svg,
            **kwargs,
        )


class AgreementListView(PublicPage, ListView):
    template_name = "cities/agreement_list.html"
    context_object_name = "agreements"

    def get_queryset(self):
        return Agreement.objects.prefetch_related("party_cities", "party_institutes").annotate(
            program_count=Count("programs")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for agreement in context["agreements"]:
            agreement.signed_label = describe_date(agreement.signed_on, agreement.signed_on_precision)
        return context


class AgreementDetailView(PublicPage, DetailView):
    template_name = "cities/agreement_detail.html"
    context_object_name = "agreement"
    queryset = Agreement.objects.prefetch_related("party_cities", "party_institutes")

    def get_context_data(self, **kwargs):
        agreement = self.object
        agreement.signed_label = describe_date(agreement.signed_on, agreement.signed_on_precision)
        programs = list(agreement.programs.for_listing().sorted_by("newest"))
        for program in programs:
            program.period_label = describe_period(program)
        signatories = [line.strip() for line in agreement.signatories.splitlines() if line.strip()]
        return super().get_context_data(programs=programs, signatories=signatories, **kwargs)
