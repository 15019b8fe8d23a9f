"""allauth's views that this project changes, at allauth's own addresses and names: included before
`allauth.urls`, so these are the ones that answer."""

from django.urls import re_path

from . import views

urlpatterns = [
    re_path(
        r"^confirm-email/(?P<key>[-:\w]+)/$", views.ConfirmEmailView.as_view(), name="account_confirm_email"
    ),
    re_path(
        r"^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        views.PasswordResetFromKeyView.as_view(),
        name="account_reset_password_from_key",
    ),
]
