from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from cms.formats import format_moment
from cms.spheres import Sphere, TargetGroup
from cms.uploads import validate_upload


class MeasureFilterForm(forms.Form):
    """The action plan's filters: a GET form, so a filtered list works without JavaScript and its
    address can be shared."""

    sphere = forms.ChoiceField(
        label=_("Sphere"), choices=[("", _("All spheres"))] + Sphere.choices, required=False
    )
    target_group = forms.ChoiceField(
        label=_("Target group"), choices=[("", _("All target groups"))] + TargetGroup.choices, required=False
    )


class VersionCompareForm(forms.Form):
    """Choose two published versions of the plan to compare."""

    def __init__(self, versions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(entry.revision_id, format_moment(entry.timestamp)) for entry in versions]
        self.fields["old"] = forms.TypedChoiceField(label=_("Older version"), choices=choices, coerce=int)
        self.fields["new"] = forms.TypedChoiceField(label=_("Newer version"), choices=choices, coerce=int)
        if len(versions) >= 2 and not self.is_bound:
            self.initial = {"old": versions[1].revision_id, "new": versions[0].revision_id}

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("old") and cleaned_data.get("old") == cleaned_data.get("new"):
            raise forms.ValidationError(_("Choose two different versions."))
        return cleaned_data


class MonthForm(forms.Form):
    """The month a calendar shows, as YYYY-MM."""

    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Enter a month as year and month, for example 2026-12.")},
    )

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month and not 2000 <= month.year <= 2100:
            raise forms.ValidationError(_("Choose a month between 2000 and 2100."))
        return month


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=200, widget=forms.SearchInput)

    def clean_q(self):
        """Quotes would reach SQLite's full-text syntax unbalanced; words are what people search."""
        words = self.cleaned_data["q"].replace('"', " ").strip()
        if not words:
            raise forms.ValidationError(self.fields["q"].error_messages["required"], code="required")
        return words


class DocumentForm(BaseDocumentForm):
    """Documents editors upload to the admin are checked by their content, like the council's."""

    def clean_file(self):
        file = self.cleaned_data["file"]
        validate_upload(file)
        return file
