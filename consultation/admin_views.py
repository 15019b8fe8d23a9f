"""Answering many contributions at once: the common answers after a consultation closes."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cms import page_cache

from .models import Comment, ConsultationPage, ModerationStatus, Proposal, TakenIntoAccount
from .moderation import report_is_published


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
        self.fields["proposals"].queryset = Proposal.objects.filter(**unanswered).order_by("created_at")

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("comments") and not cleaned_data.get("proposals"):
            raise forms.ValidationError(_("Choose at least one contribution."))
        return cleaned_data

    def save(self):
        values = {
            "taken_into_account": self.cleaned_data["taken_into_account"],
            "answer": self.cleaned_data["answer"],
            "answered_at": timezone.now(),
            "reviewed_at": timezone.now(),
        }
        count = self.cleaned_data["comments"].update(**values)
        count += self.cleaned_data["proposals"].update(**values)
        page_cache.invalidate()  # update() sends no signal; visitors must see the answers
        return count


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
    if consultation is not None:
        if report_is_published(consultation.pk):
            messages.error(
                request, _("The report of this consultation is published: its answers are frozen.")
            )
        else:
            form = BulkAnswerForm(consultation, request.POST or None)
            if request.method == "POST" and form.is_valid():
                count = form.save()
                message = ngettext(
                    "%(count)d contribution answered.", "%(count)d contributions answered.", count
                )
                messages.success(request, message % {"count": count})
                return redirect(request.get_full_path())
    context = {"consultations": consultations, "consultation": consultation, "form": form}
    return TemplateResponse(request, "consultation/admin/bulk_answer.html", context)
