"""Rate limits for participants' writing actions, counted in the cache like allauth's."""

import time

from allauth.account.adapter import get_adapter
from django.shortcuts import render

from cms.cache import count

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
    now = time.time()
    limits = {}  # each counter's key: how many it allows
    counters = {}  # each counter's key: the seconds it counts
    for scope, identity in (("user", request.user.pk), ("ip", client_ip(request))):
        if (action, scope) not in LIMITS or identity is None:
            continue
        limit, seconds = LIMITS[(action, scope)]
        key = f"ratelimit:{action}:{scope}:{identity}:{int(now // seconds)}"
        limits[key], counters[key] = limit, seconds
    counts = count(counters)
    return all(counts[key] <= limit for key, limit in limits.items())


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
