"""The writing actions of a consultation; each is a route of ConsultationPage (see models)."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, quote_etag
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail.models import Locale

from cms import ratelimit

from . import opendata
from .discussion import polls
from .forms import (
    AbuseReportForm,
    CommentEditForm,
    CommentForm,
    PollAnswerForm,
    ProposalForm,
    SupportForm,
)
from .fragments import SharedDiscussion
from .models import (
    AbuseReport,
    Comment,
    ConsultationPage,
    ConsultationReport,
    Follow,
    ModerationStatus,
    Poll,
    Proposal,
    Support,
    Vote,
)
from .moderator_emails import tell_moderators_of
from .notifications import notify_of_reply
from .pdf import ReportPdf
from .report import ConsultationReportData, report_columns


def participant_action(action, methods=("POST",), open_only=True, anchor=""):
    """Signed in, consultation open, within the rate limit; a clear refusal otherwise. Opening a
    POST-only address (a refused form's page reloaded, a link from history) leads back to the
    page, at `anchor`, rather than to a bare "method not allowed"."""

    def decorator(view):
        @wraps(view)
        def wrapped(page, request, *args, **kwargs):
            if request.method not in methods:
                if request.method in ("GET", "HEAD"):
                    return HttpResponseRedirect(f"{page.get_url(request)}{anchor}")
                return HttpResponseNotAllowed(methods)
            if not request.user.is_authenticated:
                return redirect_to_login(page.get_url(request))
            if open_only and not page.is_open:
                raise PermissionDenied(_("This consultation is not open for contributions."))
            if request.method == "POST" and not ratelimit.allow(request, action):
                messages.error(request, _("You are writing faster than we allow. Please wait a few minutes."))
                return render_page(page, request, status=429)
            return view(page, request, *args, **kwargs)

        return wrapped

    return decorator


def render_page(page, request, status=200, **forms):
    """The consultation's page with a refused form in place of its blank one (the templates find
    the refused poll or support form by its poll or proposal), at the top of the form its summary
    of what is wrong, and "Error:" in the title."""
    context = page.get_context(request, support_form=forms.get("support_form"))
    context.update(forms)
    context["form_refused"] = any(form.errors for form in forms.values())
    return TemplateResponse(request, page.get_template(request), context, status=status)


def saved(request, message, url):
    messages.success(request, message)
    return HttpResponseRedirect(url)


@participant_action("comment", anchor="#comment-form")
def post_comment(page, request):
    form = CommentForm(request.POST, consultation=page, user=request.user)
    if not form.is_valid():
        return render_page(page, request, status=400, comment_form=form)
    comment = form.save(commit=False)
    comment.section_key = form.cleaned_data["section"]
    comment.parent = form.cleaned_data["reply_to"]
    try:
        comment, created = comment.submit(
            page, request.user, form.cleaned_data["submission_key"], follow=form.wants_emails
        )
    except ValidationError as refusal:
        form.add_error(None, refusal)
        return render_page(page, request, status=400, comment_form=form)
    if created and comment.is_public:
        notify_of_reply(comment)
    if comment.status == ModerationStatus.PENDING:
        message = _("Thank you. Your comment will appear once a moderator has read it.")
    else:
        message = _("Thank you. Your comment is published.")
    return saved(request, message, f"{page.get_url(request)}#comment-{comment.pk}")


def own_comment(page, request, pk):
    comment = get_object_or_404(Comment.objects.of(page), pk=pk, deleted_at__isnull=True)
    if comment.author_id != request.user.pk:
        raise PermissionDenied(_("You can change only your own comments."))
    return comment


@participant_action("comment", methods=("GET", "POST"))
def edit_comment(page, request, pk):
    comment = own_comment(page, request, pk)
    if not comment.can_edit(request.user):
        raise PermissionDenied(_("A comment can be changed only in the first 15 minutes."))
    form = CommentEditForm(request.POST or None, instance=comment)
    if request.method == "POST" and form.is_valid():
        comment.edit_by_author(form.cleaned_data["text"], form.cleaned_data["language"])
        if comment.status == ModerationStatus.PENDING:
            message = _("Your comment is changed. Until a moderator has read it again, only you can see it.")
        else:
            message = _("Your comment is changed.")
        return saved(request, message, f"{page.get_url(request)}#comment-{comment.pk}")
    return TemplateResponse(
        request, "consultation/edit_comment.html", {"page": page, "form": form, "comment": comment}
    )


@participant_action("comment", methods=("GET", "POST"))
def delete_comment(page, request, pk):
    comment = own_comment(page, request, pk)
    if request.method == "POST":
        comment.delete_by_author()
        return saved(request, _("Your comment is deleted."), f"{page.get_url(request)}#comment-{comment.pk}")
    return TemplateResponse(request, "consultation/delete_comment.html", {"page": page, "comment": comment})


@participant_action("proposal", methods=("GET", "POST"))
def submit_proposal(page, request):
    form = ProposalForm(request.POST or None, consultation=page, user=request.user)
    if request.method == "POST" and form.is_valid():
        proposal, _created = form.save(commit=False).submit(
            page, request.user, form.cleaned_data["submission_key"], follow=form.wants_emails
        )
        if proposal.status == ModerationStatus.PENDING:
            message = _("Thank you. Your proposal will appear once a moderator has read it.")
        else:
            message = _("Thank you. Your proposal is published.")
        return saved(request, message, f"{page.get_url(request)}#proposal-{proposal.pk}")
    return TemplateResponse(request, "consultation/proposal_form.html", {"page": page, "form": form})


@participant_action("vote", anchor="#polls", open_only=False)
def vote(page, request, pk):
    poll = get_object_or_404(Poll.objects.of(page), pk=pk)
    shown = next(view for view in polls(page, request.user, page.locale) if view.poll.pk == poll.pk)
    form = PollAnswerForm(request.POST, poll=shown, consultation=page)
    if form.is_valid():
        try:
            with transaction.atomic():
                Vote.objects.create(poll=poll, choice_id=form.cleaned_data["choice"], user=request.user)
        except IntegrityError:
            form.add_error(None, _("You have already answered this question."))
        else:
            return saved(request, _("Thank you for your answer."), f"{page.get_url(request)}#poll-{poll.pk}")
    return render_page(page, request, status=400, poll_form=form)


@participant_action("support", anchor="#proposals", open_only=False)
def toggle_support(page, request, pk):
    """The page of proposals the button was on comes in the form's address (`?proposals=`), so a
    refusal is shown on that page and a success leads back to it."""
    proposal = get_object_or_404(Proposal.objects.of(page), pk=pk, status=ModerationStatus.PUBLISHED)
    back = request.GET.get("proposals", "")
    query = f"?proposals={back}" if back.isascii() and back.isdigit() else ""
    url = f"{page.get_url(request)}{query}#proposal-{proposal.pk}"
    form = SupportForm(request.POST, proposal=proposal, consultation=page)
    if form.is_valid():
        if form.cleaned_data["withdraw"]:
            Support.objects.filter(proposal=proposal, user=request.user).delete()
            return saved(request, _("You no longer support this proposal."), url)
        try:
            new = proposal.add_support(request.user)
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            message = _("You support this proposal.") if new else _("You already support this proposal.")
            return saved(request, message, url)
    return render_page(page, request, status=400, support_form=form)


def reply_target(page, request):
    """The comment `?reply_to=` asks to reply to, if it accepts replies: no reply form otherwise."""
    pk = request.GET.get("reply_to", "")
    parent = Comment.objects.of(page).filter(pk=pk).first() if pk.isascii() and pk.isdigit() else None
    return parent.pk if parent is not None and parent.accepts_replies else None


def discussion_context(page, request, support_form=None):
    discussion = SharedDiscussion(page, request, support_form)
    comments, comment_list = discussion.comments()
    proposals, proposal_list = discussion.proposals()
    comment_form = CommentForm(
        consultation=page,
        user=request.user,
        following=discussion.reader.follows,
        initial={"section": request.GET.get("comment_on"), "reply_to": reply_target(page, request)},
    )
    return {
        "sections": discussion.sections,
        "draft": discussion.draft(),
        "comment_list_form": discussion.list_form,
        "comments": comments,
        "comment_list": comment_list,
        "proposals": proposals,
        "proposal_list": proposal_list,
        "comment_form": comment_form,
        "polls": discussion.polls(),
        "published_report": discussion.state.published_report,
        "documents": discussion.documents(),
        "plan_version_entry": discussion.state.plan_version_entry,
        "following": not comment_form.asks_about_emails,  # it asks everyone who does not follow
    }


@participant_action("abuse_report", methods=("GET", "POST"), open_only=False)
def report_abuse(page, request, model, pk):
    item = get_object_or_404(model.objects.of(page), pk=pk, status=ModerationStatus.PUBLISHED)
    field = model._meta.model_name
    anchor = f"{page.get_url(request)}#{field}-{item.pk}"
    if AbuseReport.objects.filter(**{field: item}, reporter=request.user).exists():
        return saved(request, _("You have already reported this. The moderators will look at it."), anchor)
    form = AbuseReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                abuse_report = AbuseReport.objects.create(
                    **{field: item}, reporter=request.user, reason=form.cleaned_data["reason"]
                )
                tell_moderators_of(abuse_report)
        except IntegrityError:
            pass
        return saved(request, _("Thank you. The moderators will look at it."), anchor)
    return TemplateResponse(
        request, "consultation/report_abuse.html", {"page": page, "form": form, "item": item}
    )


@participant_action("support", open_only=False)
def toggle_follow(page, request):
    if request.POST.get("stop"):
        Follow.stop(request.user, page)
        message = _("You no longer follow this consultation.")
    else:
        Follow.start(request.user, page)
        message = _("You follow this consultation: we will email you about replies, answers and its end.")
    return saved(request, message, page.get_url(request))


def visible_report(page, request):
    """The report if published; before that only to the staff who prepare it; else not found."""
    report = ConsultationReport.objects.of(page).first()
    if report is None:
        raise Http404
    staff = request.user.has_perm("consultation.change_consultationreport") or request.user.has_perm(
        "consultation.change_comment"
    )
    if not report.is_published and not staff:
        raise Http404
    return report


def report_page(page, request):
    report = visible_report(page, request)
    context = {
        "page": page,
        "report": report,
        "data": ConsultationReportData(page, request.user, report),
        "documents": page.readable_documents(request),
    }
    return TemplateResponse(request, "consultation/report.html", context)


def report_file(request, slug, extension):
    """`…/<slug>/report.csv` and `report.pdf`: Wagtail's page routes take no dots, so these two
    addresses are plain URL patterns that find the consultation in the reader's language, and are
    served through Wagtail's page hooks like the page itself, so its privacy (a password, a login,
    groups) holds for them too."""
    page = get_object_or_404(ConsultationPage.objects.live().filter(locale=Locale.get_active()), slug=slug)
    view = {"csv": report_csv, "pdf": report_pdf}[extension]

    def serve_file(page, request, args, kwargs):
        return view(page, request)

    chain = serve_file
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        chain = hook(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        refusal = hook(page, request, (), {})
        if isinstance(refusal, HttpResponse):
            return refusal
    return chain(page, request, (), {})


def report_csv(page, request):
    report = visible_report(page, request)
    response = HttpResponse(
        ConsultationReportData(page, request.user, report).csv(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{page.slug}-report-{page.locale.language_code}.csv"'
    )
    return response


def report_pdf(page, request):
    visible_report(page, request)
    report = ReportPdf(page.pk, page.locale.language_code)
    report.page = page
    return report.response(request, back_url=f"{page.get_url(request)}report/")


@require_safe
def open_data(request):
    """The open data page: the published reports, the data dictionary in the reader's language,
    the licence and the council's OParl entry point."""
    context = {
        "reports": opendata.listing(get_language()),
        "columns": report_columns(),
        "types": opendata.TYPES,
        "licence": opendata.licence(),
        "oparl": opendata.OPARL_ENTRY_POINT,
    }
    return TemplateResponse(request, "consultation/open_data.html", context)


@require_safe
def open_data_report(request, slug, extension):
    entry = opendata.open_report(slug)
    if entry is None:
        raise Http404
    return data_file(request, entry.csv() if extension == "csv" else entry.json(), f"{slug}.{extension}")


@require_safe
def open_data_dictionary(request, extension):
    content = opendata.dictionary_csv() if extension == "csv" else opendata.dictionary_json()
    return data_file(request, content, f"data-dictionary.{extension}")


@require_safe
def open_data_archive(request):
    return data_file(request, opendata.archive(), "open-data.zip")


DATA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "zip": "application/zip",
}


def data_file(request, content, filename):
    """An open data file: any website may read it, it keeps its name when saved, and caches and
    harvesters may keep it and ask again with its ETag ("not modified")."""
    content = content.encode() if isinstance(content, str) else content
    extension = filename.rsplit(".", 1)[1]
    response = HttpResponse(content, content_type=DATA_TYPES[extension])
    response["Content-Disposition"] = content_disposition_header(extension != "json", filename)
    response["ETag"] = quote_etag(opendata.digest(content))
    patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_SECONDS)
    response = get_conditional_response(request, etag=response["ETag"], response=response)
    response["Access-Control-Allow-Origin"] = "*"
    return response
