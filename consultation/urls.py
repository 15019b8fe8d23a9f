"""A consultation's addresses that are not Wagtail page routes, included at `consultations/` in
every language: `<slug>/report.csv` and `<slug>/report.pdf` (Wagtail's page routes take no dots)."""

from django.urls import re_path

from . import views

urlpatterns = [
    re_path(
        r"^(?P<slug>[\w-]+)/report\.(?P<extension>csv|pdf)$",
        views.report_file,
        name="consultation_report_file",
    ),
]
