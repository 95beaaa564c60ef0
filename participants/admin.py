"""Admin for participants and enrollments."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Enrollment, Participant


class EnrollmentInline(admin.TabularInline):
    model = Enrollment
    extra = 0
    autocomplete_fields = ["program"]


@admin.register(Participant)
class ParticipantAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "home_city", "country"]
    list_filter = ["country"]
    list_select_related = ["home_city"]
    search_fields = ["name", "organisation", "email"]
    autocomplete_fields = ["home_city"]
    inlines = [EnrollmentInline]


@admin.register(Enrollment)
class EnrollmentAdmin(SimpleHistoryAdmin):
    list_display = ["participant", "program", "role", "completion"]
    list_filter = ["role", "completion", "program__year"]
    list_select_related = ["participant", "program"]
    search_fields = ["participant__name", "program__title"]
    autocomplete_fields = ["participant", "program"]
