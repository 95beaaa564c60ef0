"""Participants' personal data from consent to erasure.

- ``participant_erase`` anonymises one person in every place the site keeps data about people: it walks the
  registry of personal-data holders (``exchange_portal/personal_data.py``; the participants app's holders are
  in ``participants/holders.py``, the core's and third-party apps' in ``exchange_portal/holders.py``). Their
  enrollments stay, attached to the anonymised record, so that programs keep their counts; an ``Erasure`` row
  and an object in the erasure log (``participants/erasure_log.py``) record that it happened, without
  personal data.
- ``participants_purge_expired`` erases everyone whose ``retain_until`` has come (run daily), and sweeps
  expired import previews.
- ``participant_withdraw_consent`` records a withdrawal, which brings ``retain_until`` forward.
- ``participant_export`` is a person's copy: the same registry walked for ``export``, so it lists every holder.
- ``erasures_reapply`` erases again, after a backup is restored, everyone the erasure log names.

Erasing and exporting follow the scope rule (``Participant.objects.for_user``): staff only their own
institute's people, registry editors anyone; ``user=None`` is the system (management commands).
"""

import json
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from exchange_portal import personal_data
from exchange_portal.import_previews import import_previews_sweep
from exchange_portal.personal_data import Person, identifiers_of, search_forms

from ..erasure_log import erasure_log_file_ids, erasure_log_ids, erasure_log_pending, erasure_log_write
from ..holders import ERASED_FIELDS  # noqa: F401  (the admin reads it here)
from ..models import ERASED_NAME, Erasure, Participant


@dataclass
class ErasureReport:
    participant_id: int
    erased: bool = True  # False when the record was erased before
    holders: dict = field(default_factory=dict)  # holder identifier → rows or entries deleted or rewritten
    remaining: list = field(default_factory=list)  # (table, column, rows) still naming the person

    @property
    def history_rows_deleted(self):
        return self.holders.get("participant-history", 0)

    @property
    def enrollments_kept(self):
        return self.holders.get("enrollments", 0)

    @property
    def sessions_deleted(self):
        return self.holders.get("sessions", 0)

    def summary(self):
        if not self.erased:
            return f"participant {self.participant_id}: erased before, nothing to do"
        others = ", ".join(
            f"{identifier} {count}"
            for identifier, count in self.holders.items()
            if count and identifier not in ("participant-history", "enrollments", "participant-record")
        )
        return (
            f"participant {self.participant_id}: {self.history_rows_deleted} earlier versions deleted, "
            f"{self.enrollments_kept} enrollments kept (anonymous), rows and entries erased: {others or 'none'}"
        )


# Scope


def may_erase(user, participant):
    """The system (``None``), registry editors, and staff of the institute that registered the person."""
    if user is None:
        return True
    return user.has_perm("participants.delete_participant") and (
        Participant.objects.for_user(user, "delete").filter(pk=participant.pk).exists()
    )


def may_export(user, participant):
    """A person's copy holds their unmasked email and phone: only those who own that data."""
    if user is None:
        return True
    return user.has_perm("participants.view_participant") and (
        Participant.objects.owned_by(user).filter(pk=participant.pk).exists()
    )


def _like(text):
    """``%text%`` for LIKE … ESCAPE '\\': JSON's escapes hold backslashes, emails underscores."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def remaining_mentions(identifiers):
    """(table, column, rows) for every text column of every table that contains one of ``identifiers``:
    after an erasure, the places no holder rewrites (a program description that
    names a speaker, say), for a person to review."""
    forms = [form.lower() for form in search_forms(identifiers)]
    if not forms:
        return []
    quote = connection.ops.quote_name
    text_types = {"CharField", "TextField", "JSONField", "EmailField", "SlugField", "URLField"}
    found = []
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            for column in connection.introspection.get_table_description(cursor, table):
                try:
                    kind = connection.introspection.get_field_type(column.type_code, column)
                except KeyError:
                    continue
                if kind not in text_types:
                    continue
                text = f"LOWER(CAST({quote(column.name)} AS TEXT))"
                condition = " OR ".join(f"{text} LIKE %s ESCAPE '\\'" for _form in forms)
                cursor.execute(f"SELECT COUNT(*) FROM {quote(table)} WHERE {condition}", [_like(f) for f in forms])
                rows = cursor.fetchone()[0]
                if rows:
                    found.append((table, column.name, rows))
    return found


# Erasure


def _identifiers(participant):
    """Every name, email and phone the person's record has held, in any version."""
    values = {participant.name, participant.email, participant.phone}
    for row in Participant.history.model.objects.filter(id=participant.pk).values_list("name", "email", "phone"):
        values.update(row)
    values.discard(ERASED_NAME)
    return identifiers_of(values)


def person_of(participant, user=None):
    return Person(subject=participant, identifiers=_identifiers(participant), by=user, at=timezone.now())


def _erase(pk, user, reason, *, logged=None, check_remaining=False):
    """Erase participant ``pk`` inside the caller's transaction: every registered holder in turn, then the
    erasure log, written before the transaction commits (a failed write raises and rolls it all back);
    the object's name goes to ``logged`` (from ``erasure_log_pending``), ``None`` writes none.
    Idempotent."""
    participant = Participant.objects.select_for_update().get(pk=pk)
    report = ErasureReport(participant_id=pk)
    if participant.erased_at is not None:
        report.erased = False
        return report
    person = person_of(participant, user)
    for holder in personal_data.holders():
        report.holders[holder.identifier] = holder.erase(person)
    if check_remaining:
        report.remaining = remaining_mentions(person.identifiers)
    erasure = Erasure.objects.create(participant_id=pk, erased_at=person.at, erased_by=user, reason=reason)
    if logged is not None:
        logged.append(erasure_log_write(erasure))
    return report


