"""Admin for participants and enrollments: personal data, scoped to the user's institutes.

A participant's personal data belongs to the institute that registered them (``registered_by``, set
when staff create the record): only its staff and registry editors see email and phone and may change
the record or open its history. Staff of an institute hosting a program the person is enrolled in, and
holders of the ``view_other_institutes_participants`` permission, see the record with email and phone
masked; enrolling someone never makes them yours. Enrollments belong to the program's host institute.
Only people the user may change can be enrolled (the enrollment inlines and page, and the participant
autocomplete they use); saving goes through ``participants/services/enrollment.py``.
Everything here asks ``Participant.objects.for_user`` / ``owned_by`` (``participants/models.py``).

Each participant shows the legal basis they are held on, the notice they were shown and their
retention date, with filters on each. Two actions act on the selected people the user owns: "Erase"
(after a confirmation page; ``participants/services/privacy.py``) and "Export a copy (JSON)". Deleting a
participant erases them first, so that no earlier version of the record survives the row.
"""

import datetime
import json
import logging

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from exchange_portal.admin.base import (
    HistoryAdmin,
    ReadOnlyAdminMixin,
    ScopedAdminMixin,
    ScopedImportExportMixin,
    ScopedInlineMixin,
)
from exchange_portal.permissions import institute_ids, is_registry_editor, mask_email, mask_phone
from programs.admin.programs import ProgramAdmin

from .erasure_log import ErasureLogUnwritable
from .models import ConsentNotice, Enrollment, Erasure, Participant
from .resources import ParticipantResource
from .services.enrollment import NOT_YOURS_TO_ENROLL, enrollment_save, may_enroll
from .services.privacy import (
    ERASED_FIELDS,
    participant_erase,
    participant_export,
    participant_export_json,
)

PERSONAL_FIELDS = {"email": "masked_email", "phone": "masked_phone"}

logger = logging.getLogger(__name__)


class EnrollmentForm(forms.ModelForm):
    """An enrollment form that enrolls only people the user may change (``services/enrollment.py``).

    The participant choices are the people the user may see, so that an enrollment of another
    institute's person in the user's program still shows and saves (its role and completion may
    change); choosing someone, or moving the enrollment to another person or program, needs a person
    the user may change. The message names no one."""

    user = None  # the request's user, set on the class the admin builds for each request

    def clean(self):
        cleaned_data = super().clean()
        participant = cleaned_data.get("participant") if "participant" in self.fields else None
        participant_id = participant.pk if participant is not None else self.instance.participant_id
        # Moving an enrollment to another program moves the person's retention date as enrolling does.
        chosen = self.instance.pk is None or bool({"participant", "program"} & set(self.changed_data))
        # A form without its user (not built by the admin below) enrolls no one: ``None`` is the system.
        if participant_id is not None and chosen and (self.user is None or not may_enroll(self.user, participant_id)):
            self.add_error("participant" if "participant" in self.fields else None, NOT_YOURS_TO_ENROLL)
        return cleaned_data


class EnrollmentFormSet(BaseInlineFormSet):
    """Inline enrollments saved through ``enrollment_save``, as the request's user."""

    user = None

    def _save(self, enrollment, commit):
        if self.user is None:
            raise PermissionDenied  # not built by EnrollmentInlineMixin.get_formset: never the system
        return enrollment_save(enrollment=enrollment, user=self.user) if commit else enrollment

    def save_new(self, form, commit=True):
        return self._save(super().save_new(form, commit=False), commit)

    def save_existing(self, form, obj, commit=True):
        return self._save(form.save(commit=False), commit)


class EnrollmentInlineMixin(ScopedInlineMixin):
    model = Enrollment
    form = EnrollmentForm
    formset = EnrollmentFormSet
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)  # a new class for each request
        formset.user = formset.form.user = request.user
        return formset


class ParticipantEnrollmentInline(EnrollmentInlineMixin, admin.TabularInline):
    """A participant's enrollments: only those in programs the user may see."""

    autocomplete_fields = ["program"]


class ProgramEnrollmentInline(EnrollmentInlineMixin, admin.TabularInline):
    """A program's enrolled participants, on the program's page. Shows everyone enrolled whom the user
    may see; adds only people the user may change (``EnrollmentForm``, and the autocomplete:
    ``ParticipantAdmin.get_search_results``)."""

    autocomplete_fields = ["participant"]
    related_actions = {"participant": "view"}
    verbose_name_plural = _("enrolled participants")


# Enrollments are this app's records; the program page shows them without programs importing us.
ProgramAdmin.extra_inlines.append(ProgramEnrollmentInline)


