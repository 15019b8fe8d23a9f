"""Answering many contributions at once: the common answers after a consultation closes."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .answers import FROZEN, answer_contributions, answers_frozen
from .models import Comment, ConsultationPage, ModerationStatus, Proposal, TakenIntoAccount


class BulkAnswerForm(forms.Form):
    comments = forms.ModelMultipleChoiceField(queryset=Comment.objects.none(), required=False)
    proposals = forms.ModelMultipleChoiceField(queryset=Proposal.objects.none(), required=False)
    taken_into_account = forms.ChoiceField(
        label=gettext_lazy("Taken into account"), choices=TakenIntoAccount.choices
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

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("comments") and not cleaned_data.get("proposals"):
            raise forms.ValidationError(_("Choose at least one contribution."))
        return cleaned_data

    def save(self):
        """The same operation as one answer in the moderation form: refused once the report is
        published (ValidationError), emails included."""
        return answer_contributions(
            [*self.cleaned_data["comments"], *self.cleaned_data["proposals"]],
            self.cleaned_data["taken_into_account"],
            self.cleaned_data["answer"],
        )


def may_answer(user):
    return user.has_perms(["consultation.change_comment", "consultation.change_proposal"])


def bulk_answer(request):
    if not may_answer(request.user):
        raise PermissionDenied
    consultations = ConsultationPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by(
        "-closes_at"
    )
    consultation = consultations.filter(pk=request.GET.get("consultation") or None).first()
    form = None
    if consultation is not None and request.method == "GET" and answers_frozen([consultation.pk]):
        messages.error(request, FROZEN)
    elif consultation is not None:
        form = BulkAnswerForm(consultation, request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                count = form.save()
            except ValidationError as refusal:
                form.add_error(None, refusal)  # the form comes back as typed, with the reason
            else:
                message = ngettext(
                    "%(count)d contribution answered.", "%(count)d contributions answered.", count
                )
                messages.success(request, message % {"count": count})
                return redirect(request.get_full_path())
    context = {"consultations": consultations, "consultation": consultation, "form": form}
    return TemplateResponse(request, "consultation/admin/bulk_answer.html", context)
