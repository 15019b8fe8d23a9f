"""A consultation's report files are routed in its own app (consultation/urls.py), at the public
addresses `/<language>/consultations/<slug>/report.csv` and `report.pdf`."""

import pytest
from django.conf import settings
from django.urls import resolve, reverse
from django.utils import translation

from consultation import views

SLUG = "bureau-services-2026"


@pytest.mark.parametrize("extension", ["csv", "pdf"])
@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_report_files_are_routed_with_the_consultation_at_their_public_addresses(language, extension):
    with translation.override(language):
        url = reverse("consultation_report_file", kwargs={"slug": SLUG, "extension": extension})
        public = resolve(url)

    assert url == f"/{language}/consultations/{SLUG}/report.{extension}"
    for match in (public, resolve(f"/{SLUG}/report.{extension}", urlconf="consultation.urls")):
        assert match.func is views.report_file
        assert match.kwargs == {"slug": SLUG, "extension": extension}
