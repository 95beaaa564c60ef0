"""Enrolling people in programs, and the one way a person's retention date moves later.

An enrollment is the program's host institute's record, but the person is the registering institute's
(``Participant.registered_by``): enrolling someone may change their retention date, so only those who
may change the person (their institute, registry editors, the system) may enroll them. Staff who may
only look people up are refused with a message saying that the person's own institute must enroll them.

``participant_extend_retention`` is the only code that moves a retention date later: it checks
ownership, and saves through the model, so django-simple-history records who moved it and why.
``Enrollment.save()`` touches nothing but the enrollment. (The import keeps the same rule in bulk:
it changes only the people the user owns, and writes their history, ``participants/resources.py``.)
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from programs.models import Program

from ..models import Enrollment, Participant, default_retain_until

# Names no one, and says what to do instead.
NOT_YOURS_TO_ENROLL = _(
    "Only people your institute registered can be enrolled here; the institute that registered this "
    "person must enroll them."
)
NOT_YOURS_TO_RETAIN = _("Only the institute that registered this person may change how long they are kept.")
EXTENDED_BY_ENROLLMENT = "Retention extended: enrolled in a program of {year}"


def may_enroll(user, participant_id):
    """The system (``None``) and those who may change the person: their institute's staff, registry editors."""
    return user is None or Participant.objects.for_user(user, "change").filter(pk=participant_id).exists()


@transaction.atomic
def participant_extend_retention(*, participant, until, user=None, reason="") -> Participant:
    """Keep ``participant`` at least until ``until``: never shortens a date, and leaves alone the erased
    and those who withdrew consent (their date is the day they withdrew). Refuses anyone but the
    person's owner (``PermissionDenied``); ``user=None`` is the system. Writes a history row with
    ``user`` and ``reason`` when the date moves; returns the participant as saved."""
    if user is not None and not Participant.objects.owned_by(user).filter(pk=participant.pk).exists():
        raise PermissionDenied(NOT_YOURS_TO_RETAIN)
    person = Participant.objects.select_for_update().get(pk=participant.pk)
    if person.erased_at is not None or person.consent_withdrawn_at is not None:
        return person
    if person.retain_until is not None and person.retain_until >= until:
        return person
    person.retain_until = until
    # Only the date moves: an older record that fails a rule added since must not block the enrollment.
    person.full_clean(exclude=[f.name for f in Participant._meta.concrete_fields if f.name != "retain_until"])
    if user is not None:
        person._history_user = user
    person._change_reason = reason
    person.save()
    participant.retain_until = person.retain_until
    return person


@transaction.atomic
def enrollment_save(*, enrollment, user=None) -> Enrollment:
    """Create or change ``enrollment`` as ``user`` (``None``: the system). The program must be one the
    user may change; a new enrollment, or one moved to another person or program, needs a person the
    user may change (``PermissionDenied`` otherwise) and keeps them at least the retention period past
    the program's year (``participant_extend_retention``)."""
    before = None
    if enrollment.pk is not None:
        before = Enrollment.objects.filter(pk=enrollment.pk).values_list("participant_id", "program_id").first()
    moved = before != (enrollment.participant_id, enrollment.program_id)
    if user is not None and not Program.objects.for_user(user, "change").filter(pk=enrollment.program_id).exists():
        raise PermissionDenied
    if moved and not may_enroll(user, enrollment.participant_id):
        raise PermissionDenied(NOT_YOURS_TO_ENROLL)
    enrollment.full_clean()
    if user is not None:
        enrollment._history_user = user
    enrollment.save()
    if moved:
        year = enrollment.program.year
        participant_extend_retention(
            participant=enrollment.participant,
            until=default_retain_until(year),
            user=user,
            reason=EXTENDED_BY_ENROLLMENT.format(year=year),
        )
    return enrollment


def participant_enroll(
    *, participant, program, user=None, role=Enrollment.Role.PARTICIPANT, completion=Enrollment.Completion.ENROLLED
) -> Enrollment:
    """Enroll ``participant`` in ``program`` as ``user`` (see ``enrollment_save``)."""
    enrollment = Enrollment(participant=participant, program=program, role=role, completion=completion)
    return enrollment_save(enrollment=enrollment, user=user)
