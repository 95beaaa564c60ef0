"""Participants' personal data from consent to erasure.

- ``participant_erase`` anonymises one person everywhere the database may hold them (see
  ``PERSONAL_DATA_TABLES``): their own row, every earlier version of it, the admin log, the free text of
  change proposals and history, and the sessions that name them. Their enrollments stay, attached to the
  anonymised record, so that programs keep their counts; an ``Erasure`` row (and a line in
  ``ERASURE_LOG_PATH``) records that it happened, without personal data.
- ``participants_purge_expired`` erases everyone whose ``retain_until`` has come (run daily).
- ``participant_withdraw_consent`` records a withdrawal, which brings ``retain_until`` forward.
- ``participant_export`` is a person's copy of everything the registry holds about them.
- ``erasures_reapply`` erases again, after a backup is restored, everyone the erasure log names.

Erasing and exporting follow the scope rule (``Participant.objects.for_user``): staff only their own
institute's people, registry editors anyone; ``user=None`` is the system (management commands).
"""

import json
import logging
import re
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone, translation
from modeltranslation.utils import build_localized_fieldname

from exchange_portal.models import ChangeProposal
from exchange_portal.pagecache import registry_changed

from ..models import ERASED_NAME, Enrollment, Erasure, Participant

logger = logging.getLogger(__name__)

# What a name, email or phone becomes wherever it was written into free text.
REDACTED = "[erased]"
# Shorter values would redact unrelated text; two Hangul or Han characters make a name (이산).
MIN_IDENTIFIER_LENGTH = {"ascii": 3, "other": 2}
HISTORY_CHANGE_REASON = "erasure"
# The participant's own columns an erasure empties; ``name`` becomes ERASED_NAME.
ERASED_FIELDS = {
    "name": ERASED_NAME,
    "position": "",
    "organisation": "",
    "home_city": None,
    "country": "",
    "email": "",
    "phone": "",
    "consent_given_at": None,
    "consent_withdrawn_at": None,
    "retain_until": None,
}

# Every table that can hold a participant's personal data, and how an erasure covers it. Kept beside the
# code that does it; the test in tests/participants/test_erasure.py scans every table of the database.
PERSONAL_DATA_TABLES = {
    "participants_participant": "the person's row: name, position, organisation, home city, country, email, "
    "phone and consent dates emptied, name set to “[erased]”; the row stays so that enrollments keep it",
    "participants_historicalparticipant": "every earlier version deleted; one new version records the "
    "anonymised row (change reason “erasure”)",
    "participants_enrollment": "kept (program, role, completion): it names the anonymised row only",
    "participants_historicalenrollment": "kept: ids, role and completion only; change reasons redacted",
    "django_admin_log": "the person's and their enrollments' entries renamed to the anonymised record; any "
    "name, email or phone in any entry's object_repr or change_message redacted",
    "programs_changeproposal, programs_historicalchangeproposal": "values and base values (JSON), reason "
    "and review note redacted",
    "every historical table (history_change_reason)": "redacted",
    "django_session": "sessions whose decoded data names the person deleted",
    "participants_erasure": "holds no personal data: participant id, time, user, reason",
}


