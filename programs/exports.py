"""Exports of the filtered program list and of the statistics as CSV, JSON and Excel (.xlsx).

Column names are stable (English, snake_case) whatever the page language; values that people read
(titles, theme names) follow the language of the URL. Only program-level facts are exported: no
participant's personal data is ever read here. Text cells that a spreadsheet would run as a formula
are prefixed with an apostrophe (``exchange_portal/spreadsheets.py``).
"""

import csv
import io
import json

from django.http import HttpResponse
from openpyxl import Workbook

from exchange_portal.spreadsheets import neutralise

PROGRAM_COLUMNS = [
    "slug",
    "title",
    "year",
    "start_date",
    "end_date",
    "date_precision",
    "period_in_source",
    "host",
    "host_slug",
    "format",
    "mode",
    "themes",
    "theme_slugs",
    "target_cities",
    "target_countries",
    "networks",
    "agreement",
    "headcount",
    "headcount_note",
    "url",
    "source_document",
    "source_locator",
]

STATS_COLUMNS = ["table", "year", "theme", "country", "city", "mode", "programs", "headcount"]

LIST_SEPARATOR = "; "

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def program_rows(programs, build_url):
    """One dict per program, keyed by PROGRAM_COLUMNS (lists stay lists; flattened for tables)."""
    for program in programs:
        yield {
            "slug": program.slug,
            "title": program.title,
            "year": program.year,
            "start_date": program.start_date.isoformat() if program.start_date else None,
            "end_date": program.end_date.isoformat() if program.end_date else None,
            "date_precision": program.date_precision or None,
            "period_in_source": program.source_period,
            "host": str(program.host),
            "host_slug": program.host.slug,
            "format": program.format,
            "mode": program.mode,
            "themes": [theme.name for theme in program.themes.all()],
            "theme_slugs": [theme.slug for theme in program.themes.all()],
            "target_cities": [city.name for city in program.target_cities.all()],
            "target_countries": [link.country.code for link in program.target_country_links.all()],
            "networks": [str(network) for network in program.networks.all()],
            "agreement": program.agreement.title if program.agreement else None,
            "headcount": program.headcount,
            "headcount_note": program.headcount_note,
            "url": build_url(program),
            "source_document": program.source_document,
            "source_locator": program.source_locator,
        }


def _flat(value):
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return "" if value is None else value


def _table(rows, columns):
    yield columns
    for row in rows:
        yield [neutralise(_flat(row[column])) for column in columns]


def csv_bytes(tables):
    """UTF-8 with a byte-order mark, so that Excel reads the Korean and Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for _name, rows, columns in tables:
        writer.writerows(_table(rows, columns))
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(tables):
    workbook = Workbook(write_only=True)
    for name, rows, columns in tables:
        sheet = workbook.create_sheet(title=name[:31])
        for row in _table(rows, columns):
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def json_bytes(document):
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def download(content, file_format, filename):
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


def programs_response(programs, file_format, *, build_url, filters):
    rows = list(program_rows(programs, build_url))
    if file_format == "csv":
        return download(csv_bytes([("programs", rows, PROGRAM_COLUMNS)]), "csv", "programs")
    if file_format == "xlsx":
        return download(xlsx_bytes([("programs", rows, PROGRAM_COLUMNS)]), "xlsx", "programs")
    document = {"columns": PROGRAM_COLUMNS, "filters": filters, "count": len(rows), "programs": rows}
    return download(json_bytes(document), "json", "programs")


def stats_rows(stats):
    """The statistics as rows of STATS_COLUMNS: one table name per figure, blank where not relevant."""
    empty = dict.fromkeys(STATS_COLUMNS)

    def row(table, **values):
        return {**empty, "table": table, **values}

    for year in stats.years:
        yield row("by_year", year=year.year, programs=year.programs, headcount=year.headcount)
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
    "by_year": ["year", "programs", "headcount"],
    "theme_by_year": ["theme", "year", "programs"],
    "by_country": ["country", "programs", "headcount"],
    "by_city": ["city", "programs", "headcount"],
    "by_mode": ["mode", "programs", "headcount"],
}


def stats_response(stats, file_format, *, filters):
    rows = list(stats_rows(stats))
    if file_format == "csv":
        return download(csv_bytes([("statistics", rows, STATS_COLUMNS)]), "csv", "statistics")
    tables = {
        name: [{c: r[c] for c in columns} for r in rows if r["table"] == name] for name, columns in STATS_SHEETS.items()
    }
    if file_format == "xlsx":
        sheets = [(name, tables[name], columns) for name, columns in STATS_SHEETS.items()]
        return download(xlsx_bytes(sheets), "xlsx", "statistics")
    return download(json_bytes({"filters": filters, **tables}), "json", "statistics")
