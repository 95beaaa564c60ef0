"""Django's local-memory cache with a bound in bytes as well as in entries, per worker process.

``LocMemCache`` counts entries only (``MAX_ENTRIES``), so 1,000 entries of a megabyte each grow a worker by
a gigabyte. This one also keeps the total size of the stored (pickled) values under ``MAX_BYTES``
(``CACHE_MAX_BYTES``), dropping the least recently used entries first, as ``LocMemCache`` itself does when
it culls. Redis, when ``REDIS_URL`` is set, bounds itself with its own ``maxmemory``.
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

_sizes = {}


class BoundedLocMemCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        self._max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", 0))
        self._sizes = _sizes.setdefault(name, {})

    @property
    def total_bytes(self):
        return sum(self._sizes.values())

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        if self._max_bytes and len(value) > self._max_bytes:
            self._delete(key)
            return
        self._sizes.pop(key, None)
        super()._set(key, value, timeout)
        self._sizes[key] = len(value)
        if self._max_bytes:
            total = self.total_bytes
            while total > self._max_bytes and len(self._cache) > 1:
                oldest, _ = self._cache.popitem()  # the least recently used (LocMemCache keeps newest first)
                self._expire_info.pop(oldest, None)
                total -= self._sizes.pop(oldest, 0)

    def incr(self, key, delta=1, version=None):
        value = super().incr(key, delta, version)
        with self._lock:
            made = self.make_and_validate_key(key, version=version)
            if made in self._cache:
                self._sizes[made] = len(self._cache[made])
        return value

    def _cull(self):
        super()._cull()
        for key in [key for key in self._sizes if key not in self._cache]:
            del self._sizes[key]

    def _delete(self, key):
        self._sizes.pop(key, None)
        return super()._delete(key)

    def clear(self):
        with self._lock:
            self._sizes.clear()
        super().clear()
