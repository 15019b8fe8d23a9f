"""OParl 1.1 over HTTP (the objects are in council/oparl.py): JSON that any origin may read, GET
and HEAD only, nothing that signs in, keeps a session or asks for a CSRF token. Lists come in
pages and take the OParl filters created_since, created_until, modified_since, modified_until."""

import math
from datetime import datetime
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from . import oparl
from .pdf import PublicMinutesPdf

# A list's filter: which of an object's times it compares, and how.
FILTERS = {
    "created_since": ("created", "gte"),
    "created_until": ("created", "lte"),
    "modified_since": ("modified", "gte"),
    "modified_until": ("modified", "lte"),
}
TOMBSTONE_TIMES = {"created": "created", "modified": "deleted_at"}


class BadParameter(Exception):
    def __init__(self, name):
        super().__init__(name)
        self.name = name


def error(status, message):
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


def open_to_all(view):
    """Any origin may read, and only read; an error is JSON too, in the reader's language."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = error(405, _("This address only answers GET and HEAD."))
            response["Allow"] = "GET, HEAD"
        else:
            try:
                response = view(request, *args, **kwargs)
            except Http404:
                response = error(404, _("There is no such object in the council's open data."))
            except BadParameter as bad:
                response = error(
                    400,
                    _("%(name)s must be a date and time in ISO 8601, such as 2026-03-12T16:00:00+02:00.")
                    % {"name": bad.name}
                    if bad.name in FILTERS
                    else _("%(name)s must be the number of a page of the list.") % {"name": bad.name},
                )
        if response.status_code == 404:
            # An answer, not a page missing its language: LocaleMiddleware redirects a 404 of an
            # address without a language prefix to /bg/… unless the request's urlconf has none.
            request.urlconf = "council.oparl_urls"
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


def answer(request, write):
    """`write(api)` in the language of the council's texts, as JSON."""
    with translation.override(settings.LANGUAGE_CODE):
        data = write(oparl.Api(request))
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def filters(request):
    """The list's filters as {"created": [("gte", moment)], …}; a naive time is Sofia's."""
    wanted = {}
    for name, (time, lookup) in FILTERS.items():
        if name not in request.GET:
            continue
        # An offset typed into an address ("…T10:00:00+02:00") arrives with a space for its "+".
        typed = request.GET[name].strip().replace(" ", "+")
        try:
            value = datetime.fromisoformat(typed)
        except ValueError:
            raise BadParameter(name) from None
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        wanted.setdefault(time, []).append((lookup, value))
    return wanted


def filtered(rows, wanted, names):
    return rows.filter(
        **{f"{names[time]}__{lookup}": value for time, tests in wanted.items() for lookup, value in tests}
    )


def page_of(request, parts):
    """One page of a list whose `parts` are (rows, write) in turn: the objects in the open data,
    then the tombstones of those that left it. A fixed number of queries: a count and a slice of
    each part, and what `write` prefetches."""
    size = settings.OPARL_PAGE_SIZE
    counts = [len(rows) if isinstance(rows, list) else rows.count() for rows, _write in parts]
    total = sum(counts)
    pages = max(1, math.ceil(total / size))
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        raise BadParameter("page") from None
    if not 1 <= page <= pages:
        raise Http404
    start, data = (page - 1) * size, []
    for (rows, write), count in zip(parts, counts, strict=True):
        low, high = max(start, 0), min(start + size, count)
        if low < high:
            data += write(list(rows[low:high]))
        start -= count
    kept = {name: request.GET[name] for name in FILTERS if name in request.GET}

    def link(number):
        return request.build_absolute_uri(f"{request.path}?{urlencode({**kept, 'page': number})}")

    links = {"first": link(1), "last": link(pages)}
    if page > 1:
        links["prev"] = link(page - 1)
    if page < pages:
        links["next"] = link(page + 1)
    pagination = {"totalElements": total, "elementsPerPage": size, "currentPage": page, "totalPages": pages}
    return {"data": data, "pagination": pagination, "links": links}


@open_to_all
def object_list(request, kind):
    kind = oparl.KINDS[kind]
    wanted = filters(request)

    def write(api):
        rows = filtered(kind.rows(), wanted, {"created": kind.created, "modified": kind.modified})
        tombstones = filtered(kind.tombstones(), wanted, TOMBSTONE_TIMES)
        return page_of(
            request,
            [
                (rows, lambda page: kind.write_page(api, page)),
                (tombstones, lambda page: [kind.buried(api, tombstone) for tombstone in page]),
            ],
        )

    return answer(request, write)


@open_to_all
def one(request, kind, pk):
    return answer(request, lambda api: oparl.KINDS[kind].one(api, pk))


def matches(data, wanted):
    """A fixed object (the body, the council, its term) against the list's filters."""
    for time, tests in wanted.items():
        if time not in data:
            return False
        value = datetime.fromisoformat(data[time])
        if not all(value >= bound if lookup == "gte" else value <= bound for lookup, bound in tests):
            return False
    return True


def fixed_list(write_one):
    @open_to_all
    def view(request):
        wanted = filters(request)

        def write(api):
            found = [data for data in [write_one(api)] if matches(data, wanted)]
            return page_of(request, [(found, lambda page: page)])

        return answer(request, write)

    return view


def fixed(write_one):
    return open_to_all(lambda request: answer(request, write_one))


system = fixed(oparl.system)
body = fixed(oparl.body)
organization = fixed(oparl.organization)
legislative_term = fixed(oparl.legislative_term)
bodies = fixed_list(oparl.body)
organizations = fixed_list(oparl.organization)
legislative_terms = fixed_list(oparl.legislative_term)


@open_to_all
def results_protocol_pdf(request, pk):
    """The public edition of a public meeting's approved minutes, made as every PDF is (cms.pdf)."""
    if not oparl.Files().rows().filter(pk=pk).exists():
        raise Http404
    back = request.build_absolute_uri(request.path.removesuffix(".pdf"))
    return PublicMinutesPdf(pk, settings.LANGUAGE_CODE).response(request, back)


@open_to_all
def not_found(request):
    raise Http404
