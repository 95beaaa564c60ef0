"""The "shared" cache without Redis: Django's database cache, which here also removes expired rows.

Django's ``DatabaseCache`` deletes expired rows only once its table holds more than ``MAX_ENTRIES``; until
then a row stays after it expired, for months on a quiet site. The API throttle's rows name client
addresses, so this one deletes the expired rows at a write, at most every ``PURGE_SECONDS`` (60) per
worker: an address stays about its throttle window plus a minute, as it would in Redis (which expires keys
itself). One indexed ``DELETE`` a minute per worker.
"""

import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.utils import timezone


class SharedDatabaseCache(DatabaseCache):
    def __init__(self, table, params):
        options = dict(params.get("OPTIONS", {}))
        self.purge_seconds = float(options.pop("PURGE_SECONDS", 60))
        super().__init__(table, {**params, "OPTIONS": options})
        self._next_purge = 0.0

    def _base_set(self, mode, key, value, timeout=DEFAULT_TIMEOUT):
        if time.monotonic() >= self._next_purge:
            self._next_purge = time.monotonic() + self.purge_seconds
            self.delete_expired()
        return super()._base_set(mode, key, value, timeout)

    def delete_expired(self):
        connection = connections[router.db_for_write(self.cache_model_class)]
        table, expires = connection.ops.quote_name(self._table), connection.ops.quote_name("expires")
        now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE {expires} < %s", [now])