@dataclass
class ErasureReport:
    participant_id: int
    erased: bool = True  # False when the record was erased before
    history_rows_deleted: int = 0
    enrollments_kept: int = 0
    redacted: dict = field(default_factory=dict)  # table → rows rewritten
    sessions_deleted: int = 0
    remaining: list = field(default_factory=list)  # (table, column, rows) still naming the person

    def summary(self):
        if not self.erased:
            return f"participant {self.participant_id}: erased before, nothing to do"
        redacted = ", ".join(f"{table} {count}" for table, count in sorted(self.redacted.items())) or "none"
        return (
            f"participant {self.participant_id}: {self.history_rows_deleted} earlier versions deleted, "
            f"{self.enrollments_kept} enrollments kept (anonymous), rows redacted: {redacted}, "
            f"{self.sessions_deleted} sessions deleted"
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


# Finding the person in free text


def _patterns(identifiers):
    """Case-insensitive patterns for each identifier as written and as JSON escapes it (``\\uae40``).
    Latin-script forms match whole words only ("Ali" is not the "ali" of "quality"); Korean and Chinese
    ones anywhere, since particles and titles attach to names (김민수님)."""
    patterns = {}
    for identifier in identifiers:
        for form in (identifier, json.dumps(identifier)[1:-1]):
            pattern = re.escape(form)
            if identifier.isascii():
                pattern = rf"(?<![0-9A-Za-z]){pattern}(?![0-9A-Za-z])"
            patterns[form] = re.compile(pattern, re.IGNORECASE)
    return [patterns[form] for form in sorted(patterns, key=len, reverse=True)]


def _redact_text(value, patterns):
    for pattern in patterns:
        value = pattern.sub(REDACTED, value)
    return value


def _redact_json(value, patterns):
    if isinstance(value, str):
        return _redact_text(value, patterns)
    if isinstance(value, list):
        return [_redact_json(item, patterns) for item in value]
    if isinstance(value, dict):
        return {_redact_text(key, patterns): _redact_json(item, patterns) for key, item in value.items()}
    return value


def _free_text_columns():
    """(model, field names) of every column outside the person's own rows where staff may have typed, or
    the software copied, a person's name, email or phone."""
    columns = [(LogEntry, ["object_repr", "change_message"])]
    columns.append((ChangeProposal, ["values", "base_values", "reason", "review_note"]))
    for model in apps.get_models():
        names = {f.name for f in model._meta.concrete_fields}
        if "history_change_reason" in names:
            extra = ["values", "base_values", "reason", "review_note"] if model is ChangeProposal.history.model else []
            columns.append((model, [*extra, "history_change_reason"]))
    return columns


def _redact(model, field_names, identifiers, patterns):
    """Rewrite the rows of ``model`` whose ``field_names`` contain an identifier; returns how many."""
    searched = {}  # JSON columns are searched as text
    condition = Q()
    for name in field_names:
        column = name
        if isinstance(model._meta.get_field(name), models.JSONField):
            column = f"_redact_{name}"
            searched[column] = Cast(name, TextField())
        for form in _search_forms(identifiers):
            condition |= Q(**{f"{column}__icontains": form})
    rows = model._base_manager.annotate(**searched).filter(condition).only("pk", *field_names)
    changed = 0
    for row in rows:
        changes = {}
        for name in field_names:
            value = getattr(row, name)
            if value is None:
                continue
            new = _redact_text(value, patterns) if isinstance(value, str) else _redact_json(value, patterns)
            if new != value:
                changes[name] = new
        if changes:
            model._base_manager.filter(pk=row.pk).update(**changes)
            changed += 1
    return changed


def _search_forms(identifiers):
    return sorted({form for identifier in identifiers for form in (identifier, json.dumps(identifier)[1:-1])})


def _delete_sessions_naming(patterns):
    """Sessions are stored encoded: decode each to see whether it names the person (a message left in
    the session, say), and delete those that do."""
    engine = import_module(settings.SESSION_ENGINE)
    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        return 0
    deleted = 0
    for session in Session.objects.iterator():
        store = engine.SessionStore(session_key=session.session_key)
        text = json.dumps(store.decode(session.session_data), default=str, ensure_ascii=False)
        if any(pattern.search(text) for pattern in patterns):
            store.delete()
            deleted += 1
    return deleted


def _like(text):
    """``%text%`` for LIKE … ESCAPE '\\': JSON's escapes hold backslashes, emails underscores."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def remaining_mentions(identifiers):
    """(table, column, rows) for every text column of every table that contains one of ``identifiers``:
    after an erasure, the places ``PERSONAL_DATA_TABLES`` does not cover (a program description that
    names a speaker, say), for a person to review."""
    forms = [form.lower() for form in _search_forms(identifiers)]
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
    values = {str(value).strip() for value in values if value}
    values.discard(ERASED_NAME)
    long_enough = (v for v in values if len(v) >= MIN_IDENTIFIER_LENGTH["ascii" if v.isascii() else "other"])
    return sorted(long_enough, key=len, reverse=True)


def _erase(pk, user, reason, *, log_to_file=True, check_remaining=False):
    """Erase participant ``pk`` inside the caller's transaction. Idempotent."""
    participant = Participant.objects.select_for_update().get(pk=pk)
    report = ErasureReport(participant_id=pk)
    if participant.erased_at is not None:
        report.erased = False
        return report
    identifiers = _identifiers(participant)
    patterns = _patterns(identifiers)

    report.history_rows_deleted, _ = Participant.history.model.objects.filter(id=pk).delete()
    for name, value in ERASED_FIELDS.items():
        setattr(participant, name, value)
    participant.erased_at = timezone.now()
    participant._history_user = user
    participant._change_reason = HISTORY_CHANGE_REASON
    participant.save()

    # Stored text is written in the site's language, whatever the eraser's.
    with translation.override(settings.LANGUAGE_CODE):
        entries = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Participant), object_id=str(pk)
        )
        renamed = entries.update(object_repr=str(participant)[:200])
        enrollment_type = ContentType.objects.get_for_model(Enrollment)
        enrollments = list(Enrollment.objects.filter(participant=participant).select_related("program"))
        for enrollment in enrollments:
            enrollment.participant = participant
            renamed += LogEntry.objects.filter(content_type=enrollment_type, object_id=str(enrollment.pk)).update(
                object_repr=str(enrollment)[:200]
            )
    report.enrollments_kept = len(enrollments)
    if renamed:
        report.redacted[LogEntry._meta.db_table] = renamed

    if identifiers:
        for model, field_names in _free_text_columns():
            count = _redact(model, field_names, identifiers, patterns)
            if count:
                table = model._meta.db_table
                report.redacted[table] = report.redacted.get(table, 0) + count
        report.sessions_deleted = _delete_sessions_naming(patterns)
        if check_remaining:
            report.remaining = remaining_mentions(identifiers)

    erasure = Erasure.objects.create(participant_id=pk, erased_at=participant.erased_at, erased_by=user, reason=reason)
    if log_to_file:
        transaction.on_commit(lambda: _append_to_log_file(erasure))
    registry_changed()
    return report


