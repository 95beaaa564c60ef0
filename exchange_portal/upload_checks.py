"""Checks an import file passes before any row is read: size, format, encoding, shape and columns.

The admin's import form and the ``import_participants`` command both call these, so a file that is
too large, empty, binary, in the wrong encoding or without its key columns is refused with one clear
message, and nothing is parsed further or written. ``IMPORT_MAX_UPLOAD_BYTES`` (default 20 MB) caps
the size, checked before the content is read; ``IMPORT_MAX_UNCOMPRESSED_BYTES`` (default 100 MB) caps what
an .xlsx workbook expands to, and ``IMPORT_MAX_ROWS`` (default 10,000) the rows of a file uploaded in the
admin, both checked before a cell is parsed (an 18 KB workbook can hold 50,000 rows).
"""

import codecs
import csv
import io
import re
import zipfile
from pathlib import Path

import tablib
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import FieldDoesNotExist
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from modeltranslation.settings import DEFAULT_LANGUAGE
from openpyxl.utils.exceptions import InvalidFileException

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
DEFAULT_MAX_ROWS = 10_000
# A worksheet's row element, with or without a namespace prefix (<row r="2">, <x:row>, <row/>).
ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
FORMATS = ("csv", "xlsx")


class RejectedFile(ValueError):
    """A file refused as a whole; the message is meant for the person who chose it."""


