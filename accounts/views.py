import json

from allauth.account import views as allauth_views
from allauth.core.internal import ratelimit as allauth_ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail import views as wagtail_views
from wagtail.admin.views.account import AccountView, NameEmailSettingsPanel
from wagtail.documents.views import serve as wagtaildocs_serve
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from cms import ratelimit

from . import personal_data
from .emails import read_stop_token
from .forms import EraseAccountForm, PrivacyPasswordForm


@login_required
def my_data(request):
    """Download everything we hold as JSON, or erase the account."""
    over_limit = request.method == "POST" and not ratelimit.allow(request, "erase")
    form = EraseAccountForm(request.user, request.POST or None, over_limit=over_limit)
    if request.method == "POST" and form.is_valid():
        personal_data.erase(request.user)
        logout(request)
        messages.success(request, _("Your account is erased. Thank you for taking part."))
        return redirect(f"/{get_language()}/")  # the home page in the language they were reading
    return TemplateResponse(
        request,
        "accounts/my_data.html",
        {"form": form, "sections": personal_data.sections(request.user)},
        status=429 if over_limit else 200,
    )


@login_required
def my_data_download(request):
    content = json.dumps(personal_data.export(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="otvoren-grad-my-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def stop_emails(request, token):
    """The link at the foot of a moderator's email: opening it (GET) only asks, confirming (POST)
    turns that one kind of email off. The signed link is the permission: no sign-in needed."""
    user, preference = read_stop_token(token)
    stopped = request.method == "POST"
    if stopped:
        setattr(user, preference, False)
        user.save(update_fields=[preference])
    context = {"preference": preference, "stopped": stopped}
    return TemplateResponse(request, "accounts/stop_emails.html", context)


class LinksNeverSignOutMixin:
    """Opening a link (GET) never signs anyone out. allauth signs out whoever is signed in when
    they open the email-confirmation or password-reset link of another account, so anyone could
    sign a person out by sending them a link to an account of their own. Confirming (POST) still
    signs the other account out, as allauth means it to."""

    def logout(self):
        if self.request.method == "POST":
            super().logout()


class ConfirmEmailView(LinksNeverSignOutMixin, allauth_views.ConfirmEmailView):
    pass


class PasswordResetFromKeyView(LinksNeverSignOutMixin, allauth_views.PasswordResetFromKeyView):
    pass


# Wrong passwords on the password forms of private pages and collections are limited per address
# and per restriction (a page and the pages under it share one): ACCOUNT_RATE_LIMITS["privacy_password"].
LIMITED_ACTION = "privacy_password"


def limit_guesses(request, key, check, refuse):
    """Count the attempt, then compare its password (`check`), or over the limit `refuse` without
    comparing it. Counting first, in one step under allauth's lock, is what holds the limit when
    guesses arrive together: none is compared before it is counted. A right password (Wagtail's
    views redirect only then) gets its attempt back, so only wrong ones add up. allauth's public
    `consume` answers only yes or no; its internal one returns the attempt, which can be given back."""
    attempt = allauth_ratelimit.consume(request, app="allauth.account", action=LIMITED_ACTION, key=key)
    if attempt is None:
        return refuse()
    response = check()
    if response.status_code == 302:
        attempt.rollback()
    return response


def page_password(request, page_view_restriction_id, page_id):
    """`/<lang>/_util/authenticate_with_password/…` of `wagtail.urls`; over the limit, the password
    is not compared and the answer is the same refusal whatever was typed."""

    def refuse():
        restriction = get_object_or_404(PageViewRestriction, pk=page_view_restriction_id)
        page = get_object_or_404(Page, pk=page_id).specific
        form = PrivacyPasswordForm(request.POST, instance=restriction, over_limit=True)
        response = page.serve_password_required_response(request, form, request.path)
        response.status_code = 429
        return response

    return limit_guesses(
        request,
        f"page:{page_view_restriction_id}",
        lambda: wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id),
        refuse,
    )


def document_password(request, restriction_id):
    """`/documents/authenticate_with_password/…` (private collections of documents), limited the same way."""

    def refuse():
        restriction = get_object_or_404(CollectionViewRestriction, pk=restriction_id)
        form = PrivacyPasswordForm(request.POST, instance=restriction, over_limit=True)
        template = getattr(
            settings, "WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE", "wagtaildocs/password_required.html"
        )
        return TemplateResponse(request, template, {"form": form, "action_url": request.path}, status=429)

    return limit_guesses(
        request,
        f"collection:{restriction_id}",
        lambda: wagtaildocs_serve.authenticate_with_password(request, restriction_id),
        refuse,
    )


class AdminAccountView(AccountView):
    """The admin's account page without Wagtail's "Name and Email" panel: it asks for a first and a
    last name, which this site never asks anyone (a display name is the only name) and without
    which the page cannot be saved, and it changes the address past allauth's verification, which
    stays the only way to change it (/accounts/email/)."""

    def get_panels(self):
        return [panel for panel in super().get_panels() if not isinstance(panel, NameEmailSettingsPanel)]
