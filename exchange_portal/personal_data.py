"""The registry of personal-data holders: every place the site keeps something about a person.

Each app registers, for every place it keeps data about a person (its tables and their history, files,
cache entries, temporary storage, logs, and third-party tables such as django-axes' sign-in records), one
``Holder`` that can ``export`` what it keeps about that person and ``erase`` it (pretix's
``pretix/base/shredder.py`` is the model: one class per kind of data, registered by its app). The person's
copy and the erasure walk the same registry (``participants/services/privacy.py``), so they cannot drift.

A new place is a small class and one ``@register`` in the app's ``holders`` module, which its
``AppConfig.ready`` imports. ``uncovered_models()`` names every installed model that neither a holder
covers nor ``HOLDS_NOTHING_PERSONAL`` declares, and ``tests/exchange_portal/test_personal_data.py`` fails
while it names one.

The core knows people only as a ``Person``: the record's id and the names, emails and phone numbers it has
held, which holders look for in free text and in stores they cannot query by person.
"""

import json
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast

# What a name, email or phone becomes wherever it was written into free text.
REDACTED = "[erased]"
# Shorter values would redact unrelated text; two Hangul or Han characters make a name (이산).
MIN_IDENTIFIER_LENGTH = {"ascii": 3, "other": 2}

# Every installed model that keeps nothing about a person, and why. A model must be either covered by a
# registered holder (``Holder.models``) or listed here: a new model with neither fails the completeness
# test. A history model (django-simple-history) of a model listed here is covered by the same reason; its
# change reason (free text) is redacted by the ``history-change-reasons`` holder.
HOLDS_NOTHING_PERSONAL = {
    "auth.Permission": "permission names",
    "auth.Group": "role names",
    "auth.User": "staff accounts: the people who run the registry, not the people it records; "
    "an account is removed by deleting the user",
    "contenttypes.ContentType": "model names",
    "axes.AccessAttemptExpiration": "an expiry time per sign-in attempt, deleted with the attempt",
    "exchange_portal.RegistryGeneration": "a counter",
    "cities.Network": "city networks",
    "cities.City": "cities",
    "cities.Agreement": "agreements between cities",
    "programs.Institute": "host institutes",
    "programs.Theme": "themes",
    "programs.Program": "programs (public text, which erasure reports but does not rewrite)",
    "programs.TargetCountry": "countries a program targets",
    "programs.DataQualityFlag": "notes on the source table's figures",
    "participants.ConsentNotice": "the wording of each notice version",
}


# Every alias of ``STORAGES`` that keeps no file about a person, and why; any other alias needs a holder
# that names it in ``Holder.storages``. (Every alias of ``CACHES`` is read by the ``cache`` holder.)
STORAGES_HOLDING_NOTHING = {
    "default": "no app uploads files yet; the first that does registers a holder for them",
    "staticfiles": "the site's CSS, scripts and images",
}


@dataclass
class Person:
    """Whom an export or erasure is about: the record (``subject``, e.g. a ``Participant``) and every
    name, email and phone it has held, longest first (``identifiers_of``)."""

    subject: object
    identifiers: list = field(default_factory=list)
    by: object = None  # who erases or exports (a user; None is the system)
    at: object = None  # when the erasure happens

    @property
    def pk(self):
        return self.subject.pk

    def patterns(self):
        if getattr(self, "_patterns", None) is None:
            self._patterns = identifier_patterns(self.identifiers)
        return self._patterns

    def named_in(self, text):
        """Whether ``text`` names the person (as written or as JSON escapes it)."""
        return any(pattern.search(text) for pattern in self.patterns())


class Holder:
    """One place that keeps data about people. Subclasses set ``identifier`` (unique, kebab-case),
    ``verbose_name`` and ``erasure`` (what erasing does there, one sentence for the README's table),
    ``models`` (labels of the tables they cover, for the completeness test) or ``store`` (the name of a
    non-table store), and implement ``export`` and ``erase``."""

    identifier = ""
    verbose_name = ""
    erasure = ""
    models = ()
    store = ""
    storages = ()  # aliases of ``STORAGES`` whose files it covers

    def export(self, person):
        """The person's data held here, as named sections of their copy: ``{"section": data}``, data as
        JSON can hold it. By default one section, named after the holder, of ``rows(person)``."""
        return {self.identifier.replace("-", "_"): self.rows(person)}

    def rows(self, person):
        """The person's entries here, as a list of dicts (empty when there are none)."""
        raise NotImplementedError

    def erase(self, person):
        """Erase the person here inside the caller's transaction; returns how many rows or entries it
        deleted or rewrote."""
        raise NotImplementedError

    def covered_models(self):
        return list(self.models)


_holders = {}


def register(holder_class):
    """Class decorator: add one instance of ``holder_class`` to the registry (its app's ``ready``
    imports the module). The walk follows registration order, which import order decides: holders of
    one module run in the order written, and holders of different modules must not depend on each
    other's order (each finds the person by ``Person.identifiers``, gathered before the walk)."""
    holder = holder_class()
    if not holder.identifier or not holder.erasure or not (holder.models or holder.store):
        raise TypeError(f"{holder_class.__name__} needs an identifier, an erasure text and models or a store")
    if holder.identifier in _holders and type(_holders[holder.identifier]) is not holder_class:
        raise ValueError(f"Two holders are called {holder.identifier!r}")
    _holders[holder.identifier] = holder
    return holder_class


