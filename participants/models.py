"""People who took part in programs, their enrollments, and the rules that govern their personal data.

Participants' personal fields (name, email, phone, position, organisation, home city) are personal
data: they never appear on public pages, exports or APIs; public figures use headcounts and counts of
enrollments only. Each participant records the legal basis on which they are held, the consent or
notice text they were shown (``ConsentNotice``), when consent was given or withdrawn, and
``retain_until``, the day from which the daily purge anonymises them (``participants/services/privacy.py``).
``Erasure`` records that someone was erased, and nothing about them.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modeltranslation.utils import build_localized_fieldname
from simple_history.models import HistoricalRecords

from exchange_portal.permissions import (
    VIEW_OTHER_PARTICIPANTS,
    InstituteScopedQuerySet,
    PersonalDataQuerySet,
    institute_ids,
    is_registry_editor,
)

# An institute registers a person once: the same email cannot be entered twice by one institute (nor
# twice among people no institute registered). Another institute that meets the same person registers its
# own record, so that adding someone never tells staff whether another institute holds that address.
UNIQUE_EMAIL_PER_INSTITUTE = models.UniqueConstraint(
    fields=["registered_by", "email"], condition=~Q(email=""), name="participant_unique_email_per_institute"
)
UNIQUE_EMAIL_UNREGISTERED = models.UniqueConstraint(
    fields=["email"],
    condition=Q(registered_by__isnull=True) & ~Q(email=""),
    name="participant_unique_email_unregistered",
)
EMAIL_CONSTRAINTS = (UNIQUE_EMAIL_PER_INSTITUTE, UNIQUE_EMAIL_UNREGISTERED)
# The duplicate is the registering institute's own participant, whom its staff may see; the message
# still names neither the person nor the constraint.
DUPLICATE_EMAIL = _("The registering institute already has a participant with this email.")


# What an erased participant's name becomes; ``Participant.__str__`` shows it in the reader's language.
ERASED_NAME = "[erased]"


def default_retain_until(year):
    """The last day of ``year`` plus ``PARTICIPANT_RETENTION_YEARS`` (the program's year, or the year
    the person was registered when they have no enrollment)."""
    return datetime.date(year + settings.PARTICIPANT_RETENTION_YEARS, 12, 31)


class LegalBasis(models.TextChoices):
    """Why the registry may hold a person's data (GDPR Art. 6(1); PIPA Art. 15(1))."""

    CONSENT = "consent", _("consent")
    CONTRACT = "contract", _("contract")
    LEGAL_OBLIGATION = "legal_obligation", _("legal obligation")
    PUBLIC_TASK = "public_task", _("public task")
    LEGITIMATE_INTERESTS = "legitimate_interests", _("legitimate interests")


class ConsentNoticeQuerySet(models.QuerySet):
    def in_effect(self, on=None):
        """Notices in effect on ``on`` (today), newest first: the first is the current one."""
        return self.filter(effective_from__lte=on or timezone.localdate()).order_by("-effective_from", "-pk")

    def current(self):
        return self.in_effect().first()


