"""Bulk import and export of programs (django-import-export), matched by slug; staff import and
export only their own institutes' programs."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields

from cities.models import City, Network
from exchange_portal.imports import RegistryResource, SlugsWidget, SlugWidget

from .models import Institute, Program, Theme


class ProgramResource(RegistryResource):
    slug = fields.Field(attribute="slug", column_name="slug")
    host = fields.Field(attribute="host", column_name="host", widget=SlugWidget(Institute))
    themes = fields.Field(attribute="themes", column_name="themes", widget=SlugsWidget(Theme))
    target_cities = fields.Field(attribute="target_cities", column_name="target_cities", widget=SlugsWidget(City))
    networks = fields.Field(attribute="networks", column_name="networks", widget=SlugsWidget(Network))
    # Not called "format": the admin's export form has a field of that name (the file format).
    program_format = fields.Field(attribute="format", column_name="format")

    class Meta(RegistryResource.Meta):
        model = Program
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "title_en",
            "title_ko",
            "title_zh_hant",
            "year",
            "host",
            "themes",
            "mode",
            "program_format",
            "start_date",
            "end_date",
            "date_precision",
            "headcount",
            "headcount_note",
            "target_cities",
            "networks",
            "description_en",
        ]
        export_order = fields

    def get_queryset(self):
        return Program.objects.select_related("host").prefetch_related("themes", "target_cities", "networks")

    def filter_export(self, queryset, **kwargs):
        return queryset.for_user(self.user) if self.user else queryset

    def may_host(self, institute_id):
        """Whether the importing user may write programs hosted by that institute (the scope rule)."""
        if self.user is None:
            return True
        if not hasattr(self, "_hostable"):
            self._hostable = set(Institute.objects.for_user(self.user, "change").values_list("pk", flat=True))
        return institute_id in self._hostable

    def after_init_instance(self, instance, new, row, **kwargs):
        if not new and not self.may_host(instance.host_id):
            raise ValidationError({"slug": _("This program belongs to another institute; you cannot change it.")})

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "host" not in errors and not self.may_host(instance.host_id):
            errors["host"] = [_("You can only import programs hosted by your own institute.")]
        for name in ("themes", "target_cities", "networks"):
            # Checked now so that an unknown slug is reported in the dry run with the row's other errors.
            if name in row and name not in errors:
                try:
                    self.fields[name].clean(row)
                except ValueError as error:
                    errors[name] = [str(error)]
        if errors:
            raise ValidationError(errors)
