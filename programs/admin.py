"""Admin for institutes, themes, programs and their data-quality flags."""

from django.contrib import admin
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.admin import RegistryAdmin
from participants.models import Enrollment

from .models import DataQualityFlag, Institute, Program, TargetCountry, Theme


@admin.register(Institute)
class InstituteAdmin(RegistryAdmin):
    list_display = ["name", "short_name", "city", "kind"]
    list_filter = ["kind"]
    list_select_related = ["city"]
    search_fields = ["name", "short_name", "slug"]
    autocomplete_fields = ["city"]
    filter_horizontal = ["staff"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme)
class ThemeAdmin(RegistryAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class TargetCountryInline(admin.TabularInline):
    model = TargetCountry
    extra = 0


class EnrollmentInline(admin.TabularInline):
    model = Enrollment
    extra = 0
    autocomplete_fields = ["participant"]
    verbose_name_plural = _("enrolled participants")


class DataQualityFlagInline(admin.TabularInline):
    model = DataQualityFlag
    extra = 0
    fields = ["code", "field", "message", "source_value", "status", "resolution"]
    readonly_fields = ["code", "field", "message", "source_value"]


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
            return queryset.filter(enrolled_count__gt=0).exclude(
                headcount__isnull=False, enrolled_count=F("headcount")
            )
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


@admin.register(Program)
class ProgramAdmin(RegistryAdmin):
    list_display = [
        "title", "year", "host", "mode", "format", "headcount", "enrolled", "open_flags",
    ]
    list_filter = [
        "year", "themes", "host", "mode", "format", OpenFlagFilter, HeadcountAgreementFilter,
    ]
    list_select_related = ["host"]
    search_fields = ["title", "source_title", "slug", "target_cities__name", "enrollments__participant__name"]
    autocomplete_fields = ["host", "target_cities", "networks", "agreement"]
    filter_horizontal = ["themes"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    inlines = [TargetCountryInline, EnrollmentInline, DataQualityFlagInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "year", "host", "themes", "mode", "format"]}),
        (_("Dates"), {"fields": ["start_date", "end_date", "date_precision", "source_period"]}),
        (_("Participants"), {"fields": ["headcount", "headcount_note"]}),
        (_("Reach"), {"fields": ["target_cities", "networks", "agreement"]}),
        (_("Description"), {"fields": ["description"]}),
        (_("Provenance"), {
            "fields": ["source_document", "source_locator", "source_group", "source_title",
                       "source_text"],
            "classes": ["collapse"],
        }),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                enrolled_count=Count("enrollments", distinct=True),
                open_flag_count=Count(
                    "quality_flags",
                    filter=Q(quality_flags__status=DataQualityFlag.Status.OPEN),
                    distinct=True,
                ),
            )
        )

    @admin.display(description=_("enrolled"), ordering="enrolled_count")
    def enrolled(self, program):
        return program.enrolled_count

    @admin.display(description=_("open flags"), ordering="open_flag_count")
    def open_flags(self, program):
        return program.open_flag_count


@admin.register(DataQualityFlag)
class DataQualityFlagAdmin(admin.ModelAdmin):
    list_display = ["program", "code", "field", "status", "resolved_by", "resolved_at"]
    list_filter = ["status", "code", "program__year"]
    list_select_related = ["program", "resolved_by"]
    search_fields = ["program__title", "message", "source_value"]
    autocomplete_fields = ["program"]
    readonly_fields = ["resolved_by", "resolved_at"]
    actions = ["mark_resolved"]

    def save_model(self, request, obj, form, change):
        if obj.status == DataQualityFlag.Status.RESOLVED and not obj.resolved_at:
            obj.resolved_by = request.user
            obj.resolved_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Mark selected flags as resolved"))
    def mark_resolved(self, request, queryset):
        count = queryset.filter(status=DataQualityFlag.Status.OPEN).update(
            status=DataQualityFlag.Status.RESOLVED, resolved_by=request.user,
            resolved_at=timezone.now(),
        )
        self.message_user(request, _("%(count)d flags resolved.") % {"count": count})
