from django import template
from django.conf import settings
from django.template.defaulttags import TemplateIfParser
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from cms import page_cache
from cms.charts import BarChart
from cms.formats import (
    Figure,
    format_file_size,
    format_list,
    format_moment,
    format_number,
    format_percent,
    format_time_left,
    list_separator,
)
from cms.models import LegalPages, translations

register = template.Library()


@register.tag
def shared(parser, token):
    """`{% shared "name" value … when condition %}…{% endshared %}`: a part of a page every reader
    sees alike, in their language and time zone and for these values, rendered once per state of the
    site (page_cache.shared) while the condition holds (e.g. `when not form.is_bound`), else (and in
    a preview) every time. What it holds must be the same for everyone: no CSRF token, no name,
    nothing typed; and its values must be bounded (page numbers, choices, never what a visitor
    types). Variables it sets (`as`) are not seen after it."""
    bits = token.split_contents()[1:]
    condition = None
    if "when" in bits:
        at = bits.index("when")
        bits, condition = bits[:at], TemplateIfParser(parser, bits[at + 1 :]).parse()
    nodelist = parser.parse(("endshared",))
    parser.delete_first_token()
    return SharedNode(nodelist, [parser.compile_filter(bit) for bit in bits], condition)


class SharedNode(template.Node):
    def __init__(self, nodelist, parts, condition):
        self.nodelist, self.parts, self.condition = nodelist, parts, condition

    def render(self, context):
        request = context.get("request")
        if (
            request is None
            or getattr(request, "is_preview", False)  # a draft's preview shows what is not published
            or (self.condition is not None and not self.condition.eval(context))
        ):
            return self.nodelist.render(context)
        parts = [str(part.resolve(context)) for part in self.parts]
        site = page_cache.site_of(request)
        key = ":".join(("template", site, get_language(), get_current_timezone_name(), *parts))
        return mark_safe(page_cache.shared(key, lambda: self.nodelist.render(context)))  # noqa: S308 (our templates)


@register.simple_tag(takes_context=True)
def language_links(context):
    """Links to the same page in every language, each language named in itself.

    A Wagtail page links to its translations (their slugs may differ), looked up once per state of
    the site; any other view keeps its path and swaps the language prefix.
    """
    request = context["request"]
    page = context.get("page")
    translations = {}
    if isinstance(page, Page):
        translations = page_cache.shared(
            f"translations:{page_cache.site_of(request)}:{page.pk}", lambda: translation_urls(page, request)
        )
    current = get_language()
    path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "bidi": info["bidi"],
                "url": translations.get(code) or in_language_prefix(path, current, code),
                "current": code == current,
            }
        )
    return links


def in_language_prefix(path, current, code):
    """The address under the language prefix `code`: no address of ours is translated, so only the
    prefix changes (without resolving and reversing the path, as translate_url does, five times
    a page)."""
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return f"/{code}/{path.removeprefix(prefix)}"
    return translate_url(path, code)


def translation_urls(page, request):
    live = page.get_translations(inclusive=True).live().select_related("locale")
    return {translation.locale.language_code: translation.get_url(request) for translation in live}


@register.simple_tag(takes_context=True)
def legal_page_urls(context):
    """The terms, privacy and accessibility pages in the reader's language, else as chosen in the
    settings: the footer is on every page, so they are looked up once per state and language."""
    request = context["request"]
    return page_cache.shared(
        f"legal-pages:{page_cache.site_of(request)}:{get_language()}", lambda: find_legal_page_urls(request)
    )


