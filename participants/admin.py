"""Admin for participants and enrollments: personal data, scoped to the user's institutes.

A participant's personal data belongs to the institute that registered them (``registered_by``, set
when staff create the record): only its staff and registry editors see email and phone and may change
the record or open its history. Staff of an institute hosting a program the person is enrolled in, and
holders of the ``view_other_institutes_participants`` permission, see the record with email and phone
masked; enrolling someone never makes them yours. Enrollments belong to the program's host institute.
Everything here asks ``Participant.objects.for_user`` / ``owned_by`` (``participants/models.py``).
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from exchange_portal.admin.base import HistoryAdmin, ScopedAdminMixin, ScopedImportExportMixin, ScopedInlineMixin
from exchange_portal.permissions import institute_ids, is_registry_editor, mask_email, mask_phone
from programs.admin.programs import ProgramAdmin

from .models import Enrollment, Participant
from .resources import ParticipantResource

PERSONAL_FIELDS = {"email": "masked_email", "phone": "masked_phone"}


class ParticipantEnrollmentInline(ScopedInlineMixin, admin.TabularInline):
    """A participant's enrollments: only those in programs the user may see."""

    model = Enrollment
    extra = 0
    autocomplete_fields = ["program"]


class ProgramEnrollmentInline(ScopedInlineMixin, admin.TabularInline):
    """A program's enrolled participants, on the program's page."""

    model = Enrollment
    extra = 0
    autocomplete_fields = ["participant"]
    related_actions = {"participant": "view"}
    verbose_name_plural = _("enrolled participants")


# Enrollments are this app's records; the program page shows them without programs importing us.
ProgramAdmin.extra_inlines.append(ProgramEnrollmentInline)


@admin.register(Participant)
class ParticipantAdmin(ScopedImportExportMixin, ScopedAdminMixin, HistoryAdmin):
    list_display = ["name", "organisation", "home_city", "country", "email_shown", "phone_shown"]
    list_filter = ["country"]
    list_select_related = ["home_city"]
    # "visible_email" is the email where the user may read it and empty elsewhere (get_queryset), so a
    # search finds the user's own participants by email and nobody else's.
    search_fields = ["name", "organisation", "visible_email"]
    autocomplete_fields = ["home_city"]
    inlines = [ParticipantEnrollmentInline]
    resource_classes = [ParticipantResource]
    fields = ["name", "position", "organisation", "home_city", "country", "email", "phone", "registered_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_personal_data_visible(request.user)

    def shows_personal_data(self, request, obj):
        if obj is None or obj.pk is None:
            return True
        visible = getattr(obj, "personal_data_visible", None)
        if visible is None:
            return Participant.objects.owned_by(request.user).filter(pk=obj.pk).exists()
        return visible

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if not self.shows_personal_data(request, obj):
            fields = [PERSONAL_FIELDS.get(name, name) for name in fields]
        return fields

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.shows_personal_data(request, obj):
            readonly += list(PERSONAL_FIELDS.values())
        if obj is not None and not is_registry_editor(request.user):
            # Who registered a person is history; staff set it only when they create the record.
            readonly.append("registered_by")
        return readonly

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if not self.shows_personal_data(request, obj):
            # Earlier versions hold the unmasked email and phone.
            raise self._no_history()
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if not self.shows_personal_data(request, obj):
            raise self._no_history()
        return super().history_form_view(request, object_id, version_id, extra_context)

    @staticmethod
    def _no_history():
        return PermissionDenied(_("The history of another institute's participant is not shown."))

    @admin.display(description=_("email"))
    def email_shown(self, participant):
        return participant.email if participant.personal_data_visible else mask_email(participant.email)

    @admin.display(description=_("phone"))
    def phone_shown(self, participant):
        return participant.phone if participant.personal_data_visible else mask_phone(participant.phone)

    @admin.display(description=_("email"))
    def masked_email(self, participant):
        return mask_email(participant.email)

    @admin.display(description=_("phone"))
    def masked_phone(self, participant):
        return mask_phone(participant.phone)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # The choices are the institutes the user may change (ScopedAdminMixin); staff must name one,
        # or the person would be nobody's but the registry editors'.
        if db_field.name == "registered_by" and not is_registry_editor(request.user):
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        own = sorted(institute_ids(request.user))
        if own:
            initial.setdefault("registered_by", own[0])
        return initial


@admin.register(Enrollment)
class EnrollmentAdmin(ScopedAdminMixin, HistoryAdmin):
    list_display = ["participant", "program", "role", "completion"]
    list_filter = ["role", "completion", "program__year"]
    list_select_related = ["participant", "program"]
    search_fields = ["participant__name", "program__title"]
    autocomplete_fields = ["participant", "program"]
    related_actions = {"participant": "view"}
