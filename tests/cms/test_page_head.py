"""What every page's head asks the browser to fetch exists: no 404 on any page's first visit."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["bg", "fa"])
def test_every_page_names_an_icon_that_exists(client, language):
    head = BeautifulSoup(client.get(f"/{language}/").content, "html.parser").head

    icon = head.select_one('link[rel="icon"]')

    assert icon is not None  # else browsers ask for /favicon.ico, which is a 404
    assert finders.find(icon["href"].removeprefix("/static/"))
