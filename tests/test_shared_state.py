"""What every reader of the same state of the site sees alike is worked out once per generation of
the page cache and shared by signed-in readers too: which page an address leads to (cms/middleware.py),
the menus, the footer, a page's translations and the parts of a page marked `{% shared %}`. Every
change readers would see shows at once."""

import re

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import Page

from cms.models import LegalPages
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TERMS = "/bg/terms/"


@pytest.fixture(autouse=True)
def shared(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def reader(client):
    client.force_login(UserFactory(display_name="Reader"))
    return client


def html(response):
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def kept(prefix):
    return [key for key in cache._cache if f":{prefix}:" in key]


def terms(code):
    return Page.objects.get(slug="terms", locale__language_code=code).specific


def test_a_second_request_finds_its_page_without_walking_the_tree(reader, django_assert_max_num_queries):
    with django_assert_max_num_queries(50) as first:
        cold = html(reader.get(TERMS))
    with django_assert_max_num_queries(50) as second:
        warm = html(reader.get(TERMS))

    assert warm == cold
    assert len(second) < len(first)
    assert not [query for query in second if "wagtailcore_site" in query["sql"]]
    assert not [query for query in second if '"wagtailcore_page"."slug" = ' in query["sql"]]


def test_a_page_unpublished_is_not_found_at_once(reader):
    reader.get(TERMS)
    terms("bg").unpublish()

    assert reader.get(TERMS).status_code == 404


def test_a_page_given_a_new_address_answers_there_at_once(reader):
    reader.get(TERMS)
    page = terms("bg")
    page.slug = "terms-of-use"
    page.save_revision().publish()

    assert reader.get(TERMS).status_code == 404
    assert reader.get("/bg/terms-of-use/").status_code == 200


def test_only_pages_own_addresses_are_kept(reader):
    reader.get(TERMS)
    reader.get("/bg/consultations/action-plan-2026/comments/999999/edit/")
    reader.get("/bg/no-such-page/")

    routes = " ".join(kept("shared-route"))
    assert TERMS in routes
    assert "/edit/" not in routes and "no-such-page" not in routes


def test_a_public_page_asks_no_more_whether_it_is_private(reader, django_assert_max_num_queries):
    reader.get(TERMS)
    with django_assert_max_num_queries(50) as second:
        assert reader.get(TERMS).status_code == 200

    assert not [query for query in second if "pageviewrestriction" in query["sql"]]


def test_a_page_made_private_is_closed_at_once_and_opens_again_at_once(reader):
    from wagtail.models import PageViewRestriction

    reader.get(TERMS)
    restriction = PageViewRestriction.objects.create(
        page=terms("bg"), restriction_type=PageViewRestriction.PASSWORD, password="the-page-password"
    )
    closed = reader.get(TERMS)
    restriction.delete()

    assert closed.status_code == 200
    assert 'name="password"' in closed.content.decode()
    assert 'name="password"' not in reader.get(TERMS).content.decode()


def test_a_page_below_one_made_private_is_closed_at_once(reader):
    from wagtail.models import PageViewRestriction

    reader.get(TERMS)
    PageViewRestriction.objects.create(
        page=terms("bg").get_parent(),
        restriction_type=PageViewRestriction.PASSWORD,
        password="the-page-password",
    )

    assert 'name="password"' in reader.get(TERMS).content.decode()


def test_the_menu_shows_a_new_title_at_once(reader):
    page = Page.objects.live().in_menu().filter(depth=3, locale__language_code="en").first().specific
    reader.get("/en/")
    page.title = "A page with a new title"
    page.save_revision().publish()

    menu = html(reader.get("/en/")).split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert "A page with a new title" in menu


def test_the_footer_follows_the_legal_pages_setting_at_once(reader):
    legal = LegalPages.objects.get()
    assert 'href="/en/terms/"' in html(reader.get("/en/"))
    legal.terms_page = None
    legal.save()

    footer = html(reader.get("/en/")).split('<footer class="site-footer">', 1)[1]
    assert 'href="/en/terms/"' not in footer and 'href="/en/privacy/"' in footer


def test_the_language_links_follow_a_translation_at_once(reader):
    assert 'href="/en/terms/"' in html(reader.get(TERMS))
    english = terms("en")
    english.slug = "terms-of-use"
    english.save_revision().publish()

    languages = html(reader.get(TERMS)).split('class="language-nav"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/en/terms-of-use/"' in languages


def shared_part(request, value, **extra):
    template = Template("{% load otvoren_grad %}{% shared 'part' when show %}{{ value }}{% endshared %}")
    return template.render(Context({"request": request, "value": value, "show": True, **extra}))


def test_a_shared_part_is_rendered_once_per_state_but_never_for_a_preview():
    request = RequestFactory().get("/bg/", HTTP_HOST="localhost")
    assert shared_part(request, "first") == "first"
    assert shared_part(request, "second") == "first"
    assert shared_part(request, "second", show=False) == "second"  # `when` does not hold

    request.is_preview = True
    assert shared_part(request, "second") == "second"
    request.is_preview = False
    Page.objects.get(slug="terms", locale__language_code="bg").specific.save_revision().publish()
    assert shared_part(request, "second") == "second"  # a new generation
