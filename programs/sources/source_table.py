"""Reading the published 2005–2021 program table (``seoul-policy-training-2005-2021.txt``).

The table is text copied from a web page, and messy: the year and location columns are filled only on
the first row they apply to, 2015 groups its rows by format instead of location, periods are written in
half a dozen ways, and a few rows carry typos or an HTML remnant. This module turns each row into a
``SourceRow`` without losing what the source said: the row's own text, its period text and its title
are kept verbatim next to the values read from them, and anything wrong or ambiguous becomes an
``Issue`` that the import raises as a data-quality flag.

It is pure Python (no database), so every rule here is tested directly.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from . import rules
from .rules import Issue

SOURCE_DOCUMENT = "seoul-policy-training-2005-2021.txt"
TABLE_HEADER = "Year Location Period Training Program Headcount"
TABLE_END = "Contact"

DAY = "day"
MONTH = "month"

# One period as the table writes it: a start (year.month.day, or year.month. for month-only periods),
# then optionally a separator (- or ~) and an end that may omit the year, the month, or both.
PERIOD_PATTERN = (
    r"\d{4}\.\s*\d{1,2}\.\s*\d{0,2}"
    r"(?:\s*[-~]\s*(?:\d{4}\.\s*)?(?:\d{1,2}\.\s*)?\d{1,2}\.?)?"
)
ROW_RE = re.compile(
    r"^(?:(?P<year>\d{4})\s+)?"  # the year column, present on a year's first row only
    r"(?P<label>.*?)\s*"  # the location (or, in 2015, group) column, when present
    rf"(?P<period>{PERIOD_PATTERN})\s+"
    r"(?P<title>.+?)\s+"
    r"(?P<headcount>\d+)\s*$"
)
STATED_TOTALS_RE = re.compile(
    r"From (?P<first>\d{4}) to (?P<last>\d{4}), (?P<programs>[\d,]+) training programs were "
    r"provided to (?P<participants>[\d,]+) participants"
)
DAY_SINGLE_RE = re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$")
DAY_RANGE_RE = re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})[-~](?:(\d{4})\.)?(?:(\d{1,2})\.)?(\d{1,2})$")
MONTH_RANGE_RE = re.compile(r"^(\d{4})\.(\d{1,2})\.?[-~](\d{4})\.(\d{1,2})\.?$")


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date | None
    precision: str  # DAY, MONTH, or "" when no dates could be stored
    issue: Issue | None = None


@dataclass
class SourceRow:
    number: int  # 1-based position among the table's data rows
    line: int  # 1-based line number in the source file
    text: str  # the row exactly as the source wrote it
    year: int
    label: str  # the location/group column, carried down from the row that filled it
    label_carried: bool  # True when this row's location cell was empty in the source
    source_period: str
    source_title: str
    title: str  # after the corrections listed in rules.TITLE_CORRECTIONS
    headcount: int
    period: Period
    issues: list[Issue] = field(default_factory=list)


class TableError(ValueError):
    """The table cannot be read: a row does not have the expected columns."""


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_period(text: str) -> Period:
    """Read a period as the table writes it, e.g. ``2013. 9.1 ~ 9. 8`` or ``2008.8.~2010.2.``.

    An end written without a month takes the start's month; one written without a year takes the
    start's year, or the next year when its month is earlier (a period over New Year). A period that
    ends before it starts, or has an impossible date, stores no dates and carries an ``Issue``.
    """
    compact = re.sub(r"\s+", "", text)

    if match := DAY_SINGLE_RE.match(compact):
        day = _make_date(*map(int, match.groups()))
        if day:
            return Period(day, day, DAY)
        return _unreadable(text)

    if match := DAY_RANGE_RE.match(compact):
        start_year, start_month, start_day = (int(g) for g in match.group(1, 2, 3))
        end_year = int(match.group(4)) if match.group(4) else None
        end_month = int(match.group(5)) if match.group(5) else start_month
        end_day = int(match.group(6))
        if end_year is None:
            end_year = start_year + 1 if end_month < start_month else start_year
        start = _make_date(start_year, start_month, start_day)
        end = _make_date(end_year, end_month, end_day)
        if not start or not end:
            return _unreadable(text)
        if end < start:
            return _reversed(text, start, end)
        return Period(start, end, DAY)

    if match := MONTH_RANGE_RE.match(compact):
        start_year, start_month, end_year, end_month = (int(g) for g in match.groups())
        start = _make_date(start_year, start_month, 1)
        last_day = calendar.monthrange(end_year, end_month)[1] if 1 <= end_month <= 12 else 0
        end = _make_date(end_year, end_month, last_day) if last_day else None
        if not start or not end:
            return _unreadable(text)
        if end < start:
            return _reversed(text, start, end)
        return Period(start, end, MONTH)

    return _unreadable(text)


def _reversed(text: str, start: date, end: date) -> Period:
    return Period(
        None,
        None,
        "",
        Issue(
            "end_before_start",
            "source_period",
            f"The period “{text}” ends ({end:%Y-%m-%d}) before it starts ({start:%Y-%m-%d}); no dates are "
            "stored until someone checks which part is wrong.",
            text,
        ),
    )


def _unreadable(text: str) -> Period:
    return Period(
        None,
        None,
        "",
        Issue(
            "unparsed_period",
            "source_period",
            f"The period “{text}” is not in a form the import can read; no dates are stored.",
            text,
        ),
    )


def table_lines(text: str) -> list[tuple[int, str]]:
    """The table's data rows with their 1-based line numbers in the source file."""
    lines = text.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == TABLE_HEADER)
    except StopIteration:
        raise TableError(f"The table header “{TABLE_HEADER}” was not found.") from None
    rows = []
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if line.strip() == TABLE_END:
            break
        if line.strip():
            rows.append((index + 1, line))
    return rows


