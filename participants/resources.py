"""Bulk import and export of participants with their enrollments (one row per enrollment).

A row names the participant by email (the natural key) and, optionally, the program they enroll in by
slug. Staff import only into their own institute's programs and cannot overwrite participants of
other institutes; exports list only the enrollments the user may see and mask email and phone of
people who are not the user's participants.
"""

from copy import copy

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from import_export import fields

from cities.models import City
from programs.models import Program
from programs.permissions import (
    institute_ids,
    is_registry_editor,
    mask_email,
    mask_phone,
    participant_scope_q,
    scope_participants,
    scope_programs,
)
from programs.resources import RegistryResource, SlugWidget

from .models import Enrollment, Participant
from .services import participant_enroll


class ParticipantResource(RegistryResource):
    email = fields.Field(attribute="email", column_name="email")
    home_city = fields.Field(attribute="home_city", column_name="home_city", widget=SlugWidget(City))
    program = fields.Field(column_name="program", dehydrate_method="dehydrate_program")
    role = fields.Field(column_name="role", dehydrate_method="dehydrate_role")
    completion = fields.Field(column_name="completion", dehydrate_method="dehydrate_completion")

    class Meta(RegistryResource.Meta):
        model = Participant
        import_id_fields = ["email"]
        fields = [
            "email", "name", "position", "organisation", "home_city", "country", "phone", "program", "role",
            "completion",
        ]
        export_order = fields

    def get_queryset(self):
        return Participant.objects.select_related("home_city", "registered_by")

    # Export

    def filter_export(self, queryset, **kwargs):
        user = self.user
        enrollments = Enrollment.objects.select_related("program").order_by("program__slug")
        if user is not None:
            queryset = scope_participants(queryset, user)
            enrollments = scope_programs(enrollments, user, prefix="program__")
        self.owned_ids = (
            None
            if user is None or is_registry_editor(user)
            else set(Participant.objects.filter(participant_scope_q(user)).values_list("pk", flat=True))
        )
        rows = []
        for participant in queryset.prefetch_related(Prefetch("enrollments", queryset=enrollments)):
            for enrollment in participant.enrollments.all() or [None]:
                row = copy(participant)
                row.export_enrollment = enrollment
                rows.append(row)
        return rows

    def _owned(self, participant):
        return self.owned_ids is None or participant.pk in self.owned_ids

    def dehydrate_email(self, participant):
        return participant.email if self._owned(participant) else mask_email(participant.email)

    def dehydrate_phone(self, participant):
        return participant.phone if self._owned(participant) else mask_phone(participant.phone)

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

    def before_import(self, dataset, **kwargs):
        user = self.user
        programs = scope_programs(Program.objects.all(), user) if user else Program.objects.all()
        self.programs = {program.slug: program for program in programs.only("pk", "slug", "host_id")}
        self.owned_ids = (
            None
            if user is None or is_registry_editor(user)
            else set(Participant.objects.filter(participant_scope_q(user)).values_list("pk", flat=True))
        )

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
        program, role, completion, enrollment_errors = self._enrollment_from_row(row)
        errors.update(enrollment_errors)
        instance.import_enrollment = (program, role, completion)
        if not instance.country and instance.home_city is not None:
            # As Participant.save() would, so that re-importing a file without countries changes nothing.
            instance.country = instance.home_city.country
        if instance.pk is None and instance.registered_by_id is None and self.user is not None:
            own = sorted(institute_ids(self.user))
            if program is not None and program.host_id in own:
                instance.registered_by_id = program.host_id
            elif own:
                instance.registered_by_id = own[0]
        if self.user is not None and not is_registry_editor(self.user) and not institute_ids(self.user):
            errors["email"] = [_("Your account belongs to no institute, so it cannot import participants.")]
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if not super().skip_row(instance, original, row, import_validation_errors):
            return False
        program, role, completion = getattr(instance, "import_enrollment", (None, "", ""))
        if program is None:
            return True
        enrollment = Enrollment.objects.filter(participant=original, program=program).first() if original.pk else None
        return (
            enrollment is not None
            and (not role or enrollment.role == role)
            and (not completion or enrollment.completion == completion)
        )

    def after_init_instance(self, instance, new, row, **kwargs):
        instance.new_in_import = new
        created_here = self.created_in_this_import.get(instance.email) is instance
        if not new and not created_here and not self._owned(instance):
            raise ValidationError(
                {"email": _("This email belongs to a participant of another institute; ask a registry editor.")}
            )

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        program, role, completion = getattr(instance, "import_enrollment", (None, "", ""))
        if program is not None:
            participant_enroll(
                participant=instance, program=program, role=role, completion=completion,
                new_participant=instance.new_in_import,
            )
