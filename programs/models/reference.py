"""Host institutes and themes: the reference records programs are filed under."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exchange_portal.models import SlugManager, Sourced
from exchange_portal.permissions import InstituteScopedQuerySet


class InstituteQuerySet(InstituteScopedQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def for_user(self, user, action="view"):
        """Institutes are reference data every staff member reads; only their own are theirs to
        change or to host programs at."""
        if action == "view" and user is not None and user.is_active and user.is_staff:
            return self
        return super().for_user(user, action)


class Institute(Sourced):
    class Kind(models.TextChoices):
        TRAINING_CENTRE = "training_centre", _("training centre")
        UNIVERSITY = "university", _("university")
        GOVERNMENT_DEPARTMENT = "government_department", _("government department")
        AGENCY = "agency", _("public agency")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    city = models.ForeignKey("cities.City", verbose_name=_("city"), on_delete=models.PROTECT, related_name="institutes")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    agreements = models.ManyToManyField(
        "cities.Agreement",
        verbose_name=_("agreements"),
        related_name="party_institutes",
        blank=True,
        # The table Agreement.party_institutes created before the link moved here (cities sit below programs).
        db_table="cities_agreement_party_institutes",
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff"),
        related_name="institutes",
        blank=True,
        help_text=_("Staff accounts that edit this institute's records."),
    )

    objects = InstituteQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("institute")
        verbose_name_plural = _("institutes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programs:institute-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = SlugManager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programs:theme-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)