def find_legal_page_urls(request):
    """One query for all translations of all three pages."""
    legal = LegalPages.for_request(request)
    chosen = {
        "terms_page": legal.terms_page_id,
        "privacy_page": legal.privacy_page_id,
        "accessibility_statement_page": legal.accessibility_statement_page_id,
    }
    translations = Page.objects.live().filter(
        translation_key__in=Page.objects.filter(pk__in=chosen.values()).values("translation_key")
    )
    by_pk = {page.pk: page for page in translations.select_related("locale")}
    language = get_language()
    urls = {}
    for name, pk in chosen.items():
        if pk in by_pk:
            key = by_pk[pk].translation_key
            localized = [
                p for p in by_pk.values() if p.translation_key == key and p.locale.language_code == language
            ]
            urls[name] = (localized or [by_pk[pk]])[0].get_url(request)
    return urls


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The pages marked "show in menus" under the home page of the reader's language: one query,
    once per state and language."""
    request = context["request"]
    return page_cache.shared(
        f"main-menu:{page_cache.site_of(request)}:{get_language()}", lambda: menu_items(request)
    )


def menu_items(request):
    pages = (
        Page.objects.live()
        .in_menu()
        .filter(depth=3, locale__language_code=get_language())
        .order_by("path")
        .only("title", "url_path", "path", "depth", "locale_id")
    )
    return [(page.title, page.get_url(request)) for page in pages]


@register.simple_tag
def city_language():
    """The language the city and the council write in (the authoritative Bulgarian): their texts
    carry it as `lang` on pages in every other language."""
    return settings.LANGUAGE_CODE


@register.filter
def direction(language_code):
    """The writing direction of a language: a contribution keeps its own, whatever the page's."""
    try:
        return "rtl" if get_language_info(language_code)["bidi"] else "ltr"
    except KeyError:
        return "auto"


@register.filter
def pks(items):
    """`{% shared "documents" documents|pks %}`: which items these are, as a value of a shared part."""
    return ",".join(str(item.pk) for item in items)


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.simple_tag(takes_context=True)
def query_with(context, *pairs, **changes):
    """The current query string with some parameters changed, e.g. the page number; `pairs` are
    names and values in turn, for a name that is itself a variable."""
    query = context["request"].GET.copy()
    changes.update(zip(pairs[::2], pairs[1::2], strict=True))
    for name, value in changes.items():
        query[name] = value
    return query.urlencode()


@register.filter
def bar_chart(figures):
    """`{% for bar in figures|bar_chart %}`: see cms.charts.BarChart."""
    return BarChart(list(figures)).bars


@register.filter
def written_by(contribution, user):
    """`{% if comment|written_by:user %}`: see Contribution.is_by."""
    return contribution.is_by(user)


@register.filter
def moment(value, style="datetime"):
    """`{{ comment.created_at|moment }}`, `|moment:"date"`, …: see cms.formats.format_moment."""
    return format_moment(value, style) if value else ""


@register.filter
def number(value, style=""):
    """`{{ figure.value|number }}`, `{{ value.year|number:"year" }}`, `{{ share|number:"percent" }}`:
    see cms.formats.format_number and format_percent."""
    if value is None:
        return ""
    if style == "percent":
        return format_percent(value)
    return format_number(value, grouping=style != "year")


@register.filter
def time_left(value):
    """`{{ consultation.closes_at|time_left }}`: "3 дни", "۳ روز" (cms.formats.format_time_left)."""
    return format_time_left(value) if value else ""


@register.filter
def file_size(size):
    """`{{ document.file_size|file_size }}`: see cms.formats.format_file_size."""
    return format_file_size(size) if size else ""


@register.filter
def listed(items, attribute="label"):
    """`{{ event.languages|listed }}`: the items' labels joined as the language joins a list."""
    return format_list(getattr(item, attribute) for item in items)


register.simple_tag(list_separator, name="list_separator")


@register.simple_tag
def in_language(obj, field):
    """`{% in_language obj "field" as text %}`: the field in the reader's language, or the original
    marked as such; render it with `includes/text_in_language.html`."""
    return translations.in_language(obj, field)


@register.filter
def isolated(text):
    """`{{ title|isolated }}`: a TextInLanguage within a line, isolated in `<bdi>` and marked with its
    language when that is not the page's; a value for joined strings ("Minutes: {{ title }}")."""
    if text.language == get_language():
        return format_html("<bdi>{}</bdi>", text.text)
    return format_html('<bdi lang="{}" dir="{}">{}</bdi>', text.language, text.direction, text.text)


@register.filter
def figure(value):
    """A count as the page's language writes it, still a number for `blocktranslate count`;
    anything that is not a whole number (None, "") as it is."""
    try:
        return Figure(value)
    except (TypeError, ValueError):
        return value