def max_upload_bytes():
    return getattr(settings, "IMPORT_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def max_rows():
    return getattr(settings, "IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


def max_uncompressed_bytes():
    return getattr(settings, "IMPORT_MAX_UNCOMPRESSED_BYTES", DEFAULT_MAX_UNCOMPRESSED_BYTES)


def too_many_rows(limit):
    return RejectedFile(
        _("The file has more than %(limit)s rows; an import takes at most %(limit)s. Split it into smaller files.")
        % {"limit": intcomma(limit)}
    )


def _count_rows(member):
    """The row elements of a worksheet's XML, read in chunks; a match in a chunk's last 64 bytes is left
    for the next round, so a tag split between two chunks is counted once."""
    count, tail = 0, b""
    while chunk := member.read(1024 * 1024):
        data = tail + chunk
        cut = max(len(data) - 64, 0)
        count += sum(1 for match in ROW_TAG.finditer(data) if match.start() < cut)
        tail = data[cut:]
    return count + sum(1 for match in ROW_TAG.finditer(tail))


def check_workbook(data, row_limit):
    """Refuses a workbook that expands beyond ``IMPORT_MAX_UNCOMPRESSED_BYTES`` (the sizes its zip directory
    declares, which also bound what is decompressed) or whose sheets have more than ``row_limit`` rows
    besides the header, before openpyxl parses a cell."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise RejectedFile(_("The file is not an Excel workbook (.xlsx), or it is damaged.")) from None
    expanded, limit = sum(member.file_size for member in members), max_uncompressed_bytes()
    if limit and expanded > limit:
        raise RejectedFile(
            _(
                "The workbook expands to %(size)s; an import takes at most %(limit)s uncompressed. Split it "
                "into smaller files."
            )
            % {"size": filesizeformat(expanded), "limit": filesizeformat(limit)}
        )
    if not row_limit:
        return
    for member in members:
        if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
            try:
                with archive.open(member) as stream:
                    rows = _count_rows(stream)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError):
                raise RejectedFile(_("The file is not an Excel workbook (.xlsx), or it is damaged.")) from None
            if rows - 1 > row_limit:
                raise too_many_rows(row_limit)


def check_size(size):
    if size == 0:
        raise RejectedFile(_("The file is empty."))
    limit = max_upload_bytes()
    if size > limit:
        raise RejectedFile(
            _("The file is %(size)s; an import takes at most %(limit)s. Split it into smaller files.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


def decode_text(data):
    """UTF-8 (with or without a byte-order mark), or UTF-16 with one, as Excel's "Unicode text" saves."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise RejectedFile(_("The file starts like UTF-16 text but is not valid UTF-16.")) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise RejectedFile(
            _(
                "The file is not UTF-8 text: line %(line)s has bytes that are not UTF-8 (it may have been "
                "saved as EUC-KR/CP949, Big5 or Latin-1). Save it as “CSV UTF-8” and upload it again."
            )
            % {"line": line}
        ) from None


def _csv_dataset(data, row_limit=None):
    if data.startswith(b"PK\x03\x04"):
        raise RejectedFile(_("This is an Excel workbook, not a CSV file: choose the xlsx format."))
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise RejectedFile(_("The file contains binary data, so it is not a CSV text file. Save it as “CSV UTF-8”."))
    text = decode_text(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    header, rows = None, []
    try:
        for row in reader:
            if not row:
                continue
            if header is None:
                header = row
            elif len(row) > len(header):
                raise RejectedFile(
                    _("Line %(line)s has %(cells)s cells but the header names only %(width)s columns.")
                    % {"line": reader.line_num, "cells": len(row), "width": len(header)}
                )
            else:
                rows.append(row + [""] * (len(header) - len(row)))
                if row_limit and len(rows) > row_limit:
                    raise too_many_rows(row_limit)
    except csv.Error as error:
        raise RejectedFile(_("The file cannot be read as CSV: %(error)s.") % {"error": error}) from None
    if header is None:
        raise RejectedFile(_("The file is empty."))
    return tablib.Dataset(*rows, headers=header)


def _xlsx_dataset(data):
    try:
        dataset = tablib.Dataset().load(io.BytesIO(data), format="xlsx")
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise RejectedFile(_("The file is not an Excel workbook (.xlsx), or it is damaged.")) from None
    except tablib.InvalidDimensions:
        raise RejectedFile(_("A row of the workbook has more cells than the header has columns.")) from None
    if not dataset.headers:
        raise RejectedFile(_("The file is empty."))
    return dataset


def dataset_from_bytes(data, file_format, row_limit=None):
    """A tablib Dataset from a file's bytes, or RejectedFile saying what is wrong with it. A workbook's
    expanded size, and with ``row_limit`` its rows, are checked before it is parsed."""
    if not data:
        raise RejectedFile(_("The file is empty."))
    if file_format == "xlsx":
        check_workbook(data, row_limit)
        dataset = _xlsx_dataset(data)
    else:
        dataset = _csv_dataset(data, row_limit)
    if row_limit and len(dataset) > row_limit:
        raise too_many_rows(row_limit)
    dataset.headers = [str(name or "").strip() for name in dataset.headers]
    if not len(dataset):
        raise RejectedFile(_("The file has a header line but no rows."))
    return dataset


def required_columns(resource_class):
    """The natural key and every field the model cannot leave empty, as column names."""
    resource = resource_class()
    model = resource._meta.model
    key_fields = set(resource.get_import_id_fields())
    columns = []
    for name, field in resource.fields.items():
        if name in key_fields:
            columns.append(field.column_name)
            continue
        try:
            model_field = model._meta.get_field(field.attribute or "")
        except FieldDoesNotExist:
            continue
        original = getattr(model_field, "translated_field", None)
        if original is not None:
            if model_field.language != DEFAULT_LANGUAGE:
                continue
            model_field = original
        if not (model_field.blank or model_field.has_default() or model_field.many_to_many):
            columns.append(field.column_name)
    return columns


def check_columns(dataset, resource_class):
    missing = [column for column in required_columns(resource_class) if column not in dataset.headers]
    if missing:
        raise RejectedFile(
            _("The file lacks the required columns %(missing)s (its columns are: %(found)s).")
            % {"missing": ", ".join(missing), "found": ", ".join(name for name in dataset.headers if name) or "—"}
        )


def checked_dataset(data, file_format, resource_class, row_limit=None):
    """Everything above for a file already in memory (an upload no larger than the limit); the admin
    passes ``max_rows()`` as ``row_limit``, ``import_participants`` (run by an operator) none."""
    check_size(len(data))
    dataset = dataset_from_bytes(data, file_format, row_limit)
    check_columns(dataset, resource_class)
    return dataset


def read_import_file(path, resource_class):
    """A checked Dataset from a .csv or .xlsx file on disk; its size is checked before it is read."""
    path = Path(path)
    file_format = path.suffix.lower().lstrip(".")
    if file_format not in FORMATS:
        raise RejectedFile(_("Give a .csv or .xlsx file."))
    check_size(path.stat().st_size)
    return checked_dataset(path.read_bytes(), file_format, resource_class)