def participant_erase(
    *, participant, user=None, reason=Erasure.Reason.REQUEST, dry_run=False, check_remaining=False
) -> ErasureReport:
    """Anonymise ``participant`` everywhere (see the module's docstring). ``dry_run`` does all of it in a
    transaction that is then rolled back, so the report is exact and nothing changes. ``check_remaining``
    then reads every text column of every table for the person (``remaining_mentions``): slow on a large
    database, so the command does it and the purge does not."""
    if not may_erase(user, participant):
        raise PermissionDenied
    with transaction.atomic():
        report = _erase(participant.pk, user, reason, check_remaining=check_remaining)
        if dry_run:
            transaction.set_rollback(True)
    return report


@dataclass
class PurgeReport:
    due: int = 0
    erased: list = field(default_factory=list)
    dry_run: bool = False


def participants_purge_expired(*, today=None, dry_run=False, progress=None) -> PurgeReport:
    """Erase everyone whose ``retain_until`` is ``today`` or earlier. Safe to run daily: the erased are
    not due again. Each person is erased in a transaction of their own (a crash loses nothing done); a
    dry run does everything in one transaction and rolls it back."""
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
                with transaction.atomic():
                    _erase(pk, None, Erasure.Reason.RETENTION)
            report.erased.append(pk)
            if progress:
                progress(done, len(due))

    if dry_run:
        with transaction.atomic():
            erase_all()
            transaction.set_rollback(True)
    else:
        erase_all()
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


def _append_to_log_file(erasure):
    path = settings.ERASURE_LOG_PATH
    if not path:
        return
    try:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        line = {"participant_id": erasure.participant_id, "erased_at": erasure.erased_at, "reason": erasure.reason}
        with path.open("a", encoding="utf-8") as log:
            log.write(json.dumps(line, cls=DjangoJSONEncoder) + "\n")
    except OSError:
        logger.exception("Could not append erasure of participant %s to %s", erasure.participant_id, path)


def erasure_log_file_ids(path=None):
    """Participant ids the erasure log file names (an empty set without one)."""
    path = Path(path or settings.ERASURE_LOG_PATH or "")
    if not str(path) or not path.is_file():
        return set()
    ids = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                ids.add(int(json.loads(line)["participant_id"]))
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}, line {number}: not an erasure record") from error
    return ids


@dataclass
class ReapplyReport:
    logged: int = 0  # participant ids in the database's log and the file
    already_erased: int = 0
    missing: int = 0  # not in this database (added after the backup, or deleted)
    erased: list = field(default_factory=list)
    dry_run: bool = False


def erasures_reapply(*, log_path=None, dry_run=False, progress=None) -> ReapplyReport:
    """After restoring a backup: erase again everyone the erasure log (the database's, and the file kept
    outside it, which also holds erasures made after the backup) names and the restored data still holds.
    Running it twice changes nothing the second time."""
    file_ids = erasure_log_file_ids(log_path)
    ids = set(Erasure.objects.values_list("participant_id", flat=True)) | file_ids
    states = dict(Participant.objects.filter(pk__in=ids).values_list("pk", "erased_at"))
    to_erase = sorted(pk for pk, erased_at in states.items() if erased_at is None)
    report = ReapplyReport(
        logged=len(ids),
        already_erased=sum(1 for erased_at in states.values() if erased_at is not None),
        missing=len(ids - set(states)),
        dry_run=dry_run,
    )
    with transaction.atomic():
        for done, pk in enumerate(to_erase, 1):
            with transaction.atomic():
                _erase(pk, None, Erasure.Reason.REAPPLIED, log_to_file=pk not in file_ids)
            report.erased.append(pk)
            if progress:
                progress(done, len(to_erase))
        if dry_run:
            transaction.set_rollback(True)
    return report


