"""Exports of the filtered program list and of the statistics as CSV, JSON and Excel (.xlsx).

The columns are the table in ``programs/columns.py`` (names, order, types, .xlsx widths); their names
are stable (English, snake_case) whatever the page language; values that people read (titles, theme
names) follow the language of the URL. Only program-level facts are exported: no
participant's personal data is ever read here. Text cells that a spreadsheet would run as a formula
are prefixed with an apostrophe (``exchange_portal/spreadsheets.py``).

Bounded work: the program list is read in chunks of ``CHUNK_SIZE`` programs (one query per table and
chunk, no model instance per program), so a worker's memory stays flat at any size. A selection of up
to ``STREAM_AFTER_ROWS`` programs is answered in one piece (the page cache keeps it); a larger one is
streamed as it is written (CSV, JSON) or written by openpyxl's write-only mode into a temporary file
(.xlsx), and kept on disk for the registry's generation (``EXPORT_CACHE_DIR``), so that later requests
are served from the file. More than ``EXPORT_MAX_ROWS`` programs (``EXPORT_XLSX_MAX_ROWS`` for the
.xlsx) are refused with a message naming the limit. ``bench/exports.py`` measures it at 50,000.

The .xlsx is for people: a frozen header with an autofilter, column widths, real date cells, readable
labels for mode, format and status, a totals row (programs, and the headcount of those that report
one: an unknown headcount stays empty, never 0) and a second sheet naming the filters, the source
and the export time. File names name the selection (``transportation-programs-2014-2019.xlsx``).
"""

import csv
import datetime
import hashlib
import io
import json
import logging
import os
import shutil
import tempfile
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname, resolution_order
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from cities.models import Agreement, City, Network
from exchange_portal import pagecache
from exchange_portal.spreadsheets import neutralise

from .columns import LIST_SEPARATOR, PROGRAM_COLUMNS, PROGRAM_TABLE, STATS_COLUMNS
from .models import Institute, Program, TargetCountry, Theme

CHUNK_SIZE = 2000
# Selections of up to this many programs are answered in one piece (the page cache keeps them);
# larger ones are streamed and kept on disk per registry generation.
STREAM_AFTER_ROWS = 2000

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

BOLD = Font(bold=True)

logger = logging.getLogger(__name__)


class ExportTooLarge(Exception):
    def __init__(self, count, limit, setting):
        super().__init__(count, limit, setting)
        self.count = count
        self.limit = limit
        self.setting = setting


# Reading: one query per table and chunk of programs.


def _chunks(values, size):
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _grouped(pairs, order=None):
    """``{program_id: [value, …]}`` from (program_id, key) pairs, each list in ``order`` of its keys
    (a dict of positions; None: the keys' own order)."""
    grouped = {}
    for program_id, key in pairs:
        grouped.setdefault(program_id, []).append(key)
    for keys in grouped.values():
        if len(keys) > 1:
            keys.sort(key=order.__getitem__ if order else str)
    return grouped


def _of_programs(queryset, ids):
    """``queryset`` (a link table) restricted to the programs ``ids``. The ids are integers read from
    the database, written into the SQL as such: Django's preparation of 2,000 parameters per query and
    table costs more than the rest of the query."""
    return queryset.extra(where=[f"program_id IN ({','.join(str(int(pk)) for pk in ids)})"])


PROGRAM_FIELDS = [
    "pk",
    "slug",
    "year",
    "start_date",
    "end_date",
    "date_precision",
    "source_period",
    "host_id",
    "format",
    "mode",
    "agreement_id",
    "headcount",
    "headcount_note",
    "source_document",
    "source_locator",
    "status",
    "duplicate_of__slug",
]


def program_records(programs, build_url, limit_setting="EXPORT_MAX_ROWS"):
    """The number of programs in ``programs`` and one dict per program (in its order), keyed by
    PROGRAM_COLUMNS in their order (the JSON export writes the dicts as they are); lists stay lists.
    ``build_url(slug)`` gives a program's page address. More programs than the setting named
    ``limit_setting`` allows raise ExportTooLarge."""
    ids = list(dict.fromkeys(programs.values_list("pk", flat=True)))
    limit = getattr(settings, limit_setting)
    if limit and len(ids) > limit:
        raise ExportTooLarge(len(ids), limit, limit_setting)
    return len(ids), _records(ids, build_url)


def _names(queryset, name=str):
    """``{pk: name}`` in the queryset's order, each name read once (translated names resolve their
    language per read)."""
    return {item.pk: name(item) for item in queryset}


