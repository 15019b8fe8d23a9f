"""Production's cache: Django's Redis backend without two costs it adds to every command, and a
request's counters in one round trip (`count`).

A signed-in request asks Redis about ten things (its session, the write budget, the generations of
the shared parts); fifty council members voting at once (benchmarks/council_votes.py) made them a
tenth of a vote request's CPU."""

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

# INCRBY only on a key that exists, as Django's incr promises (a missing key raises ValueError):
# one round trip instead of EXISTS, then INCRBY.
INCR_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then
    return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return false
"""

# One more in each counter, a counter made now kept for its seconds: a request's write budget,
# per person and per address (cms/ratelimit.py), in one round trip where each took one (two when
# it was made: incr, then add).
COUNT = """
local counts = {}
for i, key in ipairs(KEYS) do
    counts[i] = redis.call('INCR', key)
    if counts[i] == 1 then
        redis.call('EXPIRE', key, ARGV[i])
    end
end
return counts
"""


class Client(RedisCacheClient):
    """Django's client builds a new redis.Redis for every command (copying its table of some 250
    reply parsers); one holds nothing but its pool and is safe across threads, so one per pool
    serves every command."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._incr_existing = self._count = None

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]

    def incr(self, key, delta):
        client = self.get_client(key, write=True)
        if self._incr_existing is None:
            self._incr_existing = client.register_script(INCR_EXISTING)
        value = self._incr_existing(keys=[key], args=[delta], client=client)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value

    def count(self, keys, seconds):
        client = self.get_client(write=True)
        if self._count is None:
            self._count = client.register_script(COUNT)
        return self._count(keys=keys, args=seconds, client=client)


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = Client

    def count(self, counters):
        keys = [self.make_and_validate_key(key) for key in counters]
        return dict(zip(counters, self._cache.count(keys, list(counters.values())), strict=True))


def count(counters):
    """One more in each of `counters` (a key: the seconds it is kept from its first count), and
    the counts by key: in one round trip to Redis in production, one key after the other in any
    other cache."""
    if not counters:
        return {}
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        return cache.count(counters)
    return {key: _count(cache, key, seconds) for key, seconds in counters.items()}


def _count(cache, key, seconds):
    try:
        return cache.incr(key)
    except ValueError:
        if cache.add(key, 1, timeout=seconds):
            return 1
        return cache.incr(key)  # another request made it meanwhile
