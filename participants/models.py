"""People who took part in programs, and their enrollments.

Participants' personal fields (name, email, phone, position) are personal data: they never appear on
public pages, exports or APIs; public figures use headcounts and counts of enrollments only.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from exchange_portal.permissions import (
    VIEW_OTHER_PARTICIPANTS,
    InstituteScopedQuerySet,
    institute_ids,
    is_registry_editor,
)


class ParticipantQuerySet(models.QuerySet):
    def owned_by(self, user):
        """Participants whose personal data is the user's: enrolled in their institutes' programs or
        registered by their institutes (every participant for registry editors)."""
        if is_registry_editor(user):
            return self
        ids = institute_ids(user)
        enrolled = Enrollment.objects.filter(program__host__in=ids).values("participant_id")
        return self.filter(Q(pk__in=enrolled) | Q(registered_by__in=ids))

    def for_user(self, user, action="view"):
        """Participants the user may ``action``: their own; with the look-up permission, anyone
        may be viewed (with email and phone masked)."""
        if action == "view" and user is not None and user.is_active and user.has_perm(VIEW_OTHER_PARTICIPANTS):
            return self
        return self.owned_by(user)


class EnrollmentQuerySet(InstituteScopedQuerySet):
    institute_path = "program__host"


class Participant(models.Model):
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    home_city = models.ForeignKey(
        "cities.City",
        verbose_name=_("home city"),
        on_delete=models.PROTECT,
        related_name="participants",
        null=True,
        blank=True,
    )
    country = CountryField(_("country"), blank=True, db_index=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    registered_by = models.ForeignKey(
        "programs.Institute",
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        related_name="registered_participants",
        null=True,
        blank=True,
        help_text=_(
            "The institute whose staff entered this person. Until the person is enrolled, only that "
            "institute's staff (and registry editors) can see the record."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ParticipantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            # One person is one record: the same email cannot be entered twice.
            models.UniqueConstraint(fields=["email"], condition=~Q(email=""), name="participant_unique_email")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The country follows the home city unless given explicitly.
        if not self.country and self.home_city_id:
            self.country = self.home_city.country
        super().save(*args, **kwargs)


class Enrollment(models.Model):
    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("participant")
        SPEAKER = "speaker", _("speaker")
        COORDINATOR = "coordinator", _("coordinator")
        OBSERVER = "observer", _("observer")

    class Completion(models.TextChoices):
        ENROLLED = "enrolled", _("enrolled")
        COMPLETED = "completed", _("completed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT)
    completion = models.CharField(
        _("completion"), max_length=20, choices=Completion.choices, default=Completion.ENROLLED
    )

    objects = EnrollmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["program", "participant"]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [models.UniqueConstraint(fields=["participant", "program"], name="enrollment_once_per_program")]

    def __str__(self):
        return f"{self.participant} — {self.program}"