class ConsentNotice(models.Model):
    """One version of the consent and privacy notice, word for word in every UI language
    (modeltranslation: ``participants/translation.py``). A participant names the version they were
    shown; ``/privacy/`` shows the version in effect. Publish a new version rather than edit one that
    people have been shown."""

    version = models.CharField(_("version"), max_length=20, unique=True, help_text=_("For example 2026-1."))
    effective_from = models.DateField(_("in effect from"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(
        _("text"), help_text=_("What is held, why, for how long, and whom to ask. A blank line starts a paragraph.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ConsentNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_from", "-pk"]
        verbose_name = _("consent notice")
        verbose_name_plural = _("consent notices")

    def __str__(self):
        return f"{self.version}: {self.title}"

    def natural_key(self):
        return (self.version,)

    @property
    def text_language(self):
        """The language the text is shown in: the active one, or English where it has no translation
        (modeltranslation falls back to English), so the page can mark it with ``lang``."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        if getattr(self, build_localized_fieldname("text", language), None):
            return language
        return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


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
    legal_basis = models.CharField(_("legal basis"), max_length=30, choices=LegalBasis, blank=True, db_index=True)
    consent_notice = models.ForeignKey(
        ConsentNotice,
        verbose_name=_("notice shown"),
        on_delete=models.PROTECT,
        related_name="participants",
        null=True,
        blank=True,
        help_text=_("The version of the consent or privacy notice the person was shown."),
    )
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_withdrawn_at = models.DateTimeField(
        _("consent withdrawn at"),
        null=True,
        blank=True,
        help_text=_("Recording a withdrawal brings the retention date forward to that day."),
    )
    retain_until = models.DateField(
        _("keep until"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "From this day the daily purge anonymises the person. Left blank, it is the end of the year of "
            "their latest program plus the retention period."
        ),
    )
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ParticipantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            *EMAIL_CONSTRAINTS,
            models.CheckConstraint(
                condition=Q(consent_withdrawn_at__isnull=True)
                | Q(consent_given_at__isnull=True)
                | Q(consent_withdrawn_at__gte=F("consent_given_at")),
                name="participant_consent_withdrawn_after_given",
                violation_error_message=_("Consent cannot be withdrawn before it was given."),
            ),
        ]

    def __str__(self):
        if self.erased_at is not None:
            return gettext("Erased participant %(id)s") % {"id": self.pk}
        return self.name

    def save(self, *args, **kwargs):
        # The country follows the home city unless given explicitly.
        if not self.country and self.home_city_id:
            self.country = self.home_city.country
        self.apply_retention_rules()
        super().save(*args, **kwargs)

    def apply_retention_rules(self, program_year=None):
        """Fill the derived retention date: the default when none is set, extended to the end of a later
        program's retention (``program_year``), and brought forward to the day consent was withdrawn."""
        if self.erased_at is not None:
            return
        if self.consent_withdrawn_at is not None:
            withdrawn = timezone.localdate(self.consent_withdrawn_at)
            if self.retain_until is None or self.retain_until > withdrawn:
                self.retain_until = withdrawn
            return
        if self.retain_until is None:
            if program_year is None and self.pk is not None:
                program_year = self.enrollments.aggregate(year=models.Max("program__year"))["year"]
            if program_year is None:
                program_year = (
                    timezone.localdate(self.created_at).year if self.created_at else timezone.localdate().year
                )
            self.retain_until = default_retain_until(program_year)
        elif program_year is not None:
            self.retain_until = max(self.retain_until, default_retain_until(program_year))

    def validate_constraints(self, exclude=None):
        """Django's message for the conditional unique constraints names the constraint; a duplicate
        email gets ``DUPLICATE_EMAIL`` on the email field instead (admin forms and the shell alike).
        ``registered_by`` is checked even where the form leaves it out (read-only for staff): it is
        the record's, and the database would refuse the row otherwise."""
        exclude = set(exclude or ())
        errors = {}
        if "email" not in exclude:
            for constraint in EMAIL_CONSTRAINTS:
                try:
                    constraint.validate(type(self), self, exclude=exclude - {"registered_by"})
                except ValidationError:
                    errors["email"] = [DUPLICATE_EMAIL]
                    break
            exclude.add("email")
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


class Enrollment(models.Model):
    """A person in a program: the program's host institute's record. Saving one changes nothing else;
    enrolling someone (and the retention date that follows from it) goes through
    ``participants/services/enrollment.py``, which checks that the person is the enrolling user's."""

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


class Erasure(models.Model):
    """That a participant was erased: when, by whom, which record, why. Nothing about the person, so
    that the log may be kept as long as the registry, and replayed after a backup is restored
    (``reapply_erasures``)."""

    class Reason(models.TextChoices):
        REQUEST = "request", _("request")
        RETENTION = "retention", _("retention period over")
        REAPPLIED = "reapplied", _("re-applied after a restore")

    participant_id = models.BigIntegerField(_("participant id"), db_index=True)
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erased by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Blank when the system erased the record (a command or the retention purge)."),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)

    class Meta:
        ordering = ["-erased_at", "-pk"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self):
        return gettext("Erasure of participant %(id)s") % {"id": self.participant_id}