def holders():
    return list(_holders.values())


def uncovered_models(models=None):
    """Labels of installed models (or of ``models``) that no holder covers and ``HOLDS_NOTHING_PERSONAL``
    does not declare."""
    covered = {label for holder in holders() for label in holder.covered_models()}
    missing = []
    for model in apps.get_models() if models is None else models:
        label = model._meta.label
        tracked = getattr(model, "instance_type", None)  # a simple-history model's tracked model
        if label in covered or label in HOLDS_NOTHING_PERSONAL:
            continue
        if tracked is not None and tracked._meta.label in HOLDS_NOTHING_PERSONAL:
            continue
        missing.append(label)
    return sorted(missing)


def uncovered_storages():
    """Aliases of ``STORAGES`` that no holder covers and ``STORAGES_HOLDING_NOTHING`` does not declare."""
    covered = {alias for holder in holders() for alias in holder.storages}
    return sorted(set(settings.STORAGES) - covered - set(STORAGES_HOLDING_NOTHING))


def holders_table():
    """The README's table of what erasure does, generated from the registry."""
    lines = ["| holder | what it is | where | what erasure does |", "| --- | --- | --- | --- |"]
    for holder in sorted(holders(), key=lambda holder: holder.identifier):
        where = holder.store or ", ".join(f"`{apps.get_model(label)._meta.db_table}`" for label in holder.models)
        lines.append(f"| `{holder.identifier}` | {holder.verbose_name} | {where} | {holder.erasure} |")
    return "\n".join(lines)


# Finding a person in free text


def identifiers_of(values):
    """The values worth looking for: stripped, long enough, longest first."""
    values = {str(value).strip() for value in values if value}
    long_enough = (v for v in values if len(v) >= MIN_IDENTIFIER_LENGTH["ascii" if v.isascii() else "other"])
    return sorted(long_enough, key=len, reverse=True)


def identifier_patterns(identifiers):
    """Case-insensitive patterns for each identifier as written and as JSON escapes it (``\\uae40``).
    Latin-script forms match whole words only ("Ali" is not the "ali" of "quality"); Korean and Chinese
    ones anywhere, since particles and titles attach to names (김민수님)."""
    patterns = {}
    for identifier in identifiers:
        for form in (identifier, json.dumps(identifier)[1:-1]):
            pattern = re.escape(form)
            if identifier.isascii():
                pattern = rf"(?<![0-9A-Za-z]){pattern}(?![0-9A-Za-z])"
            patterns[form] = re.compile(pattern, re.IGNORECASE)
    return [patterns[form] for form in sorted(patterns, key=len, reverse=True)]


def search_forms(identifiers):
    return sorted({form for identifier in identifiers for form in (identifier, json.dumps(identifier)[1:-1])})


def redact_text(value, patterns):
    for pattern in patterns:
        value = pattern.sub(REDACTED, value)
    return value


def redact_json(value, patterns):
    if isinstance(value, str):
        return redact_text(value, patterns)
    if isinstance(value, list):
        return [redact_json(item, patterns) for item in value]
    if isinstance(value, dict):
        return {redact_text(key, patterns): redact_json(item, patterns) for key, item in value.items()}
    return value


def rows_naming(model, field_names, person):
    """Rows of ``model`` whose ``field_names`` (text or JSON, searched as text) contain one of the
    person's identifiers, with those fields loaded; an annotated queryset."""
    searched = {}
    condition = Q()
    for name in field_names:
        column = name
        if isinstance(model._meta.get_field(name), models.JSONField):
            column = f"_named_{name}"
            searched[column] = Cast(name, TextField())
        for form in search_forms(person.identifiers):
            condition |= Q(**{f"{column}__icontains": form})
    if not person.identifiers:
        return model._base_manager.none()
    return model._base_manager.annotate(**searched).filter(condition).only("pk", *field_names)


def redact_rows(model, field_names, person):
    """Rewrite every identifier of the person in ``field_names`` of ``model`` as ``REDACTED``; returns
    how many rows changed."""
    patterns = person.patterns()
    changed = 0
    for row in rows_naming(model, field_names, person):
        changes = {}
        for name in field_names:
            value = getattr(row, name)
            if value is None:
                continue
            new = redact_text(value, patterns) if isinstance(value, str) else redact_json(value, patterns)
            if new != value:
                changes[name] = new
        if changes:
            model._base_manager.filter(pk=row.pk).update(**changes)
            changed += 1
    return changed


def export_rows(model, field_names, person, *, shown=()):
    """The rows of ``model`` whose ``field_names`` name the person, as ``{"id": …, field: value}`` dicts
    of those fields and the ``shown`` ones (a date, say)."""
    rows = rows_naming(model, field_names, person).only("pk", *field_names, *shown).order_by("pk")
    return [
        {"id": row.pk, **{name: getattr(row, name) for name in (*shown, *field_names)}}
        for row in rows
        if any(person.named_in(str(getattr(row, name))) for name in field_names)
    ]
