"""schema.org descriptions (JSON-LD) of the public pages' subjects: a program (EducationEvent), a host
institute (Organization), a city (City or AdministrativeArea, with its coordinates).

The context is written out rather than linked (``https://schema.org`` would have to be fetched to read
the document as JSON-LD): the schema.org vocabulary, with the few terms whose values are addresses
typed as such, as schema.org's own context does. Dates carry no more precision than the source gives
("2008-08" for a month). The language of the page is said on the page (``mainEntityOfPage``), not on
the program: the registry does not record the language a program was taught in.
"""

from django.utils.html import json_script
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from exchange_portal.models import DatePrecision

SCHEMA_CONTEXT = {
    "@vocab": "https://schema.org/",
    "url": {"@type": "@id"},
    "sameAs": {"@type": "@id"},
    "license": {"@type": "@id"},
    "contentUrl": {"@type": "@id"},
    "eventAttendanceMode": {"@type": "@vocab"},
}


def json_ld_script(data):
    """``data`` in a ``<script type="application/ld+json">`` element, escaped as ``json_script`` escapes
    (``<``, ``>`` and ``&`` as JSON escapes, so that no text can close the element). Not executed, so
    the Content-Security-Policy needs no nonce for it."""
    script = json_script(data)
    return mark_safe(script.replace('<script type="application/json">', '<script type="application/ld+json">', 1))


def language_tag(code=None):
    """A Django language code as a BCP 47 tag: ``zh-hant`` is ``zh-Hant``."""
    parts = (code or get_language() or "en").split("-")
    return "-".join([parts[0], *(part.title() if len(part) == 4 else part.upper() for part in parts[1:])])


def date_at_precision(value, precision):
    """An ISO 8601 date with no more than the known precision: 2008-08-28, 2008-08 or 2008."""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def web_page(url):
    return {"@type": "WebPage", "@id": url, "url": url, "inLanguage": language_tag()}


def postal_address(city):
    return {"@type": "PostalAddress", "addressLocality": city.name, "addressCountry": city.country.code}


def organization(institute, absolute):
    url = absolute(institute.get_absolute_url())
    described = {"@type": "Organization", "@id": f"{url}#organization", "name": institute.name, "url": url}
    if institute.short_name:
        described["alternateName"] = institute.short_name
    if institute.website:
        described["sameAs"] = institute.website
    described["address"] = postal_address(institute.city)
    return described


def program_json_ld(program, absolute):
    """A program as a schema.org EducationEvent. ``absolute`` turns a path into an absolute URL."""
    url = absolute(program.get_absolute_url())
    online = program.mode == program.Mode.ONLINE
    described = {
        "@context": SCHEMA_CONTEXT,
        "@type": "EducationEvent",
        "@id": f"{url}#program",
        "name": program.title,
        "url": url,
        "mainEntityOfPage": web_page(url),
    }
    if program.description:
        described["description"] = program.description
    if program.start_date:
        described["startDate"] = date_at_precision(program.start_date, program.date_precision)
        described["endDate"] = date_at_precision(program.end_date or program.start_date, program.date_precision)
    else:
        described["startDate"] = f"{program.year:04d}"  # the source gives no usable dates, but files it under a year
    described["eventAttendanceMode"] = "OnlineEventAttendanceMode" if online else "OfflineEventAttendanceMode"
    if online:
        described["location"] = {"@type": "VirtualLocation", "name": _("Online")}
    else:
        described["location"] = {
            "@type": "Place",
            "name": program.host.name,
            "address": postal_address(program.host.city),
        }
    described["organizer"] = organization(program.host, absolute)
    areas = [
        {"@type": "City", "name": city.name, "url": absolute(city.get_absolute_url())}
        for city in program.target_cities.all()
    ] + [{"@type": "Country", "name": country.name, "identifier": country.code} for country in program.target_countries]
    audience = {"@type": "Audience", "audienceType": _("Civil servants")}
    if areas:
        audience["geographicArea"] = areas
    described["audience"] = audience
    themes = [
        {"@type": "Thing", "name": theme.name, "url": absolute(theme.get_absolute_url())}
        for theme in program.themes.all()
    ]
    if themes:
        described["about"] = themes
    return described


def institute_json_ld(institute, absolute):
    """A host institute as a schema.org Organization."""
    described = {"@context": SCHEMA_CONTEXT, **organization(institute, absolute)}
    if institute.description:
        described["description"] = institute.description
    described["mainEntityOfPage"] = web_page(described["url"])
    return described


def city_json_ld(city, absolute):
    """A city (or a province or district) as a schema.org Place, with its coordinates where known."""
    url = absolute(city.get_absolute_url())
    described = {
        "@context": SCHEMA_CONTEXT,
        "@type": "City" if city.kind == city.Kind.CITY else "AdministrativeArea",
        "@id": f"{url}#place",
        "name": city.name,
        "url": url,
    }
    if city.local_name and city.local_name != city.name:
        described["alternateName"] = city.local_name
    described["address"] = {"@type": "PostalAddress", "addressCountry": city.country.code}
    described["containedInPlace"] = {"@type": "Country", "name": city.country.name, "identifier": city.country.code}
    if city.latitude is not None and city.longitude is not None:
        described["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(city.latitude),
            "longitude": float(city.longitude),
        }
    if city.geonames_id:
        described["sameAs"] = f"https://sws.geonames.org/{city.geonames_id}/"
    described["mainEntityOfPage"] = web_page(url)
    return described
