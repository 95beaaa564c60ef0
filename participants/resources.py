"""Bulk import and export of participants with their enrollments (one row per enrollment).

A row names the participant by email (the natural key within the people the user may change) and,
optionally, the program they enroll in by slug. Staff import only into their own institute's programs
and change and enroll only the participants their institute owns (``Participant.objects.owned_by``): an
email that only another institute registered makes a new participant, registered by the program's host
institute, and nothing says the address exists elsewhere. The retention date an enrollment extends is
written with the rest of the row, with a history row (``bulk_update_with_history``): the same rule as
``participants/services/enrollment.py``, in bulk. Exports list the participants and enrollments the
user may see (``for_user``) and mask email and phone of people who are not the user's own.

The consent columns (``legal_basis``, ``consent_notice`` by version, ``consent_given_at``,
``consent_withdrawn_at``, ``retain_until``) are optional; a row without ``retain_until`` gets the default
retention from the program it enrolls the person in (``Participant.apply_retention_rules``).
"""

from copy import copy

from django.core.exceptions import ValidationError
from django.db.models import BooleanField, Count, Prefetch, Value
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from import_export import fields, widgets
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cities.models import City
from exchange_portal.imports import RegistryResource, SlugWidget
from exchange_portal.permissions import institute_ids, mask_email, mask_phone
from programs.models import Institute, Program

from .models import DUPLICATE_EMAIL, ConsentNotice, Enrollment, Participant

BULK_BATCH = 500
COUNTRY_FIELD = Participant._meta.get_field("country")
COUNTRY_CODES = frozenset(code for code, _name in countries)
CONTACT_COLUMNS = ["name", "position", "organisation", "home_city", "country", "phone"]
CONSENT_COLUMNS = ["legal_basis", "consent_notice", "consent_given_at", "consent_withdrawn_at", "retain_until"]
# The participant's own columns, as bulk_update writes them (program, role and completion are the enrollment's).
PARTICIPANT_COLUMNS = CONTACT_COLUMNS + CONSENT_COLUMNS
AMBIGUOUS_EMAIL = _(
    "Several participants you may change have this email (registered by different institutes); "
    "change them in the admin instead."
)


class ConsentNoticeWidget(widgets.ForeignKeyWidget):
    """The notice a person was shown, by its version (``2026-1``); every notice read once per file."""

    def __init__(self, **kwargs):
        super().__init__(ConsentNotice, field="version", **kwargs)
        self._by_version = None

    def clean(self, value, row=None, **kwargs):
        version = str(value).strip() if value is not None else ""
        if not version:
            return None
        if self._by_version is None:
            self._by_version = {notice.version: notice for notice in ConsentNotice.objects.all()}
        try:
            return self._by_version[version]
        except KeyError:
            raise ValueError(_("No consent notice has the version “%(version)s”.") % {"version": version}) from None