def parse_table(text: str) -> list[SourceRow]:
    """Every data row of the table, in source order; raises TableError on a row it cannot split."""
    rows: list[SourceRow] = []
    year: int | None = None
    label = ""
    for number, (line_number, line) in enumerate(table_lines(text), start=1):
        match = ROW_RE.match(line.strip())
        if not match:
            raise TableError(f"Line {line_number} is not a table row: {line!r}")
        carried = True
        if match.group("year"):
            year = int(match.group("year"))
        if match.group("label"):
            label = re.sub(r"\s+", " ", match.group("label"))
            carried = False
        if year is None:
            raise TableError(f"Line {line_number} comes before any row that gives a year.")
        source_title = match.group("title")
        title, issues = rules.clean_title(source_title)
        period_text = match.group("period").strip()
        period = parse_period(period_text)
        if period.issue:
            issues.append(period.issue)
        if period.start and period.start.year != year:
            issues.append(
                Issue(
                    "year_mismatch",
                    "year",
                    f"The period starts in {period.start.year} but the row is listed under {year}.",
                    period_text,
                )
            )
        rows.append(
            SourceRow(
                number=number,
                line=line_number,
                text=line,
                year=year,
                label=label,
                label_carried=carried,
                source_period=period_text,
                source_title=source_title,
                title=title,
                headcount=int(match.group("headcount")),
                period=period,
                issues=issues,
            )
        )
    return rows


@dataclass(frozen=True)
class StatedTotals:
    first_year: int
    last_year: int
    programs: int
    participants: int
    # "The program turned out 73 graduates over six annual programs": the master's degree section.
    graduates: int | None = None
    graduate_programs: str = ""


def parse_stated_totals(text: str) -> StatedTotals:
    """The totals the page states above its table (“From 2005 to 2021, 168 training programs…”)."""
    match = STATED_TOTALS_RE.search(re.sub(r"\s+", " ", text))
    if not match:
        raise TableError("The source does not state its totals in the expected sentence.")
    return StatedTotals(
        first_year=int(match.group("first")),
        last_year=int(match.group("last")),
        programs=int(match.group("programs").replace(",", "")),
        participants=int(match.group("participants").replace(",", "")),
        **stated_graduates(text),
    )


GRADUATES_RE = re.compile(r"turned out (?P<graduates>[\d,]+) graduates over (?P<programs>\w+) annual programs")


def stated_graduates(text: str) -> dict:
    """The master's graduates the page states in its section on the degree course, if it does."""
    match = GRADUATES_RE.search(re.sub(r"\s+", " ", text))
    if not match:
        return {}
    return {"graduates": int(match.group("graduates").replace(",", "")), "graduate_programs": match.group("programs")}


def source_path() -> Path:
    return Path(settings.SOURCES_DIR) / SOURCE_DOCUMENT


@lru_cache(maxsize=1)
def stated_totals() -> StatedTotals:
    return parse_stated_totals(source_path().read_text(encoding="utf-8"))
