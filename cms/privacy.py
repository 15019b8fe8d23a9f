"""Wagtail's page privacy (a password, a login, groups) applied wherever pages are listed or found,
not only where a page is served: lists, the calendar and search leave out what the visitor may not
open."""

from wagtail.models import Page, PageViewRestriction


def private_to(request):
    """The pages behind a view restriction that this visitor does not pass, with everything under
    them, as Wagtail's own check decides it when serving a page."""
    private = Page.objects.none()
    for restriction in PageViewRestriction.objects.select_related("page"):
        if not restriction.accept_request(request):
            private |= Page.objects.descendant_of(restriction.page, inclusive=True)
    return private.values("pk")


def readable(pages, request):
    """`pages` without those the visitor may not open."""
    return pages.exclude(pk__in=private_to(request))
