"""Places, the networks that bring cities together, and the agreements they sign."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from exchange_portal.dates import date_at_precision
from exchange_portal.models import DatePrecision, SlugManager, Sourced


class Network(Sourced):
    class Kind(models.TextChoices):
        CITY_NETWORK = "city_network", _("city network")
        DEVELOPMENT_AGENCY = "development_agency", _("development agency")
        MULTILATERAL_BANK = "multilateral_bank", _("multilateral bank")
        UNIVERSITY = "university", _("university")
        GOVERNMENT_AGENCY = "government_agency", _("government agency")
        RESEARCH_CENTRE = "research_centre", _("research centre")
        FORUM = "forum", _("forum or event")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self):
        # An acronym (WeGO, KOICA) names the network in every language; a short name that only repeats
        # the English name ("World Bank") gives way to the name in the reader's language.
        if self.short_name and self.short_name != self.name_en:
            return self.short_name
        return self.name

    def natural_key(self):
        return (self.slug,)


class City(Sourced):
    class Kind(models.TextChoices):
        CITY = "city", _("city")
        PROVINCE = "province", _("province or region")
        DISTRICT = "district", _("district")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CITY)
    country = CountryField(_("country"), db_index=True)
    local_name = models.CharField(
        _("local name"), max_length=200, blank=True, help_text=_("The name in the local language.")
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    geonames_id = models.PositiveIntegerField(_("GeoNames id"), null=True, blank=True)
    networks = models.ManyToManyField(Network, verbose_name=_("networks"), related_name="member_cities", blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="city_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__gte=-180, longitude__lte=180),
                name="city_longitude_in_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        # By name: the cities' pages are served by the programs app, which sits above this one.
        return reverse("cities:city-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class Agreement(Sourced):
    class Kind(models.TextChoices):
        SISTER_CITY = "sister_city", _("sister city")
        FRIENDSHIP = "friendship", _("friendship")
        EXCHANGE_TRAINING = "exchange_training", _("exchange and training")
        COOPERATION = "cooperation", _("cooperation")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    party_cities = models.ManyToManyField(City, verbose_name=_("party cities"), related_name="agreements", blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_on_precision = models.CharField(
        _("precision of the signing date"),
        max_length=10,
        choices=DatePrecision.choices,
        blank=True,
        help_text=_("A date known only to the month is stored as the first of that month."),
    )
    signatories = models.TextField(
        _("signatories"), blank=True, help_text=_("One per line: name, position, organisation.")
    )
    summary = models.TextField(_("summary"), blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["-signed_on", "title"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(signed_on__isnull=True) | ~models.Q(signed_on_precision=""),
                name="agreement_signed_on_has_precision",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cities:agreement-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def signed_label(self):
        """The signing date as precisely as the source gave it; blank when unknown."""
        return date_at_precision(self.signed_on, self.signed_on_precision)

    @property
    def signatory_lines(self):
        """The signatories, one per line as entered, without blank lines."""
        return [line.strip() for line in self.signatories.splitlines() if line.strip()]
