"""Production's cache: Django's Redis backend without two costs it adds to every command.

A signed-in request asks Redis about ten things (its session, the write budget, the generations of
the shared parts); fifty council members voting at once (benchmarks/council_votes.py) made them a
tenth of a vote request's CPU."""

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


class Client(RedisCacheClient):
    """Django's client builds a new redis.Redis for every command (copying its table of some 250
    reply parsers); one holds nothing but its pool and is safe across threads, so one per pool
    serves every command."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._incr_existing = None

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


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = Client
