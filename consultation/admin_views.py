"""The moderators' own pages beside the queue: answering many contributions at once (the common
answers after a consultation closes), and entering what arrived by email, letter, in person or phone;
and the reports that are late, for the staff who prepare and publish them."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.ui.components import Component

from cms.formats import Figure
from cms.languages import language_choices
from cms.text import TitleField
from cms.translation_fields import add_translation_fields, translation_field_names, translations_typed

from .answers import FROZEN, answer_contributions, answers_frozen
from .models import Channel, Comment, ConsultationPage, ModerationStatus, Proposal, TakenIntoAccount
from .received import enter_received


class BulkAnswerForm(forms.Form):
    comments = forms.ModelMultipleChoiceField(queryset=Comment.objects.none(), required=False)
    proposals = forms.ModelMultipleChoiceField(queryset=Proposal.objects.none(), required=False)
    taken_into_account = forms.ChoiceField(
        label=gettext_lazy("Accepted / not accepted"), choices=TakenIntoAccount.choices
    )
    answer = forms.CharField(
        label=gettext_lazy("Answer of the city"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, consultation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unanswered = {
            "consultation": consultation,
            "status": ModerationStatus.PUBLISHED,
            "taken_into_account": "",
        }
        self.fields["comments"].queryset = Comment.objects.filter(
            **unanswered, parent__isnull=True, deleted_at__isnull=True, is_official=False
        ).order_by("created_at")
        self.fields["proposals"].queryset = (
            Proposal.objects.filter(**unanswered).select_related("author").order_by("created_at")
        )
        add_translation_fields(self, None, "answer", _("%(language)s: translation of the answer"))

    def answer_translations(self):
        return [self[name] for name in translation_field_names(self, "answer").values()]

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("comments") and not cleaned_data.get("proposals"):
            raise forms.ValidationError(_("Choose at least one contribution."))
        return cleaned_data

    def save(self, user=None):
        """The same operation as one answer in the moderation form: refused once the report is
        published (ValidationError), translations and emails included."""
        return answer_contributions(
            [*self.cleaned_data["comments"], *self.cleaned_data["proposals"]],
            self.cleaned_data["taken_into_account"],
            self.cleaned_data["answer"],
            translations_typed(self, "answer"),
            user,
        )


def may_answer(user):
    return user.has_perms(["consultation.change_comment", "consultation.change_proposal"])


def chosen_consultation(request):
    """For the moderators' pages: every consultation (the originals, latest closing first) and the
    one chosen with `?consultation=`; refused to anyone who may not answer contributions."""
    if not may_answer(request.user):
        raise PermissionDenied
    consultations = ConsultationPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by(
        "-closes_at"
    )
    return consultations, consultations.filter(pk=request.GET.get("consultation") or None).first()


def bulk_answer(request):
    consultations, consultation = chosen_consultation(request)
    form = None
    if consultation is not None and request.method == "GET" and answers_frozen([consultation.pk]):
        messages.error(request, FROZEN)
    elif consultation is not None:
        form = BulkAnswerForm(consultation, request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                count = form.save(request.user)
            except ValidationError as refusal:
                form.add_error(None, refusal)  # the form comes back as typed, with the reason
            else:
                message = ngettext(
                    "%(count)s contribution answered.", "%(count)s contributions answered.", count
                )
                messages.success(request, message % {"count": Figure(count)})
                return redirect(request.get_full_path())
    context = {"consultations": consultations, "consultation": consultation, "form": form}
    return TemplateResponse(request, "consultation/admin/bulk_answer.html", context)


class ReceivedContributionForm(forms.Form):
    """A contribution that came by email, letter, in person or phone, as its sender gave it. A name
    or organisation is entered only when the sender agreed to be named in the report."""

    KINDS = [("comment", gettext_lazy("Comment")), ("proposal", gettext_lazy("Proposal"))]

    kind = forms.ChoiceField(label=gettext_lazy("Type"), choices=KINDS, widget=forms.RadioSelect)
    channel = forms.ChoiceField(
        label=gettext_lazy("Received"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    received_on = forms.DateField(
        label=gettext_lazy("Date received"), widget=forms.DateInput(attrs={"type": "date"})
    )
    section = forms.ChoiceField(label=gettext_lazy("Part of the draft"), required=False)
    title = TitleField(label=gettext_lazy("Title of the proposed measure"), required=False, max_length=200)
    text = forms.CharField(
        label=gettext_lazy("Text, as the sender wrote or said it"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language of the text"))
    named = forms.BooleanField(
        label=gettext_lazy("The sender agreed to be named in the report"), required=False
    )
    sender_name = TitleField(label=gettext_lazy("Name of the sender"), required=False, max_length=200)
    organisation = TitleField(
        label=gettext_lazy("On behalf of the organisation"), required=False, max_length=200
    )

    def __init__(self, consultation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.sections = {str(s.translation_key): s for s in consultation.sections.all()}
        self.fields["section"].choices = [("", gettext_lazy("The whole draft"))] + [
            (key, f"{number}. {section.title}")
            for number, (key, section) in enumerate(self.sections.items(), 1)
        ]
        self.fields["language"].choices = language_choices()

    def clean(self):
        cleaned_data = super().clean()
        if (cleaned_data.get("sender_name") or cleaned_data.get("organisation")) and not cleaned_data.get(
            "named"
        ):
            self.add_error(
                "named", _("Enter a name or an organisation only if the sender agreed to be named.")
            )
        if cleaned_data.get("kind") == "proposal":
            if not cleaned_data.get("title"):
                self.add_error("title", _("A proposal needs a title."))
            if cleaned_data.get("section"):
                self.add_error("section", _("A proposal is on the whole draft: leave the part empty."))
        return cleaned_data

    def save(self, moderator):
        """Through the one operation for received contributions; its refusals become the form's."""
        data = self.cleaned_data
        common = {
            "text": data["text"],
            "language": data["language"],
            "channel": data["channel"],
            "received_on": data["received_on"],
            "sender_name": data["sender_name"] if data["named"] else "",
            "organisation": data["organisation"] if data["named"] else "",
        }
        if data["kind"] == "proposal":
            contribution = Proposal(title=data["title"], **common)
        else:
            section = self.sections.get(data["section"])
            contribution = Comment(section_key=section.translation_key if section else None, **common)
        try:
            return enter_received(contribution, self.consultation, moderator)
        except ValidationError as refusal:
            self.add_error(None, refusal)  # a dict of field errors goes to its fields
            return None


