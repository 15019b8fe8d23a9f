"""Rate limits for participants' writing actions, counted in the cache like allauth's."""

import time

from django.core.cache import cache

# (action, scope) -> (how many, per seconds)
LIMITS = {
    ("comment", "user"): (10, 60 * 10),
    ("comment", "ip"): (30, 60 * 10),
    ("proposal", "user"): (5, 60 * 60),
    ("proposal", "ip"): (15, 60 * 60),
    ("support", "user"): (60, 60 * 10),
    ("vote", "user"): (30, 60 * 10),
    ("report", "user"): (10, 60 * 10),
}


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "")


def allow(request, action):
    """Count one `action` for the user and their address; False once either is over its limit."""
    allowed = True
    for scope, identity in (("user", request.user.pk), ("ip", client_ip(request))):
        if (action, scope) not in LIMITS:
            continue
        count, seconds = LIMITS[(action, scope)]
        window = int(time.time() // seconds)
        key = f"ratelimit:{action}:{scope}:{identity}:{window}"
        cache.add(key, 0, timeout=seconds)
        if cache.incr(key) > count:
            allowed = False
    return allowed
