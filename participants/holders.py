"""The personal-data holders of the participants app: a participant's record and its versions, their
enrollments, the admin log's entries about them, and the erasure log. Registered by
``ParticipantsConfig.ready`` after the core's (``exchange_portal/holders.py``), in the order an erasure
walks them: the earlier versions go before the record is anonymised, which writes one new version.

``Person.subject`` is the ``Participant``; ``Person.by`` is who erases (``None``: the system)."""

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from exchange_portal.personal_data import Holder, register

from .erasure_log import erasure_log_records
from .models import ERASED_NAME, Enrollment, Erasure, Participant

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
CONSENT_FIELDS = ["legal_basis", "consent_notice_id", "consent_given_at", "consent_withdrawn_at", "retain_until"]
RECORD_FIELDS = ["name", "position", "organisation", "home_city_id", "country", "email", "phone", "registered_by_id"]


def _plain(value):
    """A value as JSON can hold it: a country by its code."""
    return getattr(value, "code", value)


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


def _versions(person):
    return Participant.history.model.objects.filter(id=person.pk).order_by("history_date", "history_id")


@register
class ParticipantHistory(Holder):
    identifier = "participant-history"
    verbose_name = "Earlier versions of the record"
    erasure = "every earlier version deleted; one new version records the anonymised row (change reason `erasure`)"
    models = ("participants.HistoricalParticipant",)

    def export(self, person):
        versions = list(_versions(person))
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
        return {"consent_history": consent_history, "change_history": change_history}

    def erase(self, person):
        return _versions(person).delete()[0]


@register
class ParticipantRecord(Holder):
    identifier = "participant-record"
    verbose_name = "The participant's record"
    erasure = (
        "name becomes `[erased]`; position, organisation, home city, country, email, phone and consent dates "
        "emptied; the row stays so that the enrollments keep it"
    )
    models = ("participants.Participant",)

    def export(self, person):
        participant = Participant.objects.select_related("home_city", "registered_by", "consent_notice").get(
            pk=person.pk
        )
        return {
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
        }

    def erase(self, person):
        participant = person.subject
        for name, value in ERASED_FIELDS.items():
            setattr(participant, name, value)
        participant.erased_at = person.at
        participant._history_user = person.by
        participant._change_reason = HISTORY_CHANGE_REASON
        participant.save()
        return 1


@register
class Enrollments(Holder):
    identifier = "enrollments"
    verbose_name = "Enrollments and their versions"
    erasure = "kept (program, role, completion): they name the anonymised record only"
    models = ("participants.Enrollment", "participants.HistoricalEnrollment")

    def export(self, person):
        enrollments = Enrollment.objects.filter(participant_id=person.pk).select_related("program", "program__host")
        versions = Enrollment.history.model.objects.filter(participant_id=person.pk).order_by(
            "history_date", "history_id"
        )
        return {
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
            "enrollment_history": [
                {
                    "changed_at": version.history_date,
                    "change": version.get_history_type_display(),
                    "program_id": version.program_id,
                    "role": version.role,
                    "completion": version.completion,
                }
                for version in versions
            ],
        }

    def erase(self, person):
        return Enrollment.objects.filter(participant_id=person.pk).count()


def _entries_about(person):
    """(record's entries, [(enrollment, its entries)]) of the admin log about the person."""
    record = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Participant), object_id=str(person.pk)
    )
    enrollment_type = ContentType.objects.get_for_model(Enrollment)
    enrollments = list(Enrollment.objects.filter(participant_id=person.pk).select_related("program"))
    return record, [
        (enrollment, LogEntry.objects.filter(content_type=enrollment_type, object_id=str(enrollment.pk)))
        for enrollment in enrollments
    ]


@register
class AdminLogRecords(Holder):
    identifier = "admin-log-records"
    verbose_name = "Admin log, entries about the record"
    erasure = "the person's and their enrollments' entries renamed to the anonymised record"
    models = ("admin.LogEntry",)

    def export(self, person):
        record, per_enrollment = _entries_about(person)
        ids = set(record.values_list("pk", flat=True))
        for _enrollment, entries in per_enrollment:
            ids.update(entries.values_list("pk", flat=True))
        return {
            "admin_log": [
                {"at": entry.action_time, "object": entry.object_repr, "change": entry.get_change_message()}
                for entry in LogEntry.objects.filter(pk__in=ids).order_by("action_time", "pk")
            ]
        }

    def erase(self, person):
        # Stored text is written in the site's language, whatever the eraser's.
        with translation.override(settings.LANGUAGE_CODE):
            record, per_enrollment = _entries_about(person)
            renamed = record.update(object_repr=str(person.subject)[:200])
            for enrollment, entries in per_enrollment:
                enrollment.participant = person.subject
                renamed += entries.update(object_repr=str(enrollment)[:200])
        return renamed


@register
class ErasureLog(Holder):
    identifier = "erasure-log"
    verbose_name = "The erasure log"
    erasure = (
        'one row and one object in `STORAGES["erasure_log"]` record the erasure: participant id, time, '
        "user, reason; nothing about the person"
    )
    models = ("participants.Erasure",)
    storages = ("erasure_log",)
    store = '`participants_erasure`, `STORAGES["erasure_log"]`'

    def export(self, person):
        rows = Erasure.objects.filter(participant_id=person.pk).order_by("erased_at")
        return {
            "erasures": [{"erased_at": row.erased_at, "reason": row.reason} for row in rows],
            "erasure_log": erasure_log_records(person.pk),
        }

    def erase(self, person):
        return 0
