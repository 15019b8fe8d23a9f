"""Anonymous visitors share cached pages, so a consultation announced on television is served from
the cache (Redis in production) instead of rendering for everyone.

Only requests without a session or messages cookie, and without a query string, are served from
or stored in the cache, so a signed-in page never reaches anyone else. The key is the host name
(without the port, so ports cannot multiply the entries) and the path, which carries the language.
A host that is not in ALLOWED_HOSTS is refused (400) before the cache is looked at.
Publishing or unpublishing a page, making it private, moderation and new contributions start a new
generation of keys at once; counters (supports, poll answers) may be up to PAGE_CACHE_SECONDS behind.
"""

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from django.utils.cache import cc_delim_re

GENERATION_KEY = "page-cache:generation"
NEVER_CACHED = ("/admin/", "/healthz/")
SHAREABLE_COOKIES = {settings.CSRF_COOKIE_NAME}
_request = Local()  # this thread's (or task's) request: the generations it read


def generation(key=GENERATION_KEY):
    """The counter `key` (by default the pages' generation; any that `start_generation` moves on),
    read once per request: a request sees one state, and asks the cache once for it instead of once
    for each part it shares (the routes, the menu, the footer, a consultation's fragments)."""
    read = getattr(_request, "generations", None)
    if read is None:  # outside a request: a task, a command
        return cache.get_or_set(key, 1, timeout=None)
    if key not in read:
        read[key] = cache.get_or_set(key, 1, timeout=None)
    return read[key]


def _begin(**kwargs):
    _request.generations = {}


def _end(**kwargs):
    _request.generations = None


request_started.connect(_begin, dispatch_uid="page-cache-generations-begin")
request_finished.connect(_end, dispatch_uid="page-cache-generations-end")


def site_of(request):
    """The host name and port Wagtail finds the request's site by, for keys of what depends on the
    site (page addresses): the server's port, not one a visitor may add to the Host header."""
    host, _port = split_domain_port(request.get_host())
    return f"{host}:{request.get_port()}"


def shared(key, compute):
    """What every reader of the site's present state sees alike, signed in or not (the menus, a
    page's translations, the shared parts of a consultation page): computed once per generation and
    kept as long as anonymous pages (PAGE_CACHE_SECONDS; 0 computes it every time). `key` must take
    a bounded number of values (names of pages, languages, choices), never something a visitor types."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return compute()
    key = f"shared:{generation()}:{key}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PAGE_CACHE_SECONDS)
    return value


def invalidate(**kwargs):
    """A new generation: every page cached before is ignored and expires on its own."""
    start_generation(GENERATION_KEY)


def start_generation(key):
    """Moves the counter `key` on once now and once more when the change is committed: what is
    worked out in between, from the rows as they were, is never filed under the final generation."""
    bump(key)
    transaction.on_commit(lambda: bump(key))


def bump(key):
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=None)
    if read := getattr(_request, "generations", None):
        read.pop(key, None)  # what this request works out from now on is filed under the new one


def invalidate_on_change(*models):
    for model in models:
        post_save.connect(invalidate, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Validates the Host against ALLOWED_HOSTS (DisallowedHost: 400) whether the cache is on or not.
        host, _port = split_domain_port(request.get_host())
        if not self.is_anonymous_read(request):
            return self.get_response(request)
        key = f"page-cache:{generation()}:{host}:{request.path}"
        response = cache.get(key)
        if response is None:
            response = self.get_response(request)
            if self.is_shareable(response):
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def is_anonymous_read(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            # Only addresses without a query string: a flood of ?x=<random> cannot fill the cache
            # (and evict the rate-limit counters living beside the pages).
            and not request.META.get("QUERY_STRING")
            and set(request.COOKIES) <= SHAREABLE_COOKIES
            and not request.path.startswith(NEVER_CACHED)
        )

    @staticmethod
    def is_shareable(response):
        vary = {header.lower() for header in cc_delim_re.split(response.get("Vary", ""))}
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "accept-language" not in vary
            and "private" not in cache_control
            and "no-store" not in cache_control
        )
