"""The programs of a selection as an iCalendar file (RFC 5545), to subscribe to in a calendar program.

- Every program is an all-day event: DTSTART is its first day, DTEND the day after its last (DTEND is
  exclusive in iCalendar).
- A program whose source gives months only (``date_precision = month``) spans those whole months, and its
  description begins by saying that only the months are known.
- A program without usable dates, or with its year only, is left out; the calendar's description says
  how many.
- An online program has LOCATION "Online" and the mode among its CATEGORIES; an on-site one the host
  institute and its city (the registry records no other venue).
- Each event's UID is :func:`program_uid`: a UUID derived from the program's slug alone, so it is the
  same in every request, language and host name, and a calendar program updates the event rather than
  adding a second one.
"""

import datetime
import re
import uuid

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from exchange_portal.models import DatePrecision

# The namespace of the programs' UIDs; never change it, or every subscriber sees each event twice.
PROGRAM_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:international-training-registry:program")
CALENDAR_DATE_PRECISIONS = (DatePrecision.DAY, DatePrecision.MONTH)
PRODUCT_ID = "-//International Training Registry//Programs//EN"
# What neither XML 1.0 nor iCalendar text may carry (tab, line feed and carriage return may stay).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def printable(text):
    """``text`` without control characters: a query string (or a record) may hold any, and a feed or a
    calendar that carried them would not be read."""
    return CONTROL_CHARACTERS.sub("", str(text))


def program_uid(program):
    """The program's lasting identifier in calendars and feeds (a UUID 5 of its slug)."""
    return str(uuid.uuid5(PROGRAM_UID_NAMESPACE, program.slug))


def with_calendar_dates(programs):
    """The programs (a queryset) that a calendar can show: dated to the day or to the month."""
    return programs.filter(start_date__isnull=False, date_precision__in=CALENDAR_DATE_PRECISIONS)


def in_calendar(program):
    return bool(program.start_date) and program.date_precision in CALENDAR_DATE_PRECISIONS


def program_event(program, *, url, stamp):
    event = Event()
    event.add("uid", program_uid(program))
    event.add("dtstamp", stamp)
    event.add("summary", printable(program.title))
    event.add("dtstart", program.start_date)
    event.add("dtend", (program.end_date or program.start_date) + datetime.timedelta(days=1))
    event.add("url", url)
    online = program.mode == program.Mode.ONLINE
    host = program.host
    event.add("location", _("Online") if online else printable(f"{host.name}, {host.city.name}"))
    event.add(
        "categories", [str(program.get_mode_display()), *(printable(theme.name) for theme in program.themes.all())]
    )
    lines = []
    if program.date_precision == DatePrecision.MONTH:
        lines.append(
            _("Only the months are known: %(period)s. The event spans those whole months.")
            % {"period": program.period_label}
        )
    lines.append(_("Host institute: %(host)s") % {"host": printable(host.name)})
    lines.append(_("Mode: %(mode)s") % {"mode": program.get_mode_display()})
    lines.append(url)
    event.add("description", "\n".join(lines))
    return event


def programs_calendar(programs, *, build_url, name, description, now=None):
    """The iCalendar file (bytes) of ``programs`` (those without day or month dates are skipped)."""
    stamp = (now or datetime.datetime.now(datetime.UTC)).astimezone(datetime.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # One line each: the calendar's own X-WR- properties are written as they are, unescaped.
    name, description = (" ".join(printable(text).split()) for text in (name, description))
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", description)
    calendar.add("refresh-interval", datetime.timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")
    for program in programs:
        if in_calendar(program):
            calendar.add_component(program_event(program, url=build_url(program), stamp=stamp))
    return calendar.to_ical()
