"""People who took part in programs, and their enrollments.

Participants' personal fields (name, email, phone, position) are personal data: they never appear on
public pages, exports or APIs; public figures use headcounts and counts of enrollments only.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from exchange_portal.permissions import (
    VIEW_OTHER_PARTICIPANTS,
    InstituteScopedQuerySet,
    PersonalDataQuerySet,
    institute_ids,
    is_registry_editor,
)

# One person is one record: the same email cannot be entered twice.
UNIQUE_EMAIL = models.UniqueConstraint(fields=["email"], condition=~Q(email=""), name="participant_unique_email")
# Says what to do and nothing else: not whose participant has the address, nor the constraint's name.
DUPLICATE_EMAIL = _("A participant with this email already exists; ask a registry editor.")


class ParticipantQuerySet(PersonalDataQuerySet):
    personal_fields = ("email", "phone")

    def ownership(self, user):
        """A participant's personal data is the registering institute's (``registered_by``), never
        that of an institute hosting a program they are enrolled in; registry editors own everyone."""
        if is_registry_editor(user):
            return None
        return Q(registered_by__in=sorted(institute_ids(user)))

    def for_user(self, user, action="view"):
        """Participants the user may ``action``. Changing and deleting: only their own (``owned_by``).
        Viewing: also those enrolled in programs the user may see, and with the look-up permission
        anyone; email and phone of participants not their own are shown masked."""
        if action != "view":
            return self.owned_by(user)
        if user is not None and user.is_active and user.has_perm(VIEW_OTHER_PARTICIPANTS):
            return self
        condition = self.ownership(user)
        if condition is None:
            return self
        enrolled = Enrollment.objects.for_user(user, "view").values("participant_id")
        return self.filter(condition | Q(pk__in=enrolled))


class EnrollmentQuerySet(InstituteScopedQuerySet):
    """Enrollments belong to the program's host institute."""

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
            "The institute whose staff entered this person: theirs alone are the email and phone. "
            "Enrolling the person in another institute's program does not change it."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ParticipantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [UNIQUE_EMAIL]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The country follows the home city unless given explicitly.
        if not self.country and self.home_city_id:
            self.country = self.home_city.country
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        """Django's message for the conditional unique constraint names the constraint; a duplicate
        email gets ``DUPLICATE_EMAIL`` on the email field instead (admin forms and the shell alike)."""
        exclude = set(exclude or ())
        errors = {}
        if "email" not in exclude:
            try:
                UNIQUE_EMAIL.validate(type(self), self, exclude=exclude)
            except ValidationError:
                errors["email"] = [DUPLICATE_EMAIL]
            exclude.add("email")
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


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
