"""Wagtail's page privacy (a password, a login, groups) applied wherever pages are listed or found,
not only where a page is served: lists, the calendar and search leave out what the visitor may not
open. The privacy of document collections likewise, wherever documents are listed."""

from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction


def behind(restrictions, nodes, field, request):
    """The nodes of a tree (pages, collections) behind a view restriction that this visitor does
    not pass, with everything under them, as Wagtail's own check decides it when serving them.
    Without a visitor (`None`): behind any restriction, so what anyone may open is left."""
    private = nodes.none()
    for restriction in restrictions.select_related(field):
        if request is None or not restriction.accept_request(request):
            private |= nodes.descendant_of(getattr(restriction, field), inclusive=True)
    return private.values("pk")


def private_to(request):
    """The pages this visitor may not open."""
    return behind(PageViewRestriction.objects, Page.objects, "page", request)


def readable(pages, request):
    """`pages` without those the visitor may not open."""
    return pages.exclude(pk__in=private_to(request))


def private_collections(request=None):
    """The collections whose documents this visitor may not open (without a visitor: those not
    everyone may open)."""
    return behind(CollectionViewRestriction.objects, Collection.objects, "collection", request)
