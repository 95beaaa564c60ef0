"""Admin for institutes, themes, programs and their data-quality flags.

Programs, their enrollments and flags are scoped to the user's institutes (``exchange_portal/permissions.py``);
institutes and themes are reference data that staff read; holders of ``propose_theme`` propose new
themes and changes (``exchange_portal/admin/proposals.py``).
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from exchange_portal.admin.base import (
    HistoryAdmin,
    ProtectedWhileUsedMixin,
    RegistryAdmin,
    ScopedAdminMixin,
    ScopedImportExportMixin,
)
from exchange_portal.admin.proposals import ProposableMixin
from exchange_portal.permissions import is_registry_editor

from ..models import DataQualityFlag, Institute, Program, TargetCountry, Theme
from ..resources import ProgramResource
from ..services.flags import flag_reopen, flag_resolve


@admin.register(Institute)
class InstituteAdmin(RegistryAdmin):
    list_display = ["name", "short_name", "city", "kind"]
    list_filter = ["kind"]
    list_select_related = ["city"]
    search_fields = ["name", "short_name", "slug"]
    autocomplete_fields = ["city"]
    filter_horizontal = ["staff"]
    prepopulated_fields = {"slug": ["name"]}

    def get_exclude(self, request, obj=None):
        # Who works where is the editors' business; other staff do not see the accounts.
        return None if is_registry_editor(request.user) else ["staff"]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("model_name") == "program" and request.GET.get("field_name") == "host":
            # The host autocomplete offers only the institutes the user may host programs for.
            queryset = queryset.for_user(request.user, "change")
        return queryset, may_have_duplicates


@admin.register(Theme)
class ThemeAdmin(ProtectedWhileUsedMixin, ProposableMixin, RegistryAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    used_by = ["programs"]


class TargetCountryInline(admin.TabularInline):
    model = TargetCountry
    extra = 0


class DataQualityFlagInline(admin.TabularInline):
    """Read-only here: flags are resolved on their own page, which records who resolved them and why."""

    model = DataQualityFlag
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    fields = ["code", "field", "message", "source_value", "status", "resolution"]
    readonly_fields = fields


def _rows_per_program(rows):
    """How many of ``rows`` (a queryset with a ``program`` foreign key) belong to each program, as a
    correlated subquery: PostgreSQL works it out for the page's rows only, by index, where joining
    and grouping would count the enrollments of every program before the first row (about 4 s at
    1.6 million enrollments)."""
    counted = rows.filter(program=OuterRef("pk")).order_by().values("program").annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted), 0)


class HeadcountAgreementFilter(admin.SimpleListFilter):
    title = _("headcount vs enrolled")
    parameter_name = "enrolled"

    def lookups(self, request, model_admin):
        return [
            ("differs", _("enrolled differs from headcount")),
            ("none", _("no enrolled participants")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "differs":
            return queryset.filter(enrolled_count__gt=0).exclude(headcount__isnull=False, enrolled_count=F("headcount"))
        if self.value() == "none":
            return queryset.filter(enrolled_count=0)
        return queryset


class OpenFlagFilter(admin.SimpleListFilter):
    title = _("data quality")
    parameter_name = "flag"

    def lookups(self, request, model_admin):
        return [("open", _("has open flags")), *DataQualityFlag.Code.choices]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(quality_flags__status=DataQualityFlag.Status.OPEN).distinct()
        if self.value():
            return queryset.filter(quality_flags__code=self.value()).distinct()
        return queryset


class HostFilter(admin.RelatedFieldListFilter):
    """The host filter lists only the institutes whose programs the user can see."""

    def field_choices(self, field, request, model_admin):
        institutes = Institute.objects.for_user(request.user, "change")
        return [(institute.pk, str(institute)) for institute in institutes]


@admin.register(Program)
class ProgramAdmin(ScopedImportExportMixin, ScopedAdminMixin, RegistryAdmin):
    list_display = [
        "title",
        "year",
        "host",
        "mode",
        "format",
        "headcount",
        "enrolled",
        "open_flags",
        "status",
    ]
    list_filter = [
        "status",
        "year",
        "themes",
        ("host", HostFilter),
        "mode",
        "format",
        OpenFlagFilter,
        HeadcountAgreementFilter,
    ]
    list_select_related = ["host"]
    search_fields = ["title", "source_title", "slug", "target_cities__name", "enrollments__participant__name"]
    autocomplete_fields = ["host", "target_cities", "networks", "agreement", "duplicate_of"]
    actions = ["mark_confirmed"]
    filter_horizontal = ["themes"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    inlines = [TargetCountryInline, DataQualityFlagInline]
    # Apps above programs add inlines of their own records here (participants: the enrollments).
    extra_inlines = []
    readonly_fields = ["enrolled_beside_headcount"]
    resource_classes = [ProgramResource]
    fieldsets = [
        (None, {"fields": ["title", "slug", "year", "host", "themes", "mode", "format"]}),
        (_("Status"), {"fields": ["status", "duplicate_of"]}),
        (_("Dates"), {"fields": ["start_date", "end_date", "date_precision", "source_period"]}),
        (_("Participants"), {"fields": ["headcount", "enrolled_beside_headcount", "headcount_note"]}),
        (_("Reach"), {"fields": ["target_cities", "networks", "agreement"]}),
        (_("Description"), {"fields": ["description"]}),
        (
            _("Provenance"),
            {
                "fields": ["source_document", "source_locator", "source_group", "source_title", "source_text"],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_inlines(self, request, obj):
        return [*super().get_inlines(request, obj), *self.extra_inlines]

    @admin.action(description=_("Mark selected programs as confirmed (held)"), permissions=["change"])
    def mark_confirmed(self, request, queryset):
        """Confirm each program one by one (validated and saved, so each change is in its history)."""
        count = 0
        for program in queryset.exclude(status=Program.Status.CONFIRMED):
            if self.has_change_permission(request, program):
                program.status, program.duplicate_of = Program.Status.CONFIRMED, None
                program._change_reason = "Marked confirmed"
                program.full_clean()
                program.save()
                count += 1
        self.message_user(
            request,
            ngettext("%(count)d program marked confirmed.", "%(count)d programs marked confirmed.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                # Enrollments by the reverse relation: participants sit above programs.
                enrolled_count=_rows_per_program(Program.enrollments.field.model.objects.all()),
                open_flag_count=_rows_per_program(DataQualityFlag.objects.open()),
            )
        )

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        institutes = list(Institute.objects.for_user(request.user, "change")[:2])
        if len(institutes) == 1 and not is_registry_editor(request.user):
            initial.setdefault("host", institutes[0].pk)
        return initial

    @admin.display(description=_("enrolled"), ordering="enrolled_count")
    def enrolled(self, program):
        return program.enrolled_count

    @admin.display(description=_("open flags"), ordering="open_flag_count")
    def open_flags(self, program):
        return program.open_flag_count

    @admin.display(description=_("enrolled in the registry"))
    def enrolled_beside_headcount(self, program):
        if program.pk is None:
            return "—"
        enrolled = program.enrollments.count()
        if program.headcount is None:
            return _("%(enrolled)d enrolled; the source reported no headcount") % {"enrolled": enrolled}
        return _("%(enrolled)d enrolled of %(headcount)d reported") % {
            "enrolled": enrolled,
            "headcount": program.headcount,
        }


class ResolveFlagsForm(forms.Form):
    resolution = forms.CharField(
        label=_("Resolution"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was checked or corrected; recorded on every selected flag."),
    )


@admin.register(DataQualityFlag)
class DataQualityFlagAdmin(ScopedAdminMixin, HistoryAdmin):
    list_display = ["program", "code", "field", "status", "resolved_by", "resolved_at"]
    list_filter = ["status", "code", "program__year"]
    list_select_related = ["program", "resolved_by"]
    search_fields = ["program__title", "message", "source_value"]
    autocomplete_fields = ["program"]
    readonly_fields = ["resolved_by", "resolved_at"]
    actions = ["mark_resolved"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not is_registry_editor(request.user):
            # Staff review and resolve flags; what was flagged stays as the import raised it.
            readonly += ["program", "code", "field", "message", "source_value"]
        return readonly

    def save_model(self, request, obj, form, change):
        was_resolved = change and form.initial.get("status") == DataQualityFlag.Status.RESOLVED
        if obj.status == DataQualityFlag.Status.RESOLVED and not was_resolved:
            flag_resolve(flag=obj, user=request.user, resolution=obj.resolution)
        elif obj.status == DataQualityFlag.Status.OPEN and was_resolved:
            flag_reopen(flag=obj)
        else:
            super().save_model(request, obj, form, change)

    @admin.action(description=_("Mark selected flags as resolved"), permissions=["change"])
    def mark_resolved(self, request, queryset):
        queryset = queryset.filter(status=DataQualityFlag.Status.OPEN).select_related("program")
        form = ResolveFlagsForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            count = 0
            for flag in queryset:
                if self.has_change_permission(request, flag):
                    flag_resolve(flag=flag, user=request.user, resolution=form.cleaned_data["resolution"])
                    count += 1
            self.message_user(
                request,
                ngettext("%(count)d flag resolved.", "%(count)d flags resolved.", count) % {"count": count},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Resolve data-quality flags"),
            "opts": self.opts,
            "flags": queryset,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/programs/dataqualityflag/resolve.html", context)