def participant_erase(
    *, participant, user=None, reason=Erasure.Reason.REQUEST, dry_run=False, check_remaining=False
) -> ErasureReport:
    """Anonymise ``participant`` everywhere (see the module's docstring). ``dry_run`` does all of it in a
    transaction that is then rolled back, so the report is exact and nothing changes (nor is logged).
    ``check_remaining`` then reads every text column of every table for the person
    (``remaining_mentions``): slow on a large database, so the command does it and the purge does not."""
    if not may_erase(user, participant):
        raise PermissionDenied
    with erasure_log_pending() as logged, transaction.atomic():
        report = _erase(
            participant.pk, user, reason, logged=None if dry_run else logged, check_remaining=check_remaining
        )
        if dry_run:
            transaction.set_rollback(True)
    return report


@dataclass
class PurgeReport:
    due: int = 0
    erased: list = field(default_factory=list)
    dry_run: bool = False
    previews_swept: int = 0


def participants_purge_expired(*, today=None, dry_run=False, progress=None) -> PurgeReport:
    """Erase everyone whose ``retain_until`` is ``today`` or earlier. Safe to run daily: the erased are
    not due again; expired import previews are swept too. Each person is erased in a transaction of their
    own (a crash loses nothing done); a dry run does everything in one transaction and rolls it back."""
    today = today or timezone.localdate()
    due = list(
        Participant.objects.filter(erased_at__isnull=True, retain_until__lte=today)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    report = PurgeReport(due=len(due), dry_run=dry_run)

    def erase_all():
        for done, pk in enumerate(due, 1):
            if dry_run:
                _erase(pk, None, Erasure.Reason.RETENTION)
            else:
                with erasure_log_pending() as logged, transaction.atomic():
                    _erase(pk, None, Erasure.Reason.RETENTION, logged=logged)
            report.erased.append(pk)
            if progress:
                progress(done, len(due))

    if dry_run:
        with transaction.atomic():
            erase_all()
            transaction.set_rollback(True)
    else:
        erase_all()
        report.previews_swept = import_previews_sweep()
    return report


def participant_withdraw_consent(*, participant, user=None, at=None) -> Participant:
    """Record that the person withdrew consent (at ``at``, now by default): their retention ends that day,
    so the next purge anonymises them."""
    if user is not None and not Participant.objects.for_user(user, "change").filter(pk=participant.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        participant.consent_withdrawn_at = at or timezone.now()
        participant.apply_retention_rules()
        participant.full_clean()
        participant._history_user = user
        participant.save()
    return participant


# Re-applying the erasure log


@dataclass
class ReapplyReport:
    logged: int = 0  # participant ids in the database's log, the erasure log and the file
    already_erased: int = 0
    missing: int = 0  # not in this database (added after the backup, or deleted)
    erased: list = field(default_factory=list)
    dry_run: bool = False


def erasures_reapply(*, log_path=None, dry_run=False, progress=None) -> ReapplyReport:
    """After restoring a backup: erase again everyone the erasure logs name (the database's own, the
    erasure log outside it, which also holds erasures made after the backup, and the JSON-lines file
    ``log_path`` if given) and the restored data still holds. Running it twice changes nothing the second
    time."""
    stored_ids = erasure_log_ids()
    ids = set(Erasure.objects.values_list("participant_id", flat=True)) | stored_ids
    ids |= erasure_log_file_ids(log_path) if log_path else set()
    states = dict(Participant.objects.filter(pk__in=ids).values_list("pk", "erased_at"))
    to_erase = sorted(pk for pk, erased_at in states.items() if erased_at is None)
    report = ReapplyReport(
        logged=len(ids),
        already_erased=sum(1 for erased_at in states.values() if erased_at is not None),
        missing=len(ids - set(states)),
        dry_run=dry_run,
    )
    with erasure_log_pending() as logged, transaction.atomic():
        for done, pk in enumerate(to_erase, 1):
            with transaction.atomic():
                write = not dry_run and pk not in stored_ids  # a file's ids move into the erasure log
                _erase(pk, None, Erasure.Reason.REAPPLIED, logged=logged if write else None)
            report.erased.append(pk)
            if progress:
                progress(done, len(to_erase))
        if dry_run:
            transaction.set_rollback(True)
    return report


# A person's copy


def participant_export(*, participant, user=None) -> dict:
    """Everything the site holds about one person: each registered holder's sections (the record,
    consent and its history, enrollments with their programs, every version, admin log entries, sign-in
    records, import previews, …), and ``holders``, the list of every place looked in. Only for those who
    own the person's data (``may_export``)."""
    if not may_export(user, participant):
        raise PermissionDenied
    participant = Participant.objects.get(pk=participant.pk)
    person = person_of(participant, user)
    copy = {"exported_at": timezone.now()}
    listed = []
    for holder in personal_data.holders():
        sections = holder.export(person)
        clash = set(sections) & set(copy)
        if clash:
            raise ValueError(f"Holder {holder.identifier} repeats the sections {sorted(clash)}")
        copy.update(sections)
        listed.append(
            {
                "identifier": holder.identifier,
                "name": holder.verbose_name,
                "erasure": holder.erasure,
                "sections": sorted(sections),
            }
        )
    copy["holders"] = listed
    return copy


def participant_export_json(*, participant, user=None) -> str:
    return json.dumps(
        participant_export(participant=participant, user=user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
