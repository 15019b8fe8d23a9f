import uuid

from django import forms
from django.utils.translation import get_language, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts import names
from cms.formats import Figure
from cms.languages import language_choices
from cms.text import TitleField, link_count

from .models import AbuseReport, Comment, Follow, Proposal

MAX_LINKS = 3
ORGANISATION_LABEL = _("On behalf of an organisation (optional)")
ORGANISATION_HELP = _(
    "Its name, if you write for an organisation: it is shown with your contribution and in the report."
)


class ContributionForm(forms.ModelForm):
    """Plain text in the language the participant chose, with a honeypot for robots."""

    # Hidden from people (CSS and aria-hidden); robots fill it in.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
        self.fields["language"].label = _("Language of your text")
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("language", get_language())

    def clean_organisation(self):
        """An organisation's name is shown like a display name, so the same names are reserved."""
        name = self.cleaned_data["organisation"].strip()
        return names.clean_display_name(name) if name else ""

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("This form could not be sent. Please try again."))
        return ""

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if link_count(text) > MAX_LINKS:
            raise forms.ValidationError(
                ngettext_lazy(
                    "Please include at most %(max)s link.", "Please include at most %(max)s links.", MAX_LINKS
                )
                % {"max": Figure(MAX_LINKS)}
            )
        return text


class SubmissionKeyField(forms.Field):
    """The form's one-time key, made when it is shown and sent back as it was, even with errors.
    Anything but a UUID counts as no key: a person cannot correct a hidden field."""

    widget = forms.HiddenInput

    def clean(self, value):
        try:
            return uuid.UUID(str(value))
        except ValueError:
            return None


class NewContributionForm(ContributionForm):
    """A new contribution to `consultation`, which also asks its author whether they want emails
    about it (`emails`, stored by following it). The question is required and no answer is chosen
    beforehand: consent to emails is an act of the person, and so is declining. A preselected
    "Yes" would not be consent; a preselected "No" would be a choice made for them, one that
    silently costs them the city's answer to what they wrote (answers and replies are emailed to
    followers only). A form sent without an answer comes back with everything as typed. Whoever
    follows already is not asked again (the form says so, and where to stop)."""

    submission_key = SubmissionKeyField(required=False)
    emails = forms.ChoiceField(
        label=_("Emails about this consultation"),
        help_text=_("You can change this at any time on the consultation's page."),
        choices=[
            (
                "yes",
                _("Yes, email me about replies to me, the city's answers and the end of this consultation"),
            ),
            ("no", _("No emails")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether we may email you about this consultation.")},
    )

    def __init__(self, *args, consultation=None, user=None, following=None, **kwargs):
        """`following`: whether `user` follows the consultation, if already known."""
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.initial.setdefault("submission_key", uuid.uuid4())
        if following is None:
            following = user is not None and Follow.follows(user, consultation)
        if following:
            del self.fields["emails"]

    @property
    def asks_about_emails(self):
        return "emails" in self.fields

    @property
    def wants_emails(self):
        return self.cleaned_data.get("emails") == "yes"


class CommentForm(NewContributionForm):
    section = forms.UUIDField(required=False, widget=forms.HiddenInput)
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Comment
        fields = ["text", "language", "organisation"]
        labels = {"text": _("Your comment"), "organisation": ORGANISATION_LABEL}
        help_texts = {"organisation": ORGANISATION_HELP}
        widgets = {"text": forms.Textarea(attrs={"rows": 5, "maxlength": 5000})}

    def clean_section(self):
        key = self.cleaned_data["section"]
        if key and key not in {
            section.translation_key for section in self.consultation.original.sections.all()
        }:
            raise forms.ValidationError(_("This section is not part of the consultation."))
        return key

    def clean_reply_to(self):
        pk = self.cleaned_data["reply_to"]
        if pk is None:
            return None
        parent = (
            Comment.objects.of(self.consultation)
            .filter(pk=pk, parent__isnull=True, deleted_at__isnull=True)
            .first()
        )
        if parent is None:
            raise forms.ValidationError(_("The comment you reply to is not available."))
        return parent


class CommentEditForm(ContributionForm):
    class Meta(CommentForm.Meta):
        fields = ["text", "language"]


class ProposalForm(NewContributionForm):
    class Meta:
        model = Proposal
        fields = ["title", "text", "spheres", "target_groups", "language", "organisation"]
        field_classes = {"title": TitleField}
        labels = {
            "title": _("Title of the measure you propose"),
            "text": _("What should the city do, and why?"),
            "organisation": ORGANISATION_LABEL,
        }
        help_texts = {"organisation": ORGANISATION_HELP}
        widgets = {"text": forms.Textarea(attrs={"rows": 8, "maxlength": 5000})}


class CommentListForm(forms.Form):
    """Sorting and the section filter of the discussion: a GET form, so the view can be shared."""

    SORTS = [("newest", _("Newest first")), ("oldest", _("Oldest first")), ("replies", _("Most replies"))]

    sort = forms.ChoiceField(label=_("Sort"), choices=SORTS, required=False)
    section = forms.ChoiceField(label=_("Section"), required=False)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("All comments")), ("draft", _("On the whole draft"))] + [
            (str(section.translation_key), f"{number}. {section.title}") for number, section in sections
        ]


class WhileOpenForm(forms.Form):
    """An action that counts only while `consultation` is open. One sent just after it closed is
    refused as the form's own error, shown where the person acted, rather than as a bare page."""

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation

    def clean(self):
        if not self.consultation.is_open:
            raise forms.ValidationError(_("This consultation is not open for contributions."))
        return super().clean()


class PollAnswerForm(WhileOpenForm):
    """One answer to `poll`, a poll as discussion.polls() shows it: in the reader's language."""

    choice = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the answers."),
            "invalid_choice": _("Choose one of the answers."),
        },
    )

    def __init__(self, *args, poll, **kwargs):
        # Several polls on one page: each form's ids are its poll's own.
        super().__init__(*args, auto_id=f"poll-{poll.poll.pk}-%s", **kwargs)
        self.poll = poll
        self.fields["choice"].label = poll.question
        self.fields["choice"].choices = [(str(choice.pk), choice.text) for choice in poll.choices]


class SupportForm(WhileOpenForm):
    """Support `proposal`, or withdraw the support given."""

    withdraw = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal


class AbuseReportForm(forms.ModelForm):
    class Meta:
        model = AbuseReport
        fields = ["reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 4, "maxlength": 1000})}
