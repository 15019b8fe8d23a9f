from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from cms.models import LegalPages

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """Links to the same page in every language, each language named in itself.

    A Wagtail page links to its translations (their slugs may differ); any other view keeps
    its path and swaps the language prefix.
    """
    request = context["request"]
    page = context.get("page")
    translations = {}
    if isinstance(page, Page):
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation.get_url(request)
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "bidi": info["bidi"],
                "url": translations.get(code) or translate_url(request.get_full_path(), code),
                "current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def legal_page_urls(context):
    """The terms and privacy pages in the reader's language (the Bulgarian page if not translated)."""
    request = context["request"]
    legal = LegalPages.for_request(request)
    urls = {}
    for name in ("terms_page", "privacy_page"):
        page = getattr(legal, name)
        if page is not None:
            urls[name] = page.localized.get_url(request)
    return urls
