from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as accounts_views
from cms import views as cms_views
from consultation import views as consultation_views
from council import views as council_views

urlpatterns = [
    # The admin's login is allauth's, so its rate limits and enumeration protection apply.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    # The admin's own password reset is off (WAGTAIL_PASSWORD_RESET_ENABLED): allauth's is the only one.
    path("admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path(
        "admin/account/",
        require_admin_access(accounts_views.AdminAccountView.as_view()),
        name="wagtailadmin_account",
    ),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's password forms of private collections and pages, with a limit of wrong passwords.
    path("documents/authenticate_with_password/<int:restriction_id>/", accounts_views.document_password),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz/", cms_views.health, name="health"),
    path("oparl/v1/", include("council.oparl_urls")),  # the council's open data, in no language
    path("open-data/", include("consultation.open_data_urls")),  # the files, in no language
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/my-data/", accounts_views.my_data, name="my_data"),
    path("accounts/my-data/download/", accounts_views.my_data_download, name="my_data_download"),
    path("accounts/stop-emails/<str:token>/", accounts_views.stop_emails, name="stop_emails"),
    path("accounts/", include("accounts.urls")),  # allauth's views that never sign out on GET
    path("accounts/", include("allauth.urls")),
    path("search/", cms_views.search, name="search"),
    path("council/", include("council.urls")),
    path("decisions/", council_views.public_decisions, name="public_decisions"),
    path("open-data/", consultation_views.open_data, name="open_data"),
    path("consultations/", include("consultation.urls")),  # before Wagtail's pages: report.csv, report.pdf
    # wagtail.urls signs people in with Django's own LoginView, past allauth: only allauth may.
    path("_util/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        accounts_views.page_password,
    ),
    re_path(r"^(?P<path>(?:[\w-]+/)+)feed\.ics$", cms_views.calendar_feed, name="calendar_feed"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
