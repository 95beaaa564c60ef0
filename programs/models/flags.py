"""Data-quality flags: places where a source is wrong or ambiguous, for staff to review."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from exchange_portal.permissions import InstituteScopedQuerySet

from .programs import Program


class DataQualityFlagQuerySet(InstituteScopedQuerySet):
    institute_path = "program__host"

    def get_by_natural_key(self, program_slug, code, field):
        return self.get(program__slug=program_slug, code=code, field=field)

    def open(self):
        return self.filter(status=DataQualityFlag.Status.OPEN)


class DataQualityFlag(models.Model):
    """A place where the source is wrong or ambiguous, raised for staff to review and resolve."""

    class Code(models.TextChoices):
        END_BEFORE_START = "end_before_start", _("period ends before it starts")
        YEAR_MISMATCH = "year_mismatch", _("period year differs from the year column")
        HTML_REMNANT = "html_remnant", _("HTML remnant in the source text")
        CITY_NAME_TYPO = "city_name_typo", _("misspelt city name")
        TITLE_TYPO = "title_typo", _("misspelt word in the title")
        TITLE_COSMETIC = "title_cosmetic", _("spacing or capitalisation corrected in the title")
        HOST_INFERRED = "host_inferred", _("host institute inferred, not stated")
        UNPARSED_PERIOD = "unparsed_period", _("period could not be read")
        APPROXIMATE_HEADCOUNT = "approximate_headcount", _("headcount approximate or planned")
        POSSIBLE_DUPLICATE = "possible_duplicate", _("may describe a program recorded elsewhere")
        PLANNED = "planned", _("announced in advance; not confirmed as held")
        OVERLAPS = "overlaps", _("overlaps another record")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        RESOLVED = "resolved", _("resolved")

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="quality_flags"
    )
    code = models.CharField(_("problem"), max_length=30, choices=Code.choices)
    field = models.CharField(_("field"), max_length=50, blank=True)
    message = models.TextField(_("explanation"))
    source_value = models.CharField(_("value in the source"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)

    objects = DataQualityFlagQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["program", "code"]
        verbose_name = _("data-quality flag")
        verbose_name_plural = _("data-quality flags")
        constraints = [models.UniqueConstraint(fields=["program", "code", "field"], name="quality_flag_once_per_field")]

    def __str__(self):
        return f"{self.get_code_display()}: {self.program}"

    def natural_key(self):
        return (*self.program.natural_key(), self.code, self.field)

    natural_key.dependencies = ["programs.program"]

    def clean(self):
        if self.status == self.Status.RESOLVED and not (self.resolution or "").strip():
            raise ValidationError({"resolution": _("Say how the flag was resolved.")})
