from django.urls import path

from . import views

app_name = "council"
urlpatterns = [
    path("", views.index, name="index"),
    path("meetings.ics", views.meetings_feed, name="meetings_feed"),  # public: a calendar subscription
    path("meetings/new/", views.edit_meeting, name="new_meeting"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/edit/", views.edit_meeting, name="edit_meeting"),
    path("meetings/<int:pk>/documents/", views.add_document, name="add_document"),
    path("meetings/<int:pk>/motions/", views.new_motion, name="new_motion"),
    path("meetings/<int:pk>/invite/", views.invite, name="invite"),
    path("meetings/<int:pk>/translations/", views.translations, name="translations"),
    path("meetings/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("meetings/<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("motions/<int:pk>/open/", views.open_vote, name="open_vote"),
    path("motions/<int:pk>/close/", views.close_vote, name="close_vote"),
    path("motions/<int:pk>/vote/", views.cast_vote, name="vote"),
    path("motions/<int:pk>/public/", views.toggle_public, name="toggle_public"),
    path("motions/<int:pk>/result.pdf", views.result_sheet, name="result_sheet"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("decisions/", views.decisions, name="decisions"),
    path("decisions.pdf", views.decisions_pdf, name="decisions_pdf"),
    path("audit/", views.audit_log, name="audit"),
    path("memberships/<int:pk>/consent/", views.consent, name="consent"),
]
