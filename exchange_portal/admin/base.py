"""Building blocks the registry's admin classes share: safe history, institute scoping, protected
reference records, and import/export that follows the same rules.

The rules themselves (who owns what) live on the models' QuerySets, ``for_user`` and ``owned_by``
(``exchange_portal/permissions.py``).
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.db.models import F
from django.db.models.constants import LOOKUP_SEP
from django.http import Http404
from django.shortcuts import redirect
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ImportForm
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .. import upload_checks
from ..import_previews import ImportPreviewExpired
from ..imports import TruncatedPreview


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history with the object checks the plain version leaves out.

    A record outside the user's queryset is a 404 in the change, delete and history views (Django's
    admin would redirect to the index instead), and restoring an earlier version needs the change
    permission on the current record, not only the view permission.
    """

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(_("No such record, or not one you may open."))
        return obj

    def history_view(self, request, object_id, extra_context=None):
        current = self.get_queryset(request).filter(pk=unquote(object_id)).first()
        if current is None and self.model._default_manager.filter(pk=unquote(object_id)).exists():
            raise Http404(_("No such record, or not one you may open."))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        current = self.get_object(request, object_id)
        if not self.has_view_permission(request, current):
            raise PermissionDenied
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class RegistryAdmin(HistoryAdmin, TranslationAdmin):
    """History and per-language fields on every registry record."""

    # A web address typed without a scheme is read as https (Django 6's default, set here explicitly).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


def limit_related_choices(db_field, request, kwargs, actions=None):
    """Foreign-key choices a user may pick: where the related model has a scope rule (``for_user``),
    only the records it grants for ``actions.get(field name, "change")``."""
    queryset = kwargs.get("queryset")
    if queryset is None:
        queryset = db_field.remote_field.model._default_manager.all()
    if hasattr(queryset, "for_user"):
        kwargs["queryset"] = queryset.for_user(request.user, (actions or {}).get(db_field.name, "change"))
    return kwargs


def reaches_masked_field(model, path, user):
    """True when the lookup, search or ordering ``path`` (``enrollments__participant__email__regex``)
    reads a personal field that ``user`` sees masked on some records (``PersonalDataQuerySet``)."""
    for part in path.split(LOOKUP_SEP):
        queryset = model._default_manager.all()
        if part in getattr(queryset, "personal_fields", ()):
            return queryset.masks_personal_data_for(user)
        try:
            field = model._meta.get_field(model._meta.pk.name if part == "pk" else part)
        except FieldDoesNotExist:
            return False  # a lookup such as "regex", or an annotation
        if not field.is_relation or field.related_model is None:
            return False
        model = field.related_model
    return False


def _ordering_paths(item):
    """The field paths an ordering entry sorts by: ``"-email"``, ``F("email").desc()``, ``Lower("email")``."""
    if isinstance(item, str):
        yield item.lstrip("-")
    elif isinstance(item, F):
        yield item.name
    elif hasattr(item, "get_source_expressions"):
        for source in item.get_source_expressions():
            yield from _ordering_paths(source)


class ScopedChangeList(ChangeList):
    """A changelist (and so an export) never sorted by a field the user sees masked, whether asked for
    with ``?o=`` or set as the default ordering: the order of masked rows would tell their values."""

    def get_ordering(self, request, queryset):
        return [
            item
            for item in super().get_ordering(request, queryset)
            if not any(reaches_masked_field(self.model, path, request.user) for path in _ordering_paths(item))
        ]


