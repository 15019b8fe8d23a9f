from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from cms.forms import SearchForm
from cms.ical import calendar_response
from cms.models import ActionPlanPage, EventIndexPage, Measure
from cms.privacy import readable

RESULTS_PER_PAGE = 10


def health(request):
    """For the load balancer's health check, and the benchmarks' bare baseline: no template, no query."""
    return HttpResponse("ok", content_type="text/plain")


def search(request):
    """Pages, events and plan measures in the reader's language, none of a page the reader may
    not open."""
    form = SearchForm(request.GET or None)
    pages = measures = total = None
    if form.is_valid():
        query = form.cleaned_data["q"]
        locale = Locale.get_active()
        pages_read = readable(Page.objects.live().filter(locale=locale), request)
        live_plans = ActionPlanPage.objects.live().filter(locale=locale, pk__in=pages_read.values("pk"))
        in_live_plans = Measure.objects.filter(locale=locale, page__in=live_plans).select_related("page")
        measures = list(get_search_backend().search(query, in_live_plans)[:20])
        results = pages_read.specific().search(query)
        pages = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        total = pages.paginator.count + len(measures)
    context = {"form": form, "pages": pages, "measures": measures, "total": total}
    return TemplateResponse(request, "cms/search.html", context)


@require_safe
def calendar_feed(request, path):
    """A calendar page's events as an iCalendar subscription, at the page's address + feed.ics
    (Wagtail's page routes take no dots). A calendar not everyone may open has none."""
    page = Page.find_for_request(request, path)
    if not isinstance(page, EventIndexPage) or not readable(Page.objects.filter(pk=page.pk), None).exists():
        raise Http404
    return calendar_response(page.calendar_file(request), f"{page.slug}-{get_language()}.ics")