def _records(ids, build_url):
    # Titles in the page's language, else the fallback languages' (modeltranslation's rule), read
    # as plain columns: the fallback per value costs more than the rest of a row.
    title_fields = [build_localized_fieldname("title", language) for language in resolution_order(get_language())]
    hosts = {host.pk: (str(host), host.slug) for host in Institute.objects.all()}
    themes = {theme.pk: (theme.name, theme.slug) for theme in Theme.objects.all()}
    theme_order = {pk: position for position, pk in enumerate(themes)}
    networks = _names(Network.objects.all())
    network_order = {pk: position for position, pk in enumerate(networks)}
    agreements = _names(Agreement.objects.all(), lambda agreement: agreement.title)
    cities = dict(City.objects.values_list("pk", "name"))
    city_order = {pk: position for position, pk in enumerate(cities)}
    for chunk in _chunks(ids, CHUNK_SIZE):
        rows = {
            row["pk"]: row
            for row in Program.objects.rewrite(False)
            .filter(pk__in=chunk)
            .order_by()
            .values(*PROGRAM_FIELDS, *title_fields)
        }
        theme_links = _grouped(
            _of_programs(Program.themes.through.objects, chunk).values_list("program_id", "theme_id"),
            theme_order,
        )
        network_links = _grouped(
            _of_programs(Program.networks.through.objects, chunk).values_list("program_id", "network_id"),
            network_order,
        )
        city_pairs = list(
            _of_programs(Program.target_cities.through.objects, chunk).values_list("program_id", "city_id")
        )
        city_links = _grouped(city_pairs, city_order)
        country_links = _grouped(_of_programs(TargetCountry.objects, chunk).values_list("program_id", "country"))
        for pk in chunk:
            row = rows.get(pk)
            if row is None:  # deleted while the export ran
                continue
            host_name, host_slug = hosts[row["host_id"]]
            program_themes = [themes[theme_id] for theme_id in theme_links.get(pk, ())]
            yield {
                "slug": row["slug"],
                "title": next((row[field] for field in title_fields if row[field]), ""),
                "year": row["year"],
                "start_date": row["start_date"],
                "end_date": row["end_date"],
                "date_precision": row["date_precision"] or None,
                "period_in_source": row["source_period"],
                "host": host_name,
                "host_slug": host_slug,
                "format": row["format"],
                "mode": row["mode"],
                "themes": [name for name, _slug in program_themes],
                "theme_slugs": [slug for _name, slug in program_themes],
                "target_cities": [cities[city_id] for city_id in city_links.get(pk, ())],
                "target_countries": [str(code) for code in country_links.get(pk, ())],
                "networks": [networks[network_id] for network_id in network_links.get(pk, ())],
                "agreement": agreements.get(row["agreement_id"]),
                "status": row["status"],
                "duplicate_of": row["duplicate_of__slug"],
                "headcount": row["headcount"],
                "headcount_note": row["headcount_note"],
                "url": build_url(row["slug"]),
                "source_document": row["source_document"],
                "source_locator": row["source_locator"],
            }


# Writing.


def _flat(value):
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else value


def _table(rows, columns):
    yield columns
    for row in rows:
        yield [_cell(row[column]) for column in columns]


def _cell(value):
    """A value as a CSV cell: lists joined, dates in ISO 8601, None empty, formulas neutralised."""
    if value is None:
        return ""
    if value.__class__ is str:
        return neutralise(value)
    if value.__class__ is int:
        return value
    return neutralise(_flat(value))


