"""Rate limits for participants' writing actions, counted in the cache like allauth's."""

import time

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.shortcuts import render

# (action, scope) -> (how many, per seconds)
LIMITS = {
    ("comment", "user"): (10, 60 * 10),
    ("comment", "ip"): (30, 60 * 10),
    ("proposal", "user"): (5, 60 * 60),
    ("proposal", "ip"): (15, 60 * 60),
    ("support", "user"): (60, 60 * 10),
    ("vote", "user"): (30, 60 * 10),
    ("abuse_report", "user"): (10, 60 * 10),
    ("erase", "user"): (5, 60 * 60),  # password guesses on the account erasure form
    # Every other writing request (council, account pages), generously: see WriteLimitMiddleware.
    ("write", "user"): (120, 60 * 10),
    ("write", "ip"): (300, 60 * 10),
    # The admin: Wagtail's editor pings and autosaves by POST every few seconds; a city office
    # shares one address.
    ("admin-write", "user"): (2000, 60 * 10),
    ("admin-write", "ip"): (10000, 60 * 10),
}


def client_ip(request):
    """The visitor's address as allauth sees it: behind the reverse proxy, from X-Forwarded-For
    (TRUSTED_PROXY_COUNT), so visitors don't share the proxy's address."""
    return get_adapter(request).get_client_ip(request)


def allow(request, action):
    """Count one `action` for the user and their address; False once either is over its limit."""
    allowed = True
    for scope, identity in (("user", request.user.pk), ("ip", client_ip(request))):
        if (action, scope) not in LIMITS or identity is None:
            continue
        count, seconds = LIMITS[(action, scope)]
        window = int(time.time() // seconds)
        if hit(f"ratelimit:{action}:{scope}:{identity}:{window}", seconds) > count:
            allowed = False
    return allowed


def hit(key, seconds):
    """One more in the counter `key`, kept `seconds`: one round trip to the cache once it exists
    (cms/cache.py), for each writing request counts for the person and for the address."""
    try:
        return cache.incr(key)
    except ValueError:
        if cache.add(key, 1, timeout=seconds):
            return 1
        return cache.incr(key)  # another request made it meanwhile


class WriteLimitMiddleware:
    """Every writing request counts against a budget per person and per address, on top of the
    tighter limits of the participation actions: a script cannot flood any form of the site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        action = "admin-write" if request.path.startswith("/admin/") else "write"
        if request.method not in ("GET", "HEAD", "OPTIONS") and not allow(request, action):
            return render(request, "429.html", status=429)
        return self.get_response(request)
