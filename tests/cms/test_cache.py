"""Production's Redis cache (cms/cache.py) keeps Django's promises, against a real Redis: what the
write budget and the generations of the shared parts count on."""

import os
import secrets
import threading
import time
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from cms import ratelimit
from cms.cache import count
from tests.factories import UserFactory

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_cache(settings):
    import redis

    server = redis.Redis.from_url(REDIS_URL)
    try:
        server.ping()
    except redis.ConnectionError:
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail(f"no Redis at {REDIS_URL}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    prefix = f"test-{secrets.token_hex(6)}"
    settings.CACHES = {
        "default": {"BACKEND": "cms.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}
    }
    yield SimpleNamespace(server=server, prefix=prefix)  # this test's keys alone, whatever runs beside it
    for key in server.scan_iter(f"{prefix}:*"):
        server.delete(key)


def test_incr_counts_an_existing_key_and_refuses_a_missing_one(redis_cache):
    cache.set("counter", 5, timeout=60)

    assert cache.incr("counter") == 6
    assert cache.incr("counter", 10) == 16
    assert cache.get("counter") == 16
    with pytest.raises(ValueError):
        cache.incr("missing")
    assert cache.get("missing") is None  # refusing made no key


def test_a_rate_counter_expires_with_its_window(redis_cache):
    counts = [count({"window": 60, "hour": 3600}) for _request in range(3)]

    assert counts == [{"window": n, "hour": n} for n in (1, 2, 3)]
    assert cache.get("window") == 3  # the cache reads what was counted
    for name, seconds in (("window", 60), ("hour", 3600)):
        (key,) = redis_cache.server.keys(f"{redis_cache.prefix}:*:{name}")
        assert seconds - 5 < redis_cache.server.ttl(key) <= seconds  # each its own window, not outlived


def test_a_writing_request_counts_its_budgets_in_one_round_trip(redis_cache, rf):
    """Per person and per address: fifty council members voting at once (benchmarks/council_votes.py)."""
    import redis

    request = rf.post("/en/council/motions/1/vote/", REMOTE_ADDR="10.1.2.3")
    request.user = SimpleNamespace(pk=7)
    ratelimit.allow(request, "write")  # the counters made, their script loaded
    sent = []
    send = redis.connection.Connection.send_packed_command

    def counted(connection, command, *args, **kwargs):
        sent.append(command)
        return send(connection, command, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(redis.connection.Connection, "send_packed_command", counted)
        assert ratelimit.allow(request, "write")

    assert len(sent) == 1
    window = int(time.time() // 600)
    assert {
        key.decode().split(":", 2)[2]: int(redis_cache.server.get(key))
        for key in redis_cache.server.keys(f"{redis_cache.prefix}:*")
    } == {
        f"ratelimit:write:user:7:{window}": 2,
        f"ratelimit:write:ip:10.1.2.3:{window}": 2,
    }


def test_requests_at_the_same_moment_are_each_counted_once(redis_cache):
    def send_requests():
        for _request in range(25):
            count({"crowd": 60})

    threads = [threading.Thread(target=send_requests) for _thread in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert cache.get("crowd") == 200


@pytest.mark.django_db
def test_the_write_budget_holds_with_redis(redis_cache, client, monkeypatch):
    monkeypatch.setitem(ratelimit.LIMITS, ("write", "user"), (2, 600))
    client.force_login(UserFactory())

    answers = [client.post("/en/council/meetings/1/motions/").status_code for _request in range(3)]

    assert answers == [403, 403, 429]