class ScopedAdminMixin:
    """For a model whose QuerySet has the scope rule ``for_user(user, action)``: the changelist and
    object pages show only what the rule grants for "view", editing and deleting need "change" and
    "delete", and foreign-key choices follow the related model's rule. Lookups, search and ordering
    that reach a personal field the user sees masked (on this model or across relations) are refused."""

    related_actions = {}  # foreign key name → the action its choices need (default "change")

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user, "view")

    def user_may(self, request, obj, action):
        return self.model._default_manager.for_user(request.user, action).filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (obj is None or self.user_may(request, obj, "view"))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or self.user_may(request, obj, "change"))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or self.user_may(request, obj, "delete"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = limit_related_choices(db_field, request, kwargs, self.related_actions)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # Masked fields are never filterable, searchable or sortable by someone who sees them masked: a
    # filter such as ?email__regex=^a, one character at a time, would read them back. The changelist,
    # autocomplete and the export (built from the changelist) all go through these.

    def lookup_allowed(self, lookup, value, request=None):
        user = getattr(request, "user", None)
        return not reaches_masked_field(self.model, lookup, user) and super().lookup_allowed(lookup, value, request)

    def get_search_fields(self, request):
        return [
            name
            for name in super().get_search_fields(request)
            if not reaches_masked_field(self.model, name.lstrip("^=@"), request.user)
        ]

    def get_list_filter(self, request):
        # A filter on a field lists its values in the sidebar.
        return [
            item
            for item in super().get_list_filter(request)
            if not (
                isinstance(item, (str, tuple))
                and reaches_masked_field(self.model, item if isinstance(item, str) else item[0], request.user)
            )
        ]

    def get_changelist(self, request, **kwargs):
        return ScopedChangeList


class ScopedInlineMixin:
    """Inlines: rows and foreign-key choices follow the scope rule of their models."""

    related_actions = {}

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user, "view")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = limit_related_choices(db_field, request, kwargs, self.related_actions)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ProtectedWhileUsedMixin:
    """Refuse to delete a theme, network or city that programs still use (their links are
    many-to-many, so the database alone would silently drop them).

    The programs are listed as protected objects, which makes Django's delete view and the bulk
    "delete selected" action refuse with the usual "would require deleting protected objects" page.
    """

    used_by = ()  # related names on the model that point at programs

    def programs_using(self, obj):
        programs = [getattr(obj, related_name).all() for related_name in self.used_by]
        return programs[0].union(*programs[1:]) if len(programs) > 1 else programs[0]

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = list(protected)
        for obj in objs:
            for program in self.programs_using(obj)[:50]:
                protected.append(format_html("{}: {} ({})", obj._meta.verbose_name.capitalize(), obj, program))
        return deleted, model_count, perms_needed, protected

    def delete_model(self, request, obj):
        if self.programs_using(obj).exists():
            raise PermissionDenied
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        if any(self.programs_using(obj).exists() for obj in queryset):
            raise PermissionDenied
        super().delete_queryset(request, queryset)


class ReadOnlyAdminMixin:
    """Records nobody adds, edits or deletes in the admin, only views (who has the view permission):
    a log of what was done, kept as it was written."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


PREVIEW_EXPIRED = _("This import preview has expired; upload the file again.")


class CheckedImportForm(ImportForm):
    """The import form, refusing a file that is too large, empty, binary, in the wrong encoding or
    without its key columns (``exchange_portal/upload_checks.py``) before django-import-export parses it.

    A CSV file is handed on re-encoded as UTF-8, so that a UTF-16 file reads as any other.
    """

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.import_formats = formats
        self.resource_classes = resources

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("import_file")
        file_format = cleaned_data.get("format")
        if upload is None or file_format in (None, ""):
            return cleaned_data
        title = self.import_formats[int(file_format)]().get_title()
        resource_class = self.resource_classes[int(cleaned_data.get("resource") or 0)]
        try:
            upload_checks.check_size(upload.size)
            data = upload.read()
            upload_checks.checked_dataset(data, title, resource_class, row_limit=upload_checks.max_rows())
        except upload_checks.RejectedFile as error:
            self.add_error("import_file", str(error))
            return cleaned_data
        if title == "csv":
            data = upload_checks.decode_text(data).encode("utf-8")
        cleaned_data["import_file"] = SimpleUploadedFile(upload.name, data, content_type=upload.content_type)
        return cleaned_data


class ScopedImportExportMixin(ImportExportMixin):
    """Import and export through the resources, acting as the request's user.

    Import needs the add and change permissions on the model; export the view permission. The
    exported rows are the changelist's rows (same scope, filters and search). Uploaded files are
    checked as a whole first (``CheckedImportForm``).
    """

    formats = [base_formats.CSV, base_formats.XLSX]
    import_form_class = CheckedImportForm

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {"user": request.user}

    def import_action(self, request, **kwargs):
        # The preview lists at most IMPORT_PREVIEW_ROWS rows (and as many problems), saying how many it left out.
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if context.get("result") is not None:
            context["result"] = TruncatedPreview(context["result"], request)
        return response

    def process_import(self, request, **kwargs):
        # The preview's file is gone (older than IMPORT_PREVIEW_SECONDS, or erased with a person it named).
        try:
            return super().process_import(request, **kwargs)
        except ImportPreviewExpired:
            messages.error(request, PREVIEW_EXPIRED)
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")

    def has_import_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}") and request.user.has_perm(
            f"{opts.app_label}.change_{opts.model_name}"
        )

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_valid_export_item_pks(self, request):
        # The export action may name only rows of the user's own changelist.
        return self.get_queryset(request).values_list("pk", flat=True)
