from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.forms import PasswordViewRestrictionForm

from cms.languages import language_choices

from . import names
from .models import User

TOO_MANY_ATTEMPTS = _("Too many attempts. Please wait an hour and try again.")


class SignupForm(forms.Form):
    """The extra fields allauth's signup form asks for; allauth calls `signup()` after saving."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        help_text=User._meta.get_field("display_name").help_text,
    )
    respondent_category = forms.ChoiceField(
        label=_("I take part as"),
        choices=[("", _("I prefer not to say"))] + list(User.RespondentCategory.choices),
        required=False,
        help_text=User._meta.get_field("respondent_category").help_text,
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=language_choices,
        help_text=_("The language of the emails we send you."),
    )
    accept_terms = forms.BooleanField(
        label=_("I accept the terms of use and the privacy policy"),
        error_messages={"required": _("You need to accept the terms of use to take part.")},
    )

    field_order = [
        "email",
        "display_name",
        "password1",
        "password2",
        "respondent_category",
        "preferred_language",
        "accept_terms",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = get_language()

    def clean_display_name(self):
        return names.clean_display_name(self.cleaned_data["display_name"])

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.respondent_category = self.cleaned_data["respondent_category"]
        user.preferred_language = self.cleaned_data["preferred_language"]
        user.accept_terms()
        user.save()


class ModeratorEmailsForm(forms.ModelForm):
    """The emails only moderators get, each of which they can turn off (the admin's account page)."""

    class Meta:
        model = User
        fields = User.STOPPABLE_EMAILS


class PasswordGuessLimitMixin:
    """A form that asks for a password, under a limit of guesses. Over it (`over_limit`), nothing
    typed is even read: the answer is the same refusal whatever was typed (empty, wrong, right or
    invalid), so it tells nothing about the password."""

    def __init__(self, *args, over_limit=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.over_limit = over_limit

    def full_clean(self):
        if not (self.over_limit and self.is_bound):
            return super().full_clean()
        self._errors, self.cleaned_data = ErrorDict(), {}  # as Form.full_clean starts, then no field
        self.add_error("password", forms.ValidationError(TOO_MANY_ATTEMPTS, code="rate_limited"))


class EraseAccountForm(PasswordGuessLimitMixin, forms.Form):
    """Erasing cannot be undone, so the person confirms with their password."""

    password = forms.CharField(label=_("Your password"), strip=False, widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password


class PrivacyPasswordForm(PasswordGuessLimitMixin, PasswordViewRestrictionForm):
    """Wagtail's password form of a private page or collection, under a limit of wrong passwords."""
