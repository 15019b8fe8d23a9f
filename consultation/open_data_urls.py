"""The open data files, at addresses without a language prefix (they are in no reader's language),
included at `open-data/`; the page that lists them is `/<lang>/open-data/` (docs/open-data.md)."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    re_path(
        r"^consultations/(?P<slug>[\w-]+)\.(?P<extension>csv|json)$",
        views.open_data_report,
        name="open_data_report",
    ),
    re_path(
        r"^data-dictionary\.(?P<extension>csv|json)$", views.open_data_dictionary, name="open_data_dictionary"
    ),
    path("open-data.zip", views.open_data_archive, name="open_data_archive"),
]
