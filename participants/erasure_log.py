"""The erasure log kept outside the database, which ``reapply_erasures`` replays after a backup is restored.

One small JSON object per erasure (participant id, time, reason; nothing about the person) in the storage
``STORAGES["erasure_log"]``: by default the folder ``erasure-log/`` at the project root (not ``var/``,
which ``make clean`` deletes); in production a volume or bucket every app server writes to, kept out of the
database's backups and as long as they are. One object per erasure, so that servers never append to the
same file. ``erasure_log_write`` runs inside the erasure's transaction, before it commits: a write that
fails raises ``ErasureLogUnwritable`` and the erasure rolls back.
"""

import json
import re
from contextlib import contextmanager
from pathlib import Path
from uuid import uuid4

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.serializers.json import DjangoJSONEncoder

STORAGE = "erasure_log"
NAME = re.compile(r"^erasure-(?P<participant_id>\d+)-[0-9TZ]+-[0-9a-f]+\.json$")


class ErasureLogUnwritable(RuntimeError):
    pass


def erasure_log_storage():
    return storages[STORAGE]


def erasure_log_write(erasure):
    """Write one object recording ``erasure`` (an ``Erasure``) and return its name; raises
    ``ErasureLogUnwritable``."""
    record = {"participant_id": erasure.participant_id, "erased_at": erasure.erased_at, "reason": erasure.reason}
    name = f"erasure-{erasure.participant_id}-{erasure.erased_at:%Y%m%dT%H%M%S%fZ}-{uuid4().hex[:12]}.json"
    try:
        return erasure_log_storage().save(name, ContentFile(json.dumps(record, cls=DjangoJSONEncoder).encode()))
    except Exception as error:
        raise ErasureLogUnwritable(
            f"Could not write the erasure of participant {erasure.participant_id} to the erasure log "
            f"(STORAGES[{STORAGE!r}]): {error}. Nothing was erased."
        ) from error


@contextmanager
def erasure_log_pending():
    """Collects the names of objects written inside the block (``names.append``) and deletes them again
    when the block raises: the transaction that erased the person did not commit, so the log must not
    say it did. Put it outside the ``transaction.atomic()`` block."""
    names = []
    try:
        yield names
    except BaseException:
        storage = erasure_log_storage()
        for name in names:
            storage.delete(name)
        raise


def _names():
    try:
        _folders, files = erasure_log_storage().listdir("")
    except FileNotFoundError:
        return []
    return sorted(name for name in files if NAME.match(name))


def erasure_log_ids():
    """Participant ids the erasure log names."""
    return {int(NAME.match(name)["participant_id"]) for name in _names()}


def erasure_log_records(participant_id):
    """The log's records of one participant's erasures."""
    storage = erasure_log_storage()
    records = []
    for name in _names():
        if int(NAME.match(name)["participant_id"]) == participant_id:
            with storage.open(name, "rb") as handle:
                records.append(json.loads(handle.read()))
    return records


def erasure_log_file_ids(path):
    """Participant ids a JSON-lines log file names (one ``{"participant_id": …}`` per line): the log the
    registry kept before the storage, or one copied out of it, for ``reapply_erasures --log FILE``."""
    path = Path(path)
    ids = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                ids.add(int(json.loads(line)["participant_id"]))
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}, line {number}: not an erasure record") from error
    return ids
