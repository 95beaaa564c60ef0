"""What every app's models share (provenance, natural keys by slug, date precision), and the two
site-wide records: the registry generation the page cache keys on, and change proposals on shared
reference data."""

import operator
from functools import reduce

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .permissions import PROPOSABLE_MODELS, institute_ids, is_registry_editor


class DatePrecision(models.TextChoices):
    """How much of a stored date the source actually gave."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class Sourced(models.Model):
    """Provenance: which document a record comes from, where in it, and what it said."""

    source_document = models.CharField(
        _("source document"),
        max_length=200,
        blank=True,
        help_text=_("File name under fixtures/sources/, or a description of where it came from."),
    )
    source_locator = models.CharField(
        _("location in source"),
        max_length=100,
        blank=True,
        help_text=_("Row number, paragraph or section of the source document."),
    )
    source_text = models.TextField(
        _("source text"), blank=True, help_text=_("The passage or row exactly as the source wrote it.")
    )

    class Meta:
        abstract = True


class SlugManager(models.Manager):
    """Natural keys by slug keep fixtures stable and imports idempotent."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class RegistryGeneration(models.Model):
    """A single row whose value changes with every write to the registry: the page cache keys pages
    by it.

    Kept in the database, not in a process's memory, so that every app server sees a write at once
    (exchange_portal/pagecache.py)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    value = models.BigIntegerField(default=0)

    class Meta:
        db_table = "programs_registrygeneration"  # created by the programs app before the core had models
        verbose_name = _("registry generation")
        verbose_name_plural = _("registry generation")

    def __str__(self):
        return str(self.value)


class ChangeProposalQuerySet(models.QuerySet):
    def for_user(self, user, action="view"):
        """Every proposal for registry editors; else the user's own and their institutes'."""
        if is_registry_editor(user):
            return self
        return self.filter(Q(proposed_by=user.pk) | Q(institute__in=institute_ids(user)))


class ChangeProposal(models.Model):
    """A change to a city, network or theme, or a new one, proposed by staff for a registry editor to
    approve or reject (the workflow is ``exchange_portal/proposals.py``).

    ``values`` holds only the fields the proposal changes; ``base_values`` what those fields held when
    it was made (nothing for a new record), so that approval can refuse when the record has changed
    since.
    """

    class Status(models.TextChoices):
        # A context of their own: "withdrawn" is also an enrollment's completion, with another meaning.
        PENDING = "pending", pgettext_lazy("change proposal", "pending")
        APPROVED = "approved", pgettext_lazy("change proposal", "approved")
        REJECTED = "rejected", pgettext_lazy("change proposal", "rejected")
        WITHDRAWN = "withdrawn", pgettext_lazy("change proposal", "withdrawn")

    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("record type"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=reduce(
            operator.or_, (Q(app_label=app_label, model=model) for app_label, model in PROPOSABLE_MODELS)
        ),
    )
    object_id = models.PositiveBigIntegerField(
        _("record id"), null=True, blank=True, help_text=_("A proposed new record has one once approved.")
    )
    target = GenericForeignKey("content_type", "object_id")
    new_record = models.BooleanField(_("proposes a new record"), default=False)
    values = models.JSONField(_("proposed values"), encoder=DjangoJSONEncoder)
    base_values = models.JSONField(_("values when proposed"), encoder=DjangoJSONEncoder, default=dict, blank=True)
    reason = models.TextField(_("reason"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="change_proposals",
    )
    institute = models.ForeignKey(
        "programs.Institute",
        verbose_name=_("institute"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="change_proposals",
        help_text=_("The proposer's institute; its staff see the proposal too."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ChangeProposalQuerySet.as_manager()
    history = HistoricalRecords(table_name="programs_historicalchangeproposal")

    class Meta:
        db_table = "programs_changeproposal"  # created by the programs app before proposals moved to the core
        ordering = ["-created_at", "-pk"]
        verbose_name = _("change proposal")
        verbose_name_plural = _("change proposals")
        indexes = [models.Index(fields=["content_type", "object_id"], name="programs_ch_content_3e9aca_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "rejected", "withdrawn"]),
                name="change_proposal_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(review_note=""),
                name="change_proposal_rejection_has_note",
            ),
            models.CheckConstraint(
                condition=Q(new_record=True) | Q(object_id__isnull=False),
                name="change_proposal_change_names_its_record",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "withdrawn"])
                | Q(reviewed_by__isnull=False, reviewed_at__isnull=False),
                name="change_proposal_review_has_reviewer",
            ),
        ]

    def __str__(self):
        return _("Change proposal %(number)s") % {"number": self.pk}

    @staticmethod
    def proposable_fields(model):
        """The fields of ``model`` a proposal may set, by name: what its admin form edits."""
        return {
            field.name: field
            for field in model._meta.get_fields()
            if getattr(field, "editable", False)
            and not field.auto_created
            and not field.primary_key
            and (field.concrete or field.many_to_many)
        }

    def clean(self):
        errors = {}
        if not (self.reason or "").strip():
            errors["reason"] = _("Say why the change is needed.")
        if not isinstance(self.values, dict) or not self.values:
            errors["values"] = _("A proposal changes at least one field.")
        elif self.content_type_id is not None and self.content_type.model_class() is not None:
            unknown = set(self.values) - set(self.proposable_fields(self.content_type.model_class()))
            if unknown:
                errors["values"] = _("Not fields a proposal may set: %(fields)s") % {
                    "fields": ", ".join(sorted(unknown))
                }
            elif set(self.base_values or {}) != (set() if self.new_record else set(self.values)):
                errors["base_values"] = _("Record the value each proposed field had when proposed.")
        if not self.new_record and self.object_id is None:
            errors["object_id"] = _("Say which record the proposal changes.")
        if self.status == self.Status.REJECTED and not self.review_note.strip():
            errors["review_note"] = _("Say why the proposal is rejected.")
        if self.status in (self.Status.APPROVED, self.Status.REJECTED) and self.reviewed_by_id is None:
            errors["reviewed_by"] = _("A reviewed proposal names its reviewer.")
        if errors:
            raise ValidationError(errors)


class ImportPreview(models.Model):
    """A file uploaded to the admin's two-step import, kept between the preview and the confirmation
    (``exchange_portal/import_previews.py``): in the database, so that every app server reads the same
    one, for ``IMPORT_PREVIEW_SECONDS`` at most. It may name people: a registered holder erases it."""

    # Not shown in the admin (no ModelAdmin): the names stay untranslated.
    name = models.CharField("name", max_length=64, unique=True)
    data = models.BinaryField("data")
    created_at = models.DateTimeField("created at", default=timezone.now, db_index=True)

    def __str__(self):
        return self.name
