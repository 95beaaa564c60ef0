"""Admin for places, networks and agreements."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Agreement, City, Network


class RegistryAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """History and per-language fields on every registry record."""


@admin.register(Network)
class NetworkAdmin(RegistryAdmin):
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(City)
class CityAdmin(RegistryAdmin):
    list_display = ["name", "local_name", "country", "kind", "latitude", "longitude"]
    list_filter = ["kind", "country", "networks"]
    search_fields = ["name", "local_name", "slug"]
    filter_horizontal = ["networks"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Agreement)
class AgreementAdmin(RegistryAdmin):
    list_display = ["title", "kind", "signed_on", "signed_on_precision"]
    list_filter = ["kind"]
    search_fields = ["title", "summary", "signatories", "party_cities__name"]
    autocomplete_fields = ["party_cities", "party_institutes"]
    date_hierarchy = "signed_on"
    prepopulated_fields = {"slug": ["title"]}
