"""Where the admin's two-step import keeps an uploaded file between the preview and the confirmation.

django-import-export writes the file to a temporary storage at the preview and reads it back when staff
confirm. Its own storages keep it in the temp folder of one app server (forever, if nobody confirms) or
24 hours in the cache. ``ImportPreviewStorage`` keeps it in the database instead (``ImportPreview``): every
app server of every deployment reads the same one, it expires after ``IMPORT_PREVIEW_SECONDS`` (default
an hour), expired previews are swept on every new upload and by the daily purge, and the
``import-previews`` holder (``exchange_portal/holders.py``) finds and deletes the previews that name a
person when they are erased.
"""

import datetime
import io
import zipfile
from uuid import uuid4

import openpyxl
from django.conf import settings
from django.utils import timezone
from import_export.tmp_storages import BaseStorage

from .models import ImportPreview


class ImportPreviewExpired(Exception):
    """The preview is gone: expired, swept, confirmed already, or its file was erased with a person."""


def expiry_cutoff():
    return timezone.now() - datetime.timedelta(seconds=settings.IMPORT_PREVIEW_SECONDS)


def import_previews_sweep():
    """Delete every expired preview; returns how many."""
    deleted, _ = ImportPreview.objects.filter(created_at__lt=expiry_cutoff()).delete()
    return deleted


class ImportPreviewStorage(BaseStorage):
    """``IMPORT_EXPORT_TMP_STORAGE_CLASS``: the preview's bytes in an ``ImportPreview`` row."""

    def save(self, data):
        import_previews_sweep()
        if isinstance(data, str):
            data = data.encode(self.encoding or "utf-8")
        if not self.name:
            self.name = uuid4().hex
        ImportPreview.objects.update_or_create(name=self.name, defaults={"data": bytes(data)})

    def read(self):
        preview = ImportPreview.objects.filter(name=self.name or "", created_at__gte=expiry_cutoff()).first()
        if preview is None:
            raise ImportPreviewExpired(self.name)
        data = bytes(preview.data)
        if "b" in self.read_mode:
            return data
        return data.decode(self.encoding or "utf-8")

    def remove(self):
        ImportPreview.objects.filter(name=self.name or "").delete()


def preview_text(data):
    """A preview's content as text to search: a CSV file decoded, an .xlsx file's cells (read-only)."""
    data = bytes(data)
    if zipfile.is_zipfile(io.BytesIO(data)):
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            cells = [
                str(value)
                for sheet in workbook.worksheets
                for row in sheet.iter_rows(values_only=True)
                for value in row
                if value is not None
            ]
        finally:
            workbook.close()
        return "\n".join(cells)
    return data.decode("utf-8", errors="replace")
