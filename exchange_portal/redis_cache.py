"""Django's Redis cache, guarded so that a Redis outage degrades the site instead of breaking it.

While Redis cannot be reached (stopped, restarting, out of memory, a network fault), this cache acts
as one that holds nothing: a read is a miss, a write keeps nothing, ``add`` and ``delete`` report that
nothing happened, and ``incr`` finds no key. Pages are then rendered afresh and the API throttle counts
nothing; sessions live in the database (``SESSION_ENGINE``), so sign-ins keep working. Nothing answers
500 because of Redis.

A connection attempt waits at most ``socket_connect_timeout`` (0.5 s) and a command ``socket_timeout``
(1 s). After a failure this process leaves Redis alone for ``retry_seconds`` (5 s, the ``REDIS_RETRY_SECONDS``
setting), so that a Redis host that stopped answering costs one timeout per worker and interval rather
than one per request; the first request after that tries again. An outage and the recovery are each
logged once per worker (``exchange_portal.cache``: a warning, then an info line).

Why not django-redis with ``IGNORE_EXCEPTIONS``: it also answers misses while Redis is stopped, but it
tries Redis again at every call. A stopped Redis refuses at once, so that costs nothing; a Redis that
hangs (SIGSTOP, a full network path) costs ``SOCKET_TIMEOUT`` per call: 5 requests took 20 s with
django-redis and a 1 s timeout, 2 s with this guard (the first request; README "Redis").
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("exchange_portal.cache")

DEFAULT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}


class GuardedRedisCache(RedisCache):
    def __init__(self, server, params):
        options = {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}
        self.retry_seconds = float(options.pop("retry_seconds", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._resting_until = 0.0
        self._down = False

    def _call(self, method, fallback, *args, **kwargs):
        if self._down and time.monotonic() < self._resting_until:
            return fallback
        try:
            result = method(*args, **kwargs)
        except RedisError as error:
            if not self._down:
                logger.warning("Redis unavailable, serving without the cache: %s", error)
            self._down = True
            self._resting_until = time.monotonic() + self.retry_seconds
            return fallback
        if self._down:
            logger.info("Redis answers again; the cache is back")
            self._down = False
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._call(super().incr, missing, key, delta, version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found (Redis unavailable).")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, None, keys, version)

    def clear(self):
        return self._call(super().clear, False)
