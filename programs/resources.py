"""Bulk import and export of programs (django-import-export), and the rules every resource shares.

Rows are matched by natural key (the program's slug, the city's slug, the participant's email), so
importing the same file twice changes nothing. Every row is checked with ``full_clean``; a file with
any invalid row writes nothing. Exports follow the exporting user's institute scope, and text cells
that a spreadsheet would run as a formula are neutralised.
"""

from copy import copy

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.instance_loaders import ModelInstanceLoader

from cities.models import City, Network

from .models import Institute, Program, Theme
from .permissions import institute_ids, is_registry_editor, scope_programs
from .upload_checks import read_import_file

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix a cell a spreadsheet would read as a formula with ``'``; numbers such as -33.9 stay."""
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value


def unneutralise(value):
    """Undo :func:`neutralise` so that an exported file imports back unchanged."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


class SlugLookup:
    """Every record of the widget's model, by slug: one query for the whole file, then a dictionary
    look-up per row (django-import-export's cached widget builds a namedtuple class per row)."""

    _by_slug = None

    def by_slug(self):
        if self._by_slug is None:
            self._by_slug = {obj.slug: obj for obj in self.model.objects.all()}
        return self._by_slug


class SlugWidget(SlugLookup, widgets.ForeignKeyWidget):
    """A foreign key given by slug; an unknown slug is a clear error on its column."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        slug = str(value).strip() if value is not None else ""
        if not slug:
            return None
        try:
            return self.by_slug()[slug]
        except KeyError:
            raise ValueError(
                _("No %(model)s has the slug “%(slug)s”.") % {"model": self.model._meta.verbose_name, "slug": value}
            ) from None


class SlugsWidget(SlugLookup, widgets.ManyToManyWidget):
    """Several slugs separated by commas; unknown slugs are named in the error."""

    def __init__(self, model, **kwargs):
        super().__init__(model, separator=",", field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        slugs = [slug.strip() for slug in str(value or "").split(",") if slug.strip()]
        known = self.by_slug()
        missing = sorted(set(slugs) - set(known))
        if missing:
            raise ValueError(
                _("Unknown %(model)s: %(slugs)s.")
                % {"model": self.model._meta.verbose_name_plural, "slugs": ", ".join(missing)}
            )
        return list(dict.fromkeys(known[slug] for slug in slugs))


class NullableTextWidget(widgets.CharWidget):
    """Text where an empty cell means "not given" (NULL), as in modeltranslation's language fields."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs) or None


class ReusingInstanceLoader(ModelInstanceLoader):
    """Loads every instance the file names in a few queries (not one a row), and sees rows created
    earlier in the file. An empty key names no record: it would match any record whose key is blank."""

    chunk_size = 2000  # keys per query, well under SQLite's limit on query parameters

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.pk_field = resource.fields[resource.get_import_id_fields()[0]]
        self.all_instances = {}
        if dataset is None or self.pk_field.column_name not in (dataset.headers or []):
            return
        column = dataset.headers.index(self.pk_field.column_name)
        keys = sorted({self.key({self.pk_field.column_name: unneutralise(row[column])}) for row in dataset} - {None})
        lookup = f"{self.pk_field.attribute}__in"
        for start in range(0, len(keys), self.chunk_size):
            for instance in self.get_queryset().filter(**{lookup: keys[start : start + self.chunk_size]}):
                self.all_instances[self.pk_field.get_value(instance)] = instance
        resource.after_load_instances(self.all_instances)

    def key(self, row):
        key = self.pk_field.clean(row)
        return None if key is None or str(key).strip() == "" else key

    def get_instance(self, row):
        key = self.key(row)
        if key is None:
            return None
        return self.all_instances.get(key) or self.resource.created_in_this_import.get(key)


class RegistryResource(resources.ModelResource):
    """Shared behaviour: the acting user, progress reports, formula-safe exports, all-or-nothing."""

    def __init__(self, user=None, progress=None, progress_every=500, html_diffs=True, **kwargs):
        super().__init__(**kwargs)
        if not html_diffs:
            # Only the admin's preview shows a diff per row; building it costs a tenth of an import.
            self._meta = copy(self._meta)
            self._meta.skip_html_diff = True
        self.user = user
        self.progress = progress
        self.progress_every = progress_every
        self.created_in_this_import = {}

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True
        instance_loader_class = ReusingInstanceLoader

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        if django_field.null and django_field.get_internal_type() in ("CharField", "TextField"):
            # Translation fields are nullable: an empty cell is None there, so re-imports compare equal.
            field.widget = NullableTextWidget()
        return field

    def import_data(self, dataset, **kwargs):
        # A file with any invalid row writes nothing, in the admin and in management commands alike.
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    def after_load_instances(self, instances):
        """Called with the records the file names that exist already (by natural key), before the rows."""

    def before_import_row(self, row, **kwargs):
        for key, value in row.items():
            row[key] = unneutralise(value)

    def after_save_instance(self, instance, row, **kwargs):
        key = self.fields[self.get_import_id_fields()[0]].clean(row)
        self.created_in_this_import.setdefault(key, instance)

    def import_row(self, row, instance_loader, **kwargs):
        row_result = super().import_row(row, instance_loader, **kwargs)
        row_number = kwargs.get("row_number")
        if self.progress and row_number and row_number % self.progress_every == 0:
            self.progress(row_number)
        return row_result

    def export_field(self, field, instance, **kwargs):
        return neutralise(super().export_field(field, instance, **kwargs))


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
            "slug", "title_en", "title_ko", "title_zh_hant", "year", "host", "themes", "mode", "program_format",
            "start_date", "end_date", "date_precision", "headcount", "headcount_note", "target_cities",
            "networks", "description_en",
        ]
        export_order = fields

    def get_queryset(self):
        return Program.objects.select_related("host").prefetch_related("themes", "target_cities", "networks")

    def filter_export(self, queryset, **kwargs):
        return scope_programs(queryset, self.user) if self.user else queryset

    def after_init_instance(self, instance, new, row, **kwargs):
        if self.user and not new and not is_registry_editor(self.user) and instance.host_id not in institute_ids(
            self.user
        ):
            raise ValidationError({"slug": _("This program belongs to another institute; you cannot change it.")})

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if (
            self.user
            and "host" not in errors
            and not is_registry_editor(self.user)
            and instance.host_id not in institute_ids(self.user)
        ):
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


