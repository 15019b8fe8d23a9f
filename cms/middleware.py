"""Which page an address leads to is the same for every reader while the site's pages stay as they
are, so Wagtail's routing runs once per generation of the page cache instead of on every request."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from wagtail import views as wagtail_views

from cms import page_cache


class SharedRoutesMiddleware:
    """Wagtail finds a page by walking its tree from the site's root: the site, the locale, the
    root page, then two queries for each level below it (the child, then its own table), seven
    queries for a consultation. Publishing, unpublishing, moving or deleting a page starts a new
    generation, so the site and the page an address leads to (as loaded from the database, with
    its locale) are kept per generation, by host name, port and path; a request takes its own copy
    of the page, which routes itself again (checked as live; a consultation finds its own view).
    Wagtail keeps both on the request (`_wagtail_site`, `_wagtail_route_for_request`) and reads
    them from there. What else changes in a page's row (a draft saved, a lock) is not shown on it.

    Only a page's own address is kept (not its routes with numbers in them, such as
    `comments/<id>/edit/`), so the entries are bounded by the pages. A change of the sites themselves
    (host name, root page), made once when the site is set up, reaches the routes within
    PAGE_CACHE_SECONDS, as it reaches anonymous pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_shared_route_key", None)
        if key is not None and (route := self.own_address_route(request)) is not None:
            cache.set(key, route, settings.PAGE_CACHE_SECONDS)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Only Wagtail's own view routes (asked once the address is resolved): the council's, the
        accounts' and the other views cost no look-up, fifty votes at once among them."""
        if settings.PAGE_CACHE_SECONDS <= 0 or view_func is not wagtail_views.serve:
            return None
        key = f"shared-route:{page_cache.generation()}:{page_cache.site_of(request)}:{request.path_info}"
        kept = cache.get(key)
        if kept is None:
            request._shared_route_key = key  # kept once the view has routed it (__call__)
        else:
            self.restore(request, *kept)
        return None

    @staticmethod
    def restore(request, site, page):
        request._wagtail_site = site
        try:
            request._wagtail_route_for_request = page.route(request, [])
        except Http404:
            request._wagtail_route_for_request = None

    @staticmethod
    def own_address_route(request):
        """(the site, the page as stored) if Wagtail served a page at its own address."""
        match = getattr(request, "resolver_match", None)
        route = getattr(request, "_wagtail_route_for_request", None)
        if match is None or match.func is not wagtail_views.serve or route is None:
            return None
        page = route.page
        if page.get_url(request) != request.path:
            return None
        return request._wagtail_site, type(page).objects.select_related("locale").get(pk=page.pk)