def enter_received_contribution(request):
    consultations, consultation = chosen_consultation(request)
    form = None
    if consultation is not None:
        form = ReceivedContributionForm(consultation, request.POST or None)
        if request.method == "POST" and form.is_valid() and form.save(request.user) is not None:
            messages.success(request, _("The contribution is entered and published."))
            return redirect(request.get_full_path())
    context = {"consultations": consultations, "consultation": consultation, "form": form}
    return TemplateResponse(request, "consultation/admin/enter_received.html", context)


def may_see_overdue_reports(user):
    """Those who prepare reports (moderators, who may read them) and publish them (publishers)."""
    return user.has_perm("consultation.view_consultationreport")


def overdue_reports_of(user):
    """The consultations whose report is late, each with how late and the links to what `user`
    may do about it: prepare or edit the report, answer what is left."""
    may_report = user.has_perms(
        ["consultation.add_consultationreport", "consultation.change_consultationreport"]
    )
    rows = []
    for consultation in ConsultationPage.with_overdue_reports():
        links = []
        if may_report:
            report = getattr(consultation, "report", None)
            if report is None:
                links.append((_("Prepare the report"), reverse("consultation_reports:add")))
            else:
                links.append((_("Edit the report"), reverse("consultation_reports:edit", args=[report.pk])))
        if may_answer(user):
            links.append(
                (_("Answer in bulk"), f"{reverse('consultation_bulk_answer')}?consultation={consultation.pk}")
            )
        rows.append({"consultation": consultation, "links": links})
    return rows


def overdue_reports(request):
    if not may_see_overdue_reports(request.user):
        raise PermissionDenied
    context = {"reports": overdue_reports_of(request.user), "days": settings.CONSULTATION_REPORT_DAYS}
    return TemplateResponse(request, "consultation/admin/overdue_reports.html", context)


class OverdueReportsPanel(Component):
    """The late reports on the admin's dashboard, above Wagtail's own panels."""

    name = "overdue_reports"
    template_name = "consultation/admin/overdue_reports_panel.html"
    order = 50

    def __init__(self, reports):
        self.reports = reports

    def get_context_data(self, parent_context):
        return {"reports": self.reports}
