"""Writes that touch participants and enrollments, each validated with ``full_clean``."""

from django.db import transaction

from .models import Enrollment, Participant


@transaction.atomic
def participant_enroll(
    *, participant: Participant, program, role="", completion="", new_participant=False
) -> Enrollment:
    """Enroll a participant in a program, or update the role and completion of the enrollment.

    ``new_participant`` says the participant was just created, so no enrollment can exist yet.
    """
    enrollment = (
        None if new_participant else Enrollment.objects.filter(participant=participant, program=program).first()
    )
    if enrollment is None:
        enrollment = Enrollment(participant=participant, program=program)
    enrollment.role = role or enrollment.role
    enrollment.completion = completion or enrollment.completion
    # A participant created a moment ago has no enrollment to clash with, and both related rows are
    # known to exist: skipping those checks saves three queries a row in a 10,000-row import.
    enrollment.full_clean(exclude=["participant", "program"] if new_participant else None)
    enrollment.save()
    return enrollment
