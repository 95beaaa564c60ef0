"""Admin for places, networks and agreements: shared reference data.

Institute staff read it; holders of ``propose_city`` / ``propose_network`` propose new records and
changes for registry editors to review (``exchange_portal/admin/proposals.py``); registry editors change and
delete. A city or network still used by programs cannot be deleted.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from exchange_portal.admin.base import ProtectedWhileUsedMixin, RegistryAdmin, ScopedImportExportMixin
from exchange_portal.admin.proposals import ProposableMixin

from .models import Agreement, City, Network
from .resources import CityResource


@admin.register(Network)
class NetworkAdmin(ProtectedWhileUsedMixin, ProposableMixin, RegistryAdmin):
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    used_by = ["programs"]


@admin.register(City)
class CityAdmin(ScopedImportExportMixin, ProtectedWhileUsedMixin, ProposableMixin, RegistryAdmin):
    list_display = ["name", "local_name", "country", "kind", "latitude", "longitude"]
    list_filter = ["kind", "country", "networks"]
    search_fields = ["name", "local_name", "slug"]
    filter_horizontal = ["networks"]
    prepopulated_fields = {"slug": ["name"]}
    resource_classes = [CityResource]
    used_by = ["programs"]


class PartyInstituteInline(admin.TabularInline):
    """The institutes party to an agreement (the link is declared on Institute, in the programs app)."""

    model = Agreement.party_institutes.through
    extra = 0
    autocomplete_fields = ["institute"]
    verbose_name = _("party institute")
    verbose_name_plural = _("party institutes")


@admin.register(Agreement)
class AgreementAdmin(RegistryAdmin):
    list_display = ["title", "kind", "signed_on", "signed_on_precision"]
    list_filter = ["kind"]
    search_fields = ["title", "summary", "signatories", "party_cities__name"]
    autocomplete_fields = ["party_cities"]
    inlines = [PartyInstituteInline]
    date_hierarchy = "signed_on"
    prepopulated_fields = {"slug": ["title"]}
