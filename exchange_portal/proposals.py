"""Proposals to change shared reference data (cities, networks, themes), and their review.

Staff holding ``propose_<model>`` send the values they want (``proposal_submit``); registry editors
approve (``proposal_approve``) or reject them (``proposal_reject``); proposers may withdraw their own
(``proposal_withdraw``). Values are stored as JSON, only those that differ from the record, together with
what the record held at the time. They are validated with the model's ``full_clean`` when proposed and
again when approved; approval applies them in one transaction, so the record's history names the
reviewer and carries the proposal's reason.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .models import ChangeProposal
from .permissions import may_propose, may_review

# django-simple-history's history_change_reason is a CharField(max_length=100).
CHANGE_REASON_LENGTH = 100
EMPTY = (None, "", [])


def _stored(field, value):
    """``value`` (a Python value, a model instance or a queryset) as it is kept in the JSON."""
    if field.many_to_many:
        return sorted({getattr(item, "pk", item) for item in value or ()})
    if field.is_relation:
        return getattr(value, "pk", value)
    value = field.to_python(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)  # Decimal, a country, a lazy string


def _same(field, stored_a, stored_b):
    if field.is_relation or field.many_to_many:
        return stored_a == stored_b
    if isinstance(stored_a, str | type(None)) and isinstance(stored_b, str | type(None)):
        # Translation columns hold NULL where plain text fields hold "": both mean "nothing".
        if not stored_a and not stored_b:
            return True
    return field.to_python(stored_a) == field.to_python(stored_b)


def _current(field, record):
    if record is None or record.pk is None:
        return [] if field.many_to_many else _stored(field, field.value_from_object(field.model()))
    return _stored(field, field.value_from_object(record))


def _apply(record, fields, values):
    """Set the proposed values on ``record``; returns the many-to-many ones, to set after saving."""
    many = {}
    for name, value in values.items():
        field = fields[name]
        if field.many_to_many:
            many[name] = value
        else:
            setattr(record, field.attname, None if value is None else field.to_python(value))
    return many


def _check_many_to_many(fields, values):
    # full_clean() does not look at many-to-many values.
    for name, pks in values.items():
        field = fields[name]
        if field.many_to_many and field.related_model._default_manager.filter(pk__in=pks).count() != len(set(pks)):
            raise ValidationError({name: _("Some of the chosen records no longer exist.")})


@transaction.atomic
def proposal_submit(*, model, record=None, values, reason, proposer) -> ChangeProposal:
    """Propose ``values`` (field name → value, as a form cleans them) for ``record``, or a new record.

    Only values that differ from the record are kept. Raises ``ValidationError`` when the result would
    not pass the model's ``full_clean`` or when nothing would change; nothing is written then.
    """
    if not may_propose(proposer, model._meta):
        raise PermissionDenied
    if record is not None:
        record = model._default_manager.get(pk=record.pk)
    fields = ChangeProposal.proposable_fields(model)
    unknown = set(values) - set(fields)
    if unknown:
        raise ValidationError(_("Not fields a proposal may set: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    proposed, base = {}, {}
    for name, value in values.items():
        field, current = fields[name], _current(fields[name], record)
        new = _stored(field, value)
        if not _same(field, current, new):
            proposed[name], base[name] = new, current
    if not proposed:
        raise ValidationError(_("The proposal changes nothing."))

    candidate = model._default_manager.get(pk=record.pk) if record is not None else model()
    _apply(candidate, fields, proposed)
    candidate.full_clean()
    _check_many_to_many(fields, proposed)

    proposal = ChangeProposal(
        content_type=ContentType.objects.get_for_model(model),
        object_id=None if record is None else record.pk,
        new_record=record is None,
        values=proposed,
        base_values={} if record is None else base,
        reason=reason.strip(),
        proposed_by=proposer,
        institute=proposer.institutes.order_by("pk").first(),
    )
    proposal._history_user = proposer
    proposal.full_clean()
    proposal.save()
    return proposal


def _pending(proposal):
    """The proposal, locked for the rest of the transaction; only a pending one may be decided."""
    proposal = ChangeProposal.objects.select_for_update().select_related("content_type").get(pk=proposal.pk)
    if proposal.status != ChangeProposal.Status.PENDING:
        raise ValidationError(_("This proposal is already %(status)s.") % {"status": proposal.get_status_display()})
    return proposal


def _check_reviewer(proposal, reviewer):
    model = proposal.content_type.model_class()
    if not may_review(reviewer, model._meta, new=proposal.new_record):
        raise PermissionDenied
    return model


def proposal_conflicts(proposal, record):
    """Names of the proposed fields whose value on ``record`` is no longer what it was when proposed."""
    if proposal.new_record or record is None:
        return []
    fields = ChangeProposal.proposable_fields(type(record))
    return [
        name
        for name in proposal.values
        if name in fields and not _same(fields[name], _current(fields[name], record), proposal.base_values.get(name))
    ]


@transaction.atomic
def proposal_approve(*, proposal, reviewer, note="") -> ChangeProposal:
    """Apply the proposed values, as ``reviewer``, and mark the proposal approved.

    Refuses (``ValidationError``) when the record has changed since the proposal was made in a field
    it proposes, when it no longer exists, or when the values no longer pass ``full_clean``.
    """
    proposal = _pending(proposal)
    model = _check_reviewer(proposal, reviewer)
    if proposal.new_record:
        record = model()
    else:
        record = model._default_manager.select_for_update().filter(pk=proposal.object_id).first()
        if record is None:
            raise ValidationError(_("The record this proposal changes no longer exists."))
    fields = ChangeProposal.proposable_fields(model)
    conflicts = proposal_conflicts(proposal, record)
    if conflicts:
        raise ValidationError(
            _(
                "%(record)s has changed since the proposal was made (%(fields)s); ask for a new proposal "
                "or edit the record directly."
            )
            % {"record": record, "fields": ", ".join(str(fields[name].verbose_name) for name in conflicts)}
        )
    many = _apply(record, fields, proposal.values)
    record.full_clean()
    _check_many_to_many(fields, many)
    record._history_user = reviewer
    record._change_reason = Truncator(proposal.reason).chars(CHANGE_REASON_LENGTH)
    record.save()
    for name, pks in many.items():
        getattr(record, name).set(pks)
    return _decide(proposal, ChangeProposal.Status.APPROVED, reviewer, note, object_id=record.pk)


@transaction.atomic
def proposal_reject(*, proposal, reviewer, note) -> ChangeProposal:
    proposal = _pending(proposal)
    _check_reviewer(proposal, reviewer)
    if not note.strip():
        raise ValidationError({"review_note": _("Say why the proposal is rejected.")})
    return _decide(proposal, ChangeProposal.Status.REJECTED, reviewer, note)


@transaction.atomic
def proposal_withdraw(*, proposal, user) -> ChangeProposal:
    """The proposer takes back a pending proposal."""
    proposal = _pending(proposal)
    if proposal.proposed_by_id != user.pk:
        raise PermissionDenied
    proposal.status = ChangeProposal.Status.WITHDRAWN
    proposal._history_user = user
    proposal.full_clean()
    proposal.save()
    return proposal


def _decide(proposal, status, reviewer, note, object_id=None):
    proposal.status = status
    proposal.reviewed_by = reviewer
    proposal.reviewed_at = timezone.now()
    proposal.review_note = note.strip()
    if object_id is not None:
        proposal.object_id = object_id
    proposal._history_user = reviewer
    proposal.full_clean()
    proposal.save()
    return proposal


@dataclass(frozen=True)
class FieldChange:
    label: str
    current: str
    proposed: str
    changed_since: bool  # the record no longer holds the value the proposal started from


def _shown(field, value):
    if value in EMPTY:
        return "—"
    if field.many_to_many or field.is_relation:
        pks = value if field.many_to_many else [value]
        names = [str(item) for item in field.related_model._default_manager.filter(pk__in=pks)]
        return ", ".join(names) or "—"
    if field.choices:
        return str(dict(field.flatchoices).get(field.to_python(value), value))
    return f"{Decimal(value).normalize():f}" if field.get_internal_type() == "DecimalField" else str(value)


def proposal_changes(proposal, record=None):
    """What the proposal would change, field by field, for people to read: current → proposed.

    ``record`` is the proposal's target (pass it when already loaded); a decided proposal shows the
    values it started from instead of today's.
    """
    model = proposal.content_type.model_class()
    fields = ChangeProposal.proposable_fields(model)
    if record is None and proposal.object_id is not None:
        record = proposal.target
    live = proposal.status == ChangeProposal.Status.PENDING and not proposal.new_record
    changes = []
    for name, value in proposal.values.items():
        field = fields.get(name)
        if field is None:
            continue
        base = proposal.base_values.get(name) if not proposal.new_record else None
        current = _current(field, record) if live and record is not None else base
        changes.append(
            FieldChange(
                label=str(field.verbose_name),
                current=_shown(field, current),
                proposed=_shown(field, value),
                changed_since=live and record is not None and not _same(field, current, base),
            )
        )
    return changes
