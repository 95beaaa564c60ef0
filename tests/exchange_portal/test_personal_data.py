"""The registry of personal-data holders is complete: every installed model is covered by a holder or
declared to hold nothing about a person, every file storage and the cache have one, and a model or
storage added without either is named. The README's table of what erasure does is the registry's."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test.utils import isolate_apps

from exchange_portal.personal_data import (
    HOLDS_NOTHING_PERSONAL,
    Holder,
    holders,
    holders_table,
    register,
    uncovered_models,
    uncovered_storages,
)

README = Path(settings.BASE_DIR, "README.md")


def test_every_installed_model_has_a_holder_or_a_reason():
    assert uncovered_models() == []


def test_every_declared_model_exists():
    """A reason for a model that is gone would hide the next one of that name."""
    labels = {model._meta.label for model in apps.get_models()}
    assert set(HOLDS_NOTHING_PERSONAL) <= labels


@isolate_apps("participants")
def test_a_new_model_without_a_holder_is_named():
    class Certificate(models.Model):
        holder_name = models.CharField(max_length=200)

        class Meta:
            app_label = "participants"

        def __str__(self):
            return self.holder_name

    assert uncovered_models([*apps.get_models(), Certificate]) == ["participants.Certificate"]


def test_a_new_storage_without_a_holder_is_named(settings):
    assert uncovered_storages() == []
    settings.STORAGES = {
        **settings.STORAGES,
        "applications": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    assert uncovered_storages() == ["applications"]


def test_the_stores_outside_the_tables_have_holders():
    identifiers = {holder.identifier for holder in holders()}
    assert {"import-previews", "erasure-log", "cache", "sessions", "sign-in-records", "admin-log-text"} <= identifiers
    assert len(identifiers) == len(holders())


def test_a_holder_must_say_what_erasure_does():
    class Silent(Holder):
        identifier = "silent"
        models = ("participants.Participant",)

    with pytest.raises(TypeError, match="erasure text"):
        register(Silent)
    assert "silent" not in {holder.identifier for holder in holders()}


def test_the_readme_table_is_the_registry():
    """Regenerate it with ``python -c 'from exchange_portal.personal_data import holders_table; …'``
    (see the README) when a holder changes."""
    assert holders_table() in README.read_text(encoding="utf-8")
