"""The two-step import's store: the file read back as saved, in text or binary mode; gone after
IMPORT_PREVIEW_SECONDS; swept on every new upload and by the daily purge."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from exchange_portal.import_previews import ImportPreviewExpired, ImportPreviewStorage, import_previews_sweep
from exchange_portal.models import ImportPreview

pytestmark = pytest.mark.django_db


def saved(data, **kwargs):
    storage = ImportPreviewStorage(**kwargs)
    storage.save(data)
    return storage.name


def age(name, seconds):
    ImportPreview.objects.filter(name=name).update(created_at=timezone.now() - datetime.timedelta(seconds=seconds))


def test_a_preview_reads_back_as_saved():
    name = saved("email,name\nkim@example.org,김민수\n".encode())
    assert (
        ImportPreviewStorage(name=name, read_mode="r", encoding="utf-8").read()
        == "email,name\nkim@example.org,김민수\n"
    )
    assert ImportPreviewStorage(name=name, read_mode="rb").read() == "email,name\nkim@example.org,김민수\n".encode()
    ImportPreviewStorage(name=name).remove()
    assert not ImportPreview.objects.exists()


def test_a_preview_older_than_the_limit_is_gone(settings):
    settings.IMPORT_PREVIEW_SECONDS = 3600
    name = saved(b"a,b\n")
    age(name, 3599)
    assert ImportPreviewStorage(name=name, read_mode="rb").read() == b"a,b\n"
    age(name, 3601)
    with pytest.raises(ImportPreviewExpired):
        ImportPreviewStorage(name=name, read_mode="rb").read()


def test_expired_previews_are_swept_by_the_next_upload_and_the_purge(capsys):
    old, fresh = saved(b"old\n"), saved(b"fresh\n")
    age(old, 7200)
    newer = saved(b"newer\n")
    assert set(ImportPreview.objects.values_list("name", flat=True)) == {fresh, newer}
    age(fresh, 7200)
    call_command("purge_expired_participants")
    assert "1 expired import previews deleted" in capsys.readouterr().out
    assert set(ImportPreview.objects.values_list("name", flat=True)) == {newer}
    assert import_previews_sweep() == 0