def _csv_lines(tables):
    """The CSV text in pieces of about 500 rows: UTF-8 with a byte-order mark, so that Excel reads the
    Korean and Chinese text correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for _name, rows, columns in tables:
        for number, row in enumerate(_table(rows, columns)):
            writer.writerow(row)
            if number % 500 == 499:
                yield buffer.getvalue().encode("utf-8")
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def csv_bytes(tables):
    return b"".join(_csv_lines(tables))


def _json_default(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(repr(value))


def _json_lines(head, count, records):
    """``{…head, "count": count, "programs": [records…]}``, one program a line, as it is written (in
    pieces of 500 programs: one write to the socket per piece, not per program)."""
    opening = json.dumps({**head, "count": count}, ensure_ascii=False)[:-1]
    yield f'{opening}, "programs": [\n'.encode()
    lines, separator = [], ""
    for record in records:
        lines.append(json.dumps(record, ensure_ascii=False, default=_json_default))
        if len(lines) == 500:
            yield (separator + ",\n".join(lines)).encode()
            lines, separator = [], ",\n"
    rest = separator + ",\n".join(lines) if lines else ""
    yield (rest + "\n]}\n").encode()


def json_bytes(document):
    return json.dumps(document, ensure_ascii=False, indent=2, default=_json_default).encode("utf-8")


def _xlsx_value(column, value, labels):
    if value is None:
        return None
    if column.choices:
        return labels[column.name].get(value, value) if value else None
    if column.lists:
        return neutralise(LIST_SEPARATOR.join(value)) if value else None
    if column.type in ("integer", "date"):
        return value
    return neutralise(value) if value != "" else None


def _bold_row(sheet, values):
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=neutralise(value))
        cell.font = BOLD
        cells.append(cell)
    return cells


def _data_sheet(workbook, title, columns, widths):
    """A write-only sheet with column ``widths`` (in characters) and a frozen, bold header row."""
    sheet = workbook.create_sheet(title=title[:31])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(_bold_row(sheet, columns))
    return sheet


def _about_sheet(workbook, about):
    """The second sheet: what was selected, from where, when."""
    sheet = workbook.create_sheet(title=_("About this file")[:31])
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 80
    sheet.append(_bold_row(sheet, [_("Item"), _("Value")]))
    for label, value in about:
        sheet.append(
            [neutralise(str(label)), value if isinstance(value, int | datetime.datetime) else neutralise(value)]
        )


def _save(workbook):
    """The workbook in a temporary file (deleted when the response closes it), rewound."""
    file = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(file)
    file.seek(0)
    return file


def programs_xlsx(count, records, about):
    workbook = Workbook(write_only=True)
    sheet = _data_sheet(workbook, _("Programs"), PROGRAM_COLUMNS, [column.width for column in PROGRAM_TABLE])
    labels = {
        column.name: {code: str(label) for code, label in column.choices.choices}
        for column in PROGRAM_TABLE
        if column.choices
    }
    reported = people = 0
    for record in records:
        if record["headcount"] is not None:
            reported += 1
            people += record["headcount"]
        sheet.append([_xlsx_value(column, record[column.name], labels) for column in PROGRAM_TABLE])
    last = get_column_letter(len(PROGRAM_TABLE))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    totals = dict.fromkeys(PROGRAM_COLUMNS, "")
    totals["slug"] = _("Total")
    totals["title"] = ngettext("%(count)d program", "%(count)d programs", count) % {"count": count}
    totals["headcount"] = people if reported else None  # nothing reported: empty, not 0
    totals["headcount_note"] = _("headcount reported for %(reported)d of %(count)d programs") % {
        "reported": reported,
        "count": count,
    }
    sheet.append(_bold_row(sheet, [totals[name] for name in PROGRAM_COLUMNS]))
    _about_sheet(workbook, [*about, (_("Programs"), count)])
    return _save(workbook)


def xlsx_bytes(tables, about=()):
    workbook = Workbook(write_only=True)
    for name, rows, columns in tables:
        sheet = _data_sheet(workbook, name, columns, [max(12, len(column) + 2) for column in columns])
        count = 0
        for row in rows:
            sheet.append([neutralise(row[column]) for column in columns])
            count += 1
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    _about_sheet(workbook, about)
    return _save(workbook).read()


# The selection: file names and the description of the filters.


def selection_name(filterset, what):
    """A file name (without extension) naming the selection, e.g. ``transportation-programs-2014-2019``."""
    active = filterset.active if filterset is not None and filterset.is_bound else {}
    before = [theme.slug for theme in active.get("theme", ())]
    before += [active[name] for name in ("mode", "format") if name in active]
    after = []
    for name in ("host", "network", "city"):
        if name in active:
            after.append(active[name].slug)
    if "country" in active:
        after.append(str(active["country"]).lower())
    if "status" in active:
        after.append(active["status"])
    if "q" in active:
        after.append(slugify(active["q"])[:30])
    if "year" in active:
        after.append(str(int(active["year"])))
    elif "year_min" in active and "year_max" in active:
        after.append(f"{int(active['year_min'])}-{int(active['year_max'])}")
    elif "year_min" in active:
        after.append(f"from-{int(active['year_min'])}")
    elif "year_max" in active:
        after.append(f"to-{int(active['year_max'])}")
    name = "-".join(part for part in [*before, what, *after] if part)
    return slugify(name)[:120].strip("-") or what


def about_rows(filterset, source_url):
    """The filters applied, the source and the export time, as (label, value) pairs for people."""
    rows = []
    chips = filterset.chips if filterset is not None and filterset.is_bound and filterset.is_valid() else []
    for chip in chips:
        rows.append((chip["label"], chip["value"]))
    if filterset is not None and filterset.is_bound and not filterset.is_valid():
        for invalid in filterset.invalid_filters:
            rows.append((invalid["label"], _("%(value)s (invalid: nothing selected)") % {"value": invalid["value"]}))
    if not rows:
        rows.append((_("Filters"), _("none: every program the registry counts by default")))
    rows += [
        (_("Source"), _("International Training Registry")),
        (_("Address"), source_url or ""),
        (_("Exported at (UTC)"), timezone.now().astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)),
        (_("Licence"), "CC BY 4.0"),
    ]
    return rows


def _attachment(response, filename, file_format):
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


def download(content, file_format, filename):
    return _attachment(HttpResponse(content, content_type=CONTENT_TYPES[file_format]), filename, file_format)


def too_large(error):
    message = _(
        "This selection holds %(count)s programs; this download holds at most %(limit)s (the %(setting)s "
        "setting). Narrow the selection, for example by year, or download it as CSV or JSON."
    ) % {
        "count": number_format(error.count, force_grouping=True),
        "limit": number_format(error.limit, force_grouping=True),
        "setting": error.setting,
    }
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def programs_response(programs, file_format, *, build_url, filters, filterset=None, source_url=""):
    """The download of ``programs``. A small selection is answered whole (and so kept by the page
    cache); a larger one is streamed and written, as it goes, to a file kept for the registry's
    generation, which later requests are served from (``kept_export``)."""
    filename = selection_name(filterset, "programs")
    try:
        limit = "EXPORT_XLSX_MAX_ROWS" if file_format == "xlsx" else "EXPORT_MAX_ROWS"
        count, records = program_records(programs, build_url, limit)
    except ExportTooLarge as error:
        return too_large(error)
    if count <= STREAM_AFTER_ROWS:
        if file_format == "xlsx":
            content = programs_xlsx(count, records, about_rows(filterset, source_url)).read()
        elif file_format == "csv":
            content = b"".join(_csv_lines([("programs", records, PROGRAM_COLUMNS)]))
        else:
            content = b"".join(_json_lines({"columns": PROGRAM_COLUMNS, "filters": filters}, count, records))
        return download(content, file_format, filename)
    kept = kept_export(filterset, file_format, build_url("slug"))
    try:
        response = FileResponse(kept.open("rb"), content_type=CONTENT_TYPES[file_format])
    except OSError:  # not built yet, removed with its generation, or the folder is unreadable
        pass
    else:
        return _attachment(response, filename, file_format)
    if file_format == "xlsx":
        file = programs_xlsx(count, records, about_rows(filterset, source_url))
        _keep(file, kept)
        return _attachment(FileResponse(file, content_type=CONTENT_TYPES["xlsx"]), filename, "xlsx")
    if file_format == "csv":
        content = _csv_lines([("programs", records, PROGRAM_COLUMNS)])
    else:
        content = _json_lines({"columns": PROGRAM_COLUMNS, "filters": filters}, count, records)
    response = StreamingHttpResponse(_kept_while_streamed(content, kept), content_type=CONTENT_TYPES[file_format])
    return _attachment(response, filename, file_format)


# Large downloads, kept per registry generation in EXPORT_CACHE_DIR (one folder per app server): the
# first request builds the file while it is sent, later ones get it from disk without touching a row.


def kept_export(filterset, file_format, address):
    """Where the download of this selection is kept: named by the registry's generation and a digest
    of the parameters the filters read (unknown ones make no new file), the language and the host."""
    data = filterset.data if filterset is not None and filterset.is_bound else {}
    known = filterset.filters if filterset is not None else {}
    selection = sorted((name, sorted(data.getlist(name))) for name in data if name in known)
    digest = hashlib.sha256(repr((selection, get_language(), address)).encode()).hexdigest()[:40]
    return Path(settings.EXPORT_CACHE_DIR) / f"{pagecache.generation()}-{digest}.{file_format}"


def _keep(file, kept):
    """Copies ``file`` (rewound afterwards) to ``kept``, atomically; a folder that cannot be written
    only costs the copy (logged)."""
    partial = None
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        descriptor, partial = tempfile.mkstemp(dir=kept.parent, prefix=".partial-")
        with os.fdopen(descriptor, "wb") as copy:
            shutil.copyfileobj(file, copy)
        os.replace(partial, kept)
        _prune(kept)
    except OSError as error:
        logger.warning("Export not kept in %s: %s", kept.parent, error)
        if partial and os.path.exists(partial):
            os.unlink(partial)
    file.seek(0)


def _kept_while_streamed(chunks, kept):
    """Yields ``chunks`` and writes them to ``kept``; a download cut short keeps nothing, and a folder
    that cannot be written (read-only, full) only costs the copy (logged), never the download."""
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        descriptor, partial = tempfile.mkstemp(dir=kept.parent, prefix=".partial-")
    except OSError as error:
        logger.warning("Export not kept in %s: %s", kept.parent, error)
        yield from chunks
        return
    file = os.fdopen(descriptor, "wb")
    try:
        for chunk in chunks:
            if file is not None:
                try:
                    file.write(chunk)
                except OSError as error:
                    logger.warning("Export not kept in %s: %s", kept.parent, error)
                    file.close()
                    file = None
            yield chunk
        if file is not None:
            file.close()
            file = None
            os.replace(partial, kept)
            _prune(kept)
    except OSError as error:
        logger.warning("Export not kept in %s: %s", kept.parent, error)
    finally:
        if file is not None:
            file.close()
        if os.path.exists(partial):
            os.unlink(partial)


def _prune(kept):
    """Removes the kept files of older generations, and the oldest beyond EXPORT_CACHE_FILES."""
    generation = kept.name.split("-", 1)[0]
    current = []
    for path in kept.parent.iterdir():
        if path.name.startswith(".partial-"):
            continue
        if path.name.split("-", 1)[0] != generation:
            path.unlink(missing_ok=True)
        else:
            current.append(path)
    current.sort(key=lambda path: path.stat().st_mtime, reverse=True)
    for path in current[settings.EXPORT_CACHE_FILES :]:
        path.unlink(missing_ok=True)


def stats_rows(stats):
    """The statistics as rows of STATS_COLUMNS: one table name per figure, blank where not relevant.

    ``status`` says which records a row counts: the rows by_year one status each (confirmed, announced,
    possible_duplicate), the others the selection's (``all`` when every status was asked for); the rows
    not_counted give the records of other statuses that the selection leaves out. A headcount is blank
    where no program reported one, never 0."""
    empty = dict.fromkeys(STATS_COLUMNS)

    def row(table, **values):
        return {**empty, "table": table, "status": stats.status, **values}

    for year in stats.years:
        for figures in year.statuses:
            yield row(
                "by_year", status=figures.status, year=year.year, programs=figures.programs, headcount=figures.headcount
            )
    for group in stats.set_aside:
        yield row("not_counted", status=group.status, programs=group.programs, headcount=group.headcount)
    for theme_row in stats.theme_matrix.rows:
        for year, count in zip(stats.theme_matrix.years, theme_row.counts, strict=True):
            if count:
                yield row("theme_by_year", theme=theme_row.slug, year=year, programs=count)
    for country in stats.countries:
        yield row("by_country", country=country.code, programs=country.programs, headcount=country.headcount)
    for city in stats.cities:
        yield row("by_city", city=city.slug, programs=city.programs, headcount=city.headcount)
    for mode in stats.modes:
        yield row("by_mode", mode=mode.code, programs=mode.programs, headcount=mode.headcount)


STATS_SHEETS = {
    "by_year": ["year", "status", "programs", "headcount"],
    "theme_by_year": ["theme", "year", "programs"],
    "by_country": ["country", "programs", "headcount"],
    "by_city": ["city", "programs", "headcount"],
    "by_mode": ["mode", "programs", "headcount"],
    "not_counted": ["status", "programs", "headcount"],
}


def stats_response(stats, file_format, *, filters, filterset=None, source_url=""):
    filename = selection_name(filterset, "statistics")
    rows = list(stats_rows(stats))
    if file_format == "csv":
        return download(csv_bytes([("statistics", rows, STATS_COLUMNS)]), "csv", filename)
    tables = {
        name: [{c: r[c] for c in columns} for r in rows if r["table"] == name] for name, columns in STATS_SHEETS.items()
    }
    if file_format == "xlsx":
        sheets = [(name, tables[name], columns) for name, columns in STATS_SHEETS.items()]
        return download(xlsx_bytes(sheets, about_rows(filterset, source_url)), "xlsx", filename)
    return download(json_bytes({"filters": filters, **tables}), "json", filename)