class ImportReport:
    """What an import did, or why it wrote nothing: one line per problem with its row and column."""

    def __init__(self, result):
        self.result = result
        self.total = result.total_rows
        self.totals = {kind: count for kind, count in result.totals.items()}
        self.errors = []
        for error in result.base_errors:
            self.errors.append(f"file: {error.error}")
        for number, errors in result.row_errors():
            for error in errors:
                self.errors.append(f"row {number} (line {number + 1}): {error.error}")
        for row in result.invalid_rows:
            for column, messages in row.error_dict.items():
                for message in messages:
                    self.errors.append(f"row {row.number} (line {row.number + 1}), column {column}: {message}")

    @property
    def written(self):
        return not self.errors


def run_import(resource_class, path, *, user=None, dry_run=False, progress=None, progress_every=500):
    """Import a file with a resource in one transaction; any invalid row rolls everything back.

    A file refused as a whole (too large, empty, binary, wrong encoding, missing columns) raises
    :class:`programs.upload_checks.RejectedFile` before any row is read.
    """
    dataset = read_import_file(path, resource_class)
    total = len(dataset)
    resource = resource_class(
        user=user,
        progress=(lambda done: progress(done, total)) if progress else None,
        progress_every=progress_every,
        html_diffs=False,
    )
    result = resource.import_data(dataset, dry_run=dry_run, raise_errors=False, user=user)
    if progress and total % progress_every:
        progress(total, total)
    return ImportReport(result)
