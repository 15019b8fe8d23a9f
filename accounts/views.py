import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from consultation import ratelimit

from . import personal_data
from .forms import EraseAccountForm


@login_required
def my_data(request):
    """Download everything we hold as JSON, or erase the account."""
    form = EraseAccountForm(request.user, request.POST or None)
    if request.method == "POST" and not ratelimit.allow(request, "erase"):
        form.add_error(None, _("Too many attempts. Please wait an hour and try again."))
    elif request.method == "POST" and form.is_valid():
        personal_data.erase(request.user)
        logout(request)
        messages.success(request, _("Your account is erased. Thank you for taking part."))
        return redirect(f"/{get_language()}/")  # the home page in the language they were reading
    return TemplateResponse(request, "accounts/my_data.html", {"form": form})


@login_required
def my_data_download(request):
    content = json.dumps(personal_data.export(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="otvoren-grad-my-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response