class ParticipantResource(RegistryResource):
    email = fields.Field(attribute="email", column_name="email")
    home_city = fields.Field(attribute="home_city", column_name="home_city", widget=SlugWidget(City))
    program = fields.Field(column_name="program", dehydrate_method="dehydrate_program")
    role = fields.Field(column_name="role", dehydrate_method="dehydrate_role")
    completion = fields.Field(column_name="completion", dehydrate_method="dehydrate_completion")
    consent_notice = fields.Field(
        attribute="consent_notice", column_name="consent_notice", widget=ConsentNoticeWidget()
    )

    class Meta(RegistryResource.Meta):
        model = Participant
        import_id_fields = ["email"]
        use_bulk = True
        fields = ["email", *CONTACT_COLUMNS, "program", "role", "completion", *CONSENT_COLUMNS]
        export_order = fields

    def get_queryset(self):
        """The people a row's email may name: for an import, those the user may change, so that an
        email another institute registered is simply a new person of the user's institute (nothing
        tells the user the address is known elsewhere)."""
        queryset = Participant.objects.select_related("home_city", "registered_by", "consent_notice")
        return queryset if self.user is None else queryset.owned_by(self.user)

    # Export

    def filter_export(self, queryset, **kwargs):
        user = self.user
        enrollments = Enrollment.objects.select_related("program").order_by("program__slug")
        if user is None:
            queryset = queryset.annotate(personal_data_visible=Value(True, output_field=BooleanField()))
        else:
            queryset = queryset.for_user(user).with_personal_data_visible(user)
            enrollments = enrollments.for_user(user)
        rows = []
        for participant in queryset.prefetch_related(Prefetch("enrollments", queryset=enrollments)):
            for enrollment in participant.enrollments.all() or [None]:
                row = copy(participant)
                row.export_enrollment = enrollment
                rows.append(row)
        return rows

    def dehydrate_email(self, participant):
        return participant.email if participant.personal_data_visible else mask_email(participant.email)

    def dehydrate_phone(self, participant):
        return participant.phone if participant.personal_data_visible else mask_phone(participant.phone)

    def dehydrate_program(self, participant):
        enrollment = getattr(participant, "export_enrollment", None)
        return enrollment.program.slug if enrollment else ""

    def dehydrate_role(self, participant):
        enrollment = getattr(participant, "export_enrollment", None)
        return enrollment.role if enrollment else ""

    def dehydrate_completion(self, participant):
        enrollment = getattr(participant, "export_enrollment", None)
        return enrollment.completion if enrollment else ""

    # Import
    #
    # Rows are checked one by one (full_clean, scope, enrollment columns), but the look-ups a check
    # needs are made once for the whole file, and the writes wait until every row is known to be
    # valid: then participants, enrollments and their history are written in bulk. A 10,000-row file
    # takes a few seconds instead of a query and a savepoint per row.

    def before_import(self, dataset, **kwargs):
        user = self.user
        programs = Program.objects.for_user(user, "change") if user else Program.objects.all()
        self.programs = {program.slug: program for program in programs.only("pk", "slug", "host_id", "year")}
        self.fields["consent_notice"].widget._by_version = None  # the widget is the class's: read afresh
        # A new participant is registered by the program's host, else by the user's first institute.
        own_institutes = sorted(institute_ids(user)) if user else []
        self.default_institute = own_institutes[0] if own_institutes else None
        self.may_register = user is None or Institute.objects.for_user(user, "change").exists()
        self.owned_ids = None if user is None else set()  # None: no scope; filled by after_load_instances
        self.ambiguous_emails = set()  # filled by after_load_instances
        self.enrollments = {}  # filled by after_load_instances, then by the rows
        self.enrollments_to_write = {}
        self.participants_to_update = {}

    def after_load_instances(self, instances):
        """Which of the people the file names who exist already are the user's to change, and their
        enrollments by (email, program id)."""
        by_pk = {participant.pk: email for email, participant in instances.items()}
        pks = sorted(by_pk)
        # Institutes register a person once each, so someone who may change several institutes' people
        # (a registry editor, the system) may find several with one email: such a row is refused.
        emails = sorted(instances)
        for start in range(0, len(emails), BULK_BATCH):
            shared = (
                self.get_queryset()
                .filter(email__in=emails[start : start + BULK_BATCH])
                .values("email")
                .annotate(records=Count("pk"))
                .filter(records__gt=1)
            )
            self.ambiguous_emails.update(shared.values_list("email", flat=True))
        for start in range(0, len(pks), BULK_BATCH):
            chunk_pks = pks[start : start + BULK_BATCH]
            if self.owned_ids is not None:
                owned = Participant.objects.owned_by(self.user).filter(pk__in=chunk_pks)
                self.owned_ids.update(owned.values_list("pk", flat=True))
            chunk = Enrollment.objects.filter(participant_id__in=chunk_pks)
            for enrollment in chunk.only("pk", "role", "completion", "participant_id", "program_id"):
                self.enrollments[(by_pk[enrollment.participant_id], enrollment.program_id)] = enrollment

    def _owned(self, participant):
        return self.owned_ids is None or participant.pk in self.owned_ids

    def _enrollment_from_row(self, row):
        errors = {}
        slug = str(row.get("program") or "").strip()
        program = None
        if slug:
            program = self.programs.get(slug)
            if program is None:
                errors["program"] = [_("No program of your institute has the slug “%(slug)s”.") % {"slug": slug}]
        role = str(row.get("role") or "").strip()
        if role and role not in Enrollment.Role.values:
            errors["role"] = [_("Role must be one of: %(values)s.") % {"values": ", ".join(Enrollment.Role.values)}]
        completion = str(row.get("completion") or "").strip()
        if completion and completion not in Enrollment.Completion.values:
            errors["completion"] = [
                _("Completion must be one of: %(values)s.") % {"values": ", ".join(Enrollment.Completion.values)}
            ]
        if not slug and (role or completion):
            errors["program"] = [_("Name the program the role and completion belong to.")]
        return program, role, completion, errors

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if not str(instance.email or "").strip():
            errors["email"] = [_("Every row needs an email: it is how the person is recognised.")]
        program, role, completion, enrollment_errors = self._enrollment_from_row(row)
        errors.update(enrollment_errors)
        instance.import_enrollment = (program, role, completion)
        if not instance.country and instance.home_city is not None:
            # As Participant.save() would, so that re-importing a file without countries changes nothing.
            instance.country = instance.home_city.country
        # As Participant.save() and Enrollment.save() would: bulk writes call neither.
        instance.apply_retention_rules(program_year=program.year if program is not None else None)
        if instance.pk is None and instance.registered_by_id is None:
            # Whoever registers the person owns their personal data; enrolling them later changes nothing.
            instance.registered_by_id = program.host_id if program is not None else self.default_institute
        if not self.may_register:
            errors["email"] = [_("Your account belongs to no institute, so it cannot import participants.")]
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """``full_clean`` without the checks that would cost a query a row, made here from the
        whole-file look-ups instead: the home city came from the cached list of cities, the
        registering institute from the user's institutes, and the email is unique because the
        instance loader matched it against the database and the earlier rows of the file."""
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=[*errors, "home_city", "registered_by", "country"], validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # django-countries rebuilds its list of choices on every validation; a set is enough here.
        country = str(instance.country or "")
        if "country" not in errors and country and country not in COUNTRY_CODES:
            errors["country"] = [COUNTRY_FIELD.error_messages["invalid_choice"] % {"value": country}]
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        unchanged = super().skip_row(instance, original, row, import_validation_errors)
        instance.import_unchanged = unchanged
        if not unchanged:
            return False
        program, role, completion = getattr(instance, "import_enrollment", (None, "", ""))
        if program is None:
            return True
        enrollment = self.enrollments.get((instance.email, program.pk))
        return (
            enrollment is not None
            and (not role or enrollment.role == role)
            and (not completion or enrollment.completion == completion)
        )

    def after_init_instance(self, instance, new, row, **kwargs):
        created_here = self.created_in_this_import.get(instance.email) is instance
        if not new and not created_here and not self._owned(instance):
            raise ValidationError({"email": DUPLICATE_EMAIL})
        if not new and instance.email in self.ambiguous_emails:
            raise ValidationError({"email": AMBIGUOUS_EMAIL})

    def save_instance(self, instance, is_create, row, **kwargs):
        # Queued, not saved: the rows are written together once all of them are valid (bulk_create).
        if instance.pk is None:
            if self.created_in_this_import.get(instance.email) is not instance:
                self.create_instances.append(instance)
        elif not getattr(instance, "import_unchanged", False):
            self.participants_to_update[instance.pk] = instance
        self.after_save_instance(instance, row, **kwargs)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        program, role, completion = getattr(instance, "import_enrollment", (None, "", ""))
        if program is None:
            return
        key = (instance.email, program.pk)
        enrollment = self.enrollments.get(key) or Enrollment(participant=instance, program=program)
        role, completion = role or enrollment.role, completion or enrollment.completion
        if enrollment.pk is None or (role, completion) != (enrollment.role, enrollment.completion):
            enrollment.role, enrollment.completion = role, completion
            # The participant and program exist or are about to, and the dictionary keeps one
            # enrollment per person and program: what the foreign keys and the constraint would check.
            enrollment.full_clean(exclude=["participant", "program"], validate_constraints=False)
            self.enrollments_to_write[key] = enrollment
        self.enrollments[key] = enrollment

    def _write(self, result):
        return not (result is not None and (result.has_errors() or result.has_validation_errors()))

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.create_instances and self._write(result):
            try:
                bulk_create_with_history(
                    self.create_instances, Participant, batch_size=BULK_BATCH, default_user=self.user
                )
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
        self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.participants_to_update and self._write(result):
            try:
                bulk_update_with_history(
                    list(self.participants_to_update.values()),
                    Participant,
                    fields=PARTICIPANT_COLUMNS,
                    batch_size=BULK_BATCH,
                    default_user=self.user,
                )
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
        self.participants_to_update.clear()

    def after_import(self, dataset, result, **kwargs):
        # After bulk_create, so that every new participant has its primary key.
        enrollments = list(self.enrollments_to_write.values())
        self.enrollments_to_write.clear()
        if not self._write(result):
            return
        new = [enrollment for enrollment in enrollments if enrollment.pk is None]
        changed = [enrollment for enrollment in enrollments if enrollment.pk is not None]
        bulk_create_with_history(new, Enrollment, batch_size=BULK_BATCH, default_user=self.user)
        bulk_update_with_history(
            changed, Enrollment, fields=["role", "completion"], batch_size=BULK_BATCH, default_user=self.user
        )