# A person's copy


def _notice(notice):
    if notice is None:
        return None
    texts = {}
    for code, _name in settings.LANGUAGES:
        texts[code] = {
            "title": getattr(notice, build_localized_fieldname("title", code), None),
            "text": getattr(notice, build_localized_fieldname("text", code), None),
        }
    return {"version": notice.version, "effective_from": notice.effective_from, "wording": texts}


CONSENT_FIELDS = ["legal_basis", "consent_notice_id", "consent_given_at", "consent_withdrawn_at", "retain_until"]
RECORD_FIELDS = ["name", "position", "organisation", "home_city_id", "country", "email", "phone", "registered_by_id"]


def _plain(value):
    """A value as JSON can hold it: a country by its code."""
    return getattr(value, "code", value)


def participant_export(*, participant, user=None) -> dict:
    """Everything the registry holds about one person: the record, consent and its history, enrollments
    with their programs, and every version of the record and of the enrollments. Only for those who own
    the person's data (``may_export``)."""
    if not may_export(user, participant):
        raise PermissionDenied
    participant = Participant.objects.select_related("home_city", "registered_by", "consent_notice").get(
        pk=participant.pk
    )
    versions = list(Participant.history.model.objects.filter(id=participant.pk).order_by("history_date", "history_id"))
    notices = {notice.pk: notice for notice in apps.get_model("participants", "ConsentNotice").objects.all()}

    consent_history, last = [], None
    for version in versions:
        state = tuple(getattr(version, name) for name in CONSENT_FIELDS)
        if state != last:
            notice = notices.get(version.consent_notice_id)
            consent_history.append(
                {
                    "recorded_at": version.history_date,
                    "legal_basis": version.legal_basis,
                    "notice_version": notice.version if notice else None,
                    "consent_given_at": version.consent_given_at,
                    "consent_withdrawn_at": version.consent_withdrawn_at,
                    "retain_until": version.retain_until,
                }
            )
            last = state

    change_history = [
        {
            "changed_at": version.history_date,
            "change": version.get_history_type_display(),
            "values": {
                name.removesuffix("_id"): _plain(getattr(version, name)) for name in RECORD_FIELDS + CONSENT_FIELDS
            },
        }
        for version in versions
    ]
    enrollments = Enrollment.objects.filter(participant=participant).select_related("program", "program__host")
    enrollment_versions = Enrollment.history.model.objects.filter(participant_id=participant.pk).order_by(
        "history_date", "history_id"
    )
    return {
        "exported_at": timezone.now(),
        "participant": {
            "id": participant.pk,
            "name": participant.name,
            "position": participant.position,
            "organisation": participant.organisation,
            "home_city": participant.home_city.name if participant.home_city else None,
            "country": participant.country.code or None,
            "country_name": str(participant.country.name) if participant.country else None,
            "email": participant.email,
            "phone": participant.phone,
            "registered_by": participant.registered_by.name if participant.registered_by else None,
            "created_at": participant.created_at,
            "erased_at": participant.erased_at,
        },
        "consent": {
            "legal_basis": participant.legal_basis or None,
            "legal_basis_label": str(participant.get_legal_basis_display()) if participant.legal_basis else None,
            "notice": _notice(participant.consent_notice),
            "consent_given_at": participant.consent_given_at,
            "consent_withdrawn_at": participant.consent_withdrawn_at,
            "retain_until": participant.retain_until,
        },
        "consent_history": consent_history,
        "enrollments": [
            {
                "program": enrollment.program.slug,
                "program_title": enrollment.program.title,
                "year": enrollment.program.year,
                "host": enrollment.program.host.name if enrollment.program.host else None,
                "role": enrollment.role,
                "completion": enrollment.completion,
            }
            for enrollment in enrollments
        ],
        "change_history": change_history,
        "enrollment_history": [
            {
                "changed_at": version.history_date,
                "change": version.get_history_type_display(),
                "program_id": version.program_id,
                "role": version.role,
                "completion": version.completion,
            }
            for version in enrollment_versions
        ],
    }


def participant_export_json(*, participant, user=None) -> str:
    return json.dumps(
        participant_export(participant=participant, user=user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
