"""Helpers for the tests of the public pages: the shipped fixture loaded once per test module, and the
same fixture read straight from its JSON so that expected figures are computed independently of the
querysets under test."""

import json
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "registry.json"


@pytest.fixture(scope="module")
def shipped_registry_module(django_db_setup, django_db_blocker):
    """Loads fixtures/registry.json once for a module (loading it takes seconds); empties the database after."""
    with django_db_blocker.unblock():
        call_command("loaddata", "registry", verbosity=0)
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def shipped_registry(shipped_registry_module, db):
    """The shipped fixture, for tests that only read it (each test still runs in a rolled-back transaction)."""


@cache
def fixture_records():
    records = defaultdict(list)
    for record in json.loads(FIXTURE.read_text(encoding="utf-8")):
        records[record["model"]].append(record["fields"])
    return records


@cache
def fixture_programs():
    """Programs as plain dicts: slug, year, themes, host, mode, format, countries, cities, networks, headcount."""
    countries = defaultdict(set)
    for link in fixture_records()["programs.targetcountry"]:
        countries[link["program"][0]].add(link["country"])
    programs = []
    for fields in fixture_records()["programs.program"]:
        programs.append(
            {
                "slug": fields["slug"],
                "title": fields["title"],
                "description": fields["description"] or "",
                "year": fields["year"],
                "themes": {key[0] for key in fields["themes"]},
                "host": fields["host"][0],
                "mode": fields["mode"],
                "format": fields["format"],
                "countries": countries[fields["slug"]],
                "cities": {key[0] for key in fields["target_cities"]},
                "networks": {key[0] for key in fields["networks"]},
                "headcount": fields["headcount"],
                "source_period": fields["source_period"],
                "date_precision": fields["date_precision"],
                "agreement": fields["agreement"][0] if fields["agreement"] else None,
                "status": fields["status"],
            }
        )
    return programs


def select(**criteria):
    """Fixture programs matching every criterion (a callable, a set to intersect, or a value to equal);
    confirmed programs only, as every page counts them, unless ``status`` says otherwise (None: any)."""
    criteria.setdefault("status", "confirmed")
    if criteria["status"] is None:
        del criteria["status"]
    result = []
    for program in fixture_programs():
        keep = True
        for key, wanted in criteria.items():
            value = program[key]
            if callable(wanted):
                keep = wanted(value)
            elif isinstance(value, set):
                keep = bool(value & set(wanted if isinstance(wanted, (set, list, tuple)) else [wanted]))
            else:
                keep = value == wanted
            if not keep:
                break
        if keep:
            result.append(program)
    return result


def headcount(programs):
    return sum(program["headcount"] or 0 for program in programs)


def visible_text(response):
    """The page's text as a reader sees it: tags removed, whitespace collapsed, entities decoded."""
    import html

    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))
    return re.sub(r" ([,.;:])", r"\1", text).strip()


def program_links(response):
    """Slugs of the programs linked in the page's result list, in order."""
    body = response.content.decode()
    return re.findall(r'<h3><a href="(?:/[a-z-]+)?/programs/([^/"]+)/">', body)
