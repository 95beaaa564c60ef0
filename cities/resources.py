"""Bulk import and export of cities, matched by slug (django-import-export)."""

from import_export import fields

from exchange_portal.imports import RegistryResource, SlugsWidget

from .models import City, Network


class CityResource(RegistryResource):
    slug = fields.Field(attribute="slug", column_name="slug")
    networks = fields.Field(attribute="networks", column_name="networks", widget=SlugsWidget(Network))

    class Meta(RegistryResource.Meta):
        model = City
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name_en",
            "name_ko",
            "name_zh_hant",
            "kind",
            "country",
            "local_name",
            "latitude",
            "longitude",
            "geonames_id",
            "networks",
        ]
        export_order = fields

    def get_queryset(self):
        return City.objects.prefetch_related("networks")
