"""What every import and export resource shares (django-import-export): rows matched by natural key
(slug or email) so that importing a file twice changes nothing, ``full_clean`` on every row, nothing
written when any row is invalid, the acting user kept for scoping, formula-safe cells, and progress
reports for long files.
"""

from copy import copy

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.contrib.messages import warning as warn
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import resources, widgets
from import_export.instance_loaders import ModelInstanceLoader

from .spreadsheets import neutralise, unneutralise
from .upload_checks import read_import_file


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
    :class:`exchange_portal.upload_checks.RejectedFile` before any row is read.
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


class TruncatedPreview:
    """An import result as the admin's preview shows it: at most ``IMPORT_PREVIEW_ROWS`` rows of each list
    (valid rows, invalid rows, row errors), with a message saying how many rows the file has and how many
    are listed. The import itself still checks and writes every row."""

    def __init__(self, result, request, limit=None):
        self._result = result
        self.limit = settings.IMPORT_PREVIEW_ROWS if limit is None else limit
        shown = max(len(result.valid_rows()), len(result.invalid_rows), len(result.row_errors()))
        if shown > self.limit:
            warn(
                request,
                gettext("The file has %(total)s rows; the preview lists the first %(limit)s of each kind.")
                % {"total": intcomma(result.total_rows), "limit": intcomma(self.limit)},
            )

    def __getattr__(self, name):
        return getattr(self._result, name)

    def valid_rows(self):
        return self._result.valid_rows()[: self.limit]

    def row_errors(self):
        return self._result.row_errors()[: self.limit]

    @property
    def invalid_rows(self):
        return self._result.invalid_rows[: self.limit]

    def has_errors(self):
        return self._result.has_errors()

    def has_validation_errors(self):
        return self._result.has_validation_errors()
