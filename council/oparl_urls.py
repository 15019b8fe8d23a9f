"""The council's open data (OParl 1.1) under /oparl/v1/, in no language: /oparl/v1/system first."""

from django.urls import path, re_path

from . import oparl_views as views

app_name = "oparl"

LISTS = [
    ("meetings", "meeting"),
    ("agenda-items", "agenda_item"),
    ("papers", "paper"),
    ("files", "results_protocol"),
    ("locations", "location"),
    ("memberships", "membership"),
    ("people", "person"),
]
OBJECTS = [
    ("meeting/<int:pk>", "meeting"),
    ("meeting/<int:pk>/location", "location"),
    ("meeting/<int:pk>/results-protocol", "results_protocol"),
    ("agenda-item/<int:pk>", "agenda_item"),
    ("paper/<int:pk>", "paper"),
    ("membership/<int:pk>", "membership"),
    ("person/<int:pk>", "person"),
]

urlpatterns = [
    path("system", views.system, name="system"),
    path("bodies", views.bodies, name="bodies"),
    path("body/sofia", views.body, name="body"),
    path("body/sofia/organizations", views.organizations, name="organizations"),
    path("body/sofia/legislative-terms", views.legislative_terms, name="legislative_terms"),
    path("organization/council", views.organization, name="organization"),
    path("legislative-term/council", views.legislative_term, name="legislative_term"),
    *(
        path(f"body/sofia/{address}", views.object_list, {"kind": kind}, name=address.replace("-", "_"))
        for address, kind in LISTS
    ),
    *(path(address, views.one, {"kind": kind}, name=kind) for address, kind in OBJECTS),
    path("meeting/<int:pk>/results-protocol.pdf", views.results_protocol_pdf, name="results_protocol_pdf"),
    re_path(r"", views.not_found),  # any other address here: a JSON answer too
]