class RetentionFilter(admin.SimpleListFilter):
    title = _("retention")
    parameter_name = "retention"

    def lookups(self, request, model_admin):
        return [
            ("due", _("due for erasure")),
            ("soon", _("due within 90 days")),
            ("unset", _("no retention date")),
            ("erased", _("erased")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        live = queryset.filter(erased_at__isnull=True)
        if self.value() == "due":
            return live.filter(retain_until__lte=today)
        if self.value() == "soon":
            return live.filter(retain_until__gt=today, retain_until__lte=today + datetime.timedelta(days=90))
        if self.value() == "unset":
            return live.filter(retain_until__isnull=True)
        if self.value() == "erased":
            return queryset.filter(erased_at__isnull=False)
        return queryset


@admin.register(Participant)
class ParticipantAdmin(ScopedImportExportMixin, ScopedAdminMixin, HistoryAdmin):
    list_display = [
        "name",
        "organisation",
        "home_city",
        "country",
        "email_shown",
        "phone_shown",
        "legal_basis",
        "retain_until",
    ]
    list_filter = ["country", "legal_basis", "consent_notice", RetentionFilter]
    list_select_related = ["home_city"]
    # "visible_email" is the email where the user may read it and empty elsewhere (get_queryset), so a
    # search finds the user's own participants by email and nobody else's.
    search_fields = ["name", "organisation", "visible_email"]
    autocomplete_fields = ["home_city"]
    inlines = [ParticipantEnrollmentInline]
    resource_classes = [ParticipantResource]
    fields = [
        "name",
        "position",
        "organisation",
        "home_city",
        "country",
        "email",
        "phone",
        "registered_by",
        "legal_basis",
        "consent_notice",
        "consent_given_at",
        "consent_withdrawn_at",
        "retain_until",
        "erased_at",
    ]
    actions = ["erase_selected", "export_selected_json"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_personal_data_visible(request.user)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        match = request.resolver_match
        if match is not None and match.url_name == "autocomplete":
            # The admin autocomplete offers participants only for enrolling them (Enrollment.participant,
            # on its own page and inline on a program's): only people the user may change.
            queryset = queryset.for_user(request.user, "change")
        return queryset, may_have_duplicates

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
        readonly = [*super().get_readonly_fields(request, obj), "erased_at"]
        if obj is not None and obj.erased_at is not None:
            readonly += [name for name in ERASED_FIELDS if name not in readonly]
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
        notice = ConsentNotice.objects.current()
        if notice is not None:
            initial.setdefault("consent_notice", notice.pk)
        return initial

    # Erasure and a person's copy: only for the people whose data the user owns.

    ERASURE_LOG_FAILED = _(
        "The erasure log could not be written, so the participant it failed on was not erased (any erased "
        "before it stay erased). Ask the site's administrator to check the erasure log storage."
    )

    def _erasure_log_failed(self, request, error):
        """An erasure that could not be logged was rolled back: say so on the page, not as a server error."""
        logger.error("%s", error)
        self.message_user(request, self.ERASURE_LOG_FAILED, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except ErasureLogUnwritable as error:  # the erase and delete actions
            return self._erasure_log_failed(request, error)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ErasureLogUnwritable as error:
            return self._erasure_log_failed(request, error)

    def _refuse_others(self, request, queryset, action):
        owned = Participant.objects.for_user(request.user, action).filter(pk__in=queryset.values("pk"))
        if owned.count() != queryset.count():
            self.message_user(
                request,
                _("Only participants your institute registered can be erased or exported; nothing was done."),
                messages.ERROR,
            )
            return True
        return False

    @admin.action(description=_("Erase the selected participants (anonymise everywhere)"), permissions=["delete"])
    def erase_selected(self, request, queryset):
        if self._refuse_others(request, queryset, "delete"):
            return None
        if request.POST.get("post") == "yes":
            reports = [participant_erase(participant=person, user=request.user) for person in queryset]
            erased = sum(report.erased for report in reports)
            self.message_user(
                request,
                ngettext(
                    "Erased %(count)d participant: their personal data is gone from the registry and its history.",
                    "Erased %(count)d participants: their personal data is gone from the registry and its history.",
                    erased,
                )
                % {"count": erased},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Erase participants"),
            "opts": self.opts,
            "queryset": queryset.filter(erased_at__isnull=True),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/participants/participant/erase_confirmation.html", context)

    @admin.action(description=_("Export a copy (JSON)"), permissions=["view"])
    def export_selected_json(self, request, queryset):
        if self._refuse_others(request, queryset, "change"):
            return None
        people = list(queryset.order_by("pk"))
        if len(people) == 1:
            body, filename = (
                participant_export_json(participant=people[0], user=request.user),
                f"participant-{people[0].pk}.json",
            )
        else:
            copies = [participant_export(participant=person, user=request.user) for person in people]
            body, filename = (
                json.dumps(copies, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
                "participants.json",
            )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def delete_model(self, request, obj):
        # Deleting the row alone would leave every earlier version in the history tables.
        participant_erase(participant=obj, user=request.user)
        obj.refresh_from_db()  # the deletion's history row copies the instance: the anonymised one
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for participant in queryset:
            participant_erase(participant=participant, user=request.user)
        super().delete_queryset(request, queryset)


@admin.register(ConsentNotice)
class ConsentNoticeAdmin(TranslationAdmin):
    list_display = ["version", "title", "effective_from"]
    search_fields = ["version", "title"]

    def get_readonly_fields(self, request, obj=None):
        # The wording people were shown is evidence: once someone has been shown it, it stays as it was.
        if obj is not None and obj.participants.exists():
            return [field.name for field in self.opts.fields]
        return super().get_readonly_fields(request, obj)


@admin.register(Erasure)
class ErasureAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["participant_id", "erased_at", "erased_by", "reason"]
    list_filter = ["reason"]
    date_hierarchy = "erased_at"


@admin.register(Enrollment)
class EnrollmentAdmin(ScopedAdminMixin, HistoryAdmin):
    list_display = ["participant", "program", "role", "completion"]
    list_filter = ["role", "completion", "program__year"]
    list_select_related = ["participant", "program"]
    search_fields = ["participant__name", "program__title"]
    autocomplete_fields = ["participant", "program"]
    related_actions = {"participant": "view"}
    form = EnrollmentForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)  # a new class for each request
        form.user = request.user
        return form

    def save_model(self, request, obj, form, change):
        enrollment_save(enrollment=obj, user=request.user)
