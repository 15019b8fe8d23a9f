from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.text import TitleField

from .models import (
    AgendaItem,
    Attendance,
    ChangeRefused,
    Meeting,
    MeetingDocument,
    Membership,
    MinutesComment,
    MinutesEntry,
    Motion,
    Option,
    VoteRefused,
)


class DecisionSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find a decision"),
        max_length=100,
        required=False,
        widget=forms.SearchInput(attrs={"dir": "auto"}),  # a number typed left to right on any page
        help_text=_("Its number, such as R-2026-07, or words from it, its agenda item or its meeting."),
    )


def refuse(check):
    """A domain refusal (ChangeRefused) as a form error, so the form comes back with its reason."""
    try:
        check()
    except ChangeRefused as refusal:
        raise ValidationError(str(refusal)) from None


def refuse_deleting_items_in_minutes(formset):
    for form in formset.deleted_forms:
        refuse(form.instance.ensure_deletable)


# Whether a meeting and its items are public is not part of its record: a frozen meeting (its
# minutes approved, the usual moment to publish them) can still be made public or closed.
PUBLICATION_FIELDS = {"is_public"}


def changes_record(form):
    return bool(set(form.changed_data) - PUBLICATION_FIELDS)


class ChangesMeeting:
    """A form that changes `self.meeting`: refused, with the reason, once the meeting is frozen.
    Only the meeting's own forms (`publishes = True`) may still change whether it is public; any
    other (attendance, a motion, a document) adds to the record, even sent unchanged."""

    publishes = False

    def clean(self):
        cleaned_data = super().clean()
        if not self.publishes or changes_record(self):
            refuse(self.meeting.ensure_changeable)
        return cleaned_data


class AttendanceForm(ChangesMeeting, forms.Form):
    """One group per council member: present, absent or excused, in person or online, as radio
    buttons with their whole labels (a select shrinks to a glyph on a phone)."""

    def __init__(self, meeting, memberships, attendances, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.memberships = memberships
        recorded = {attendance.membership_id: attendance for attendance in attendances}
        for membership in memberships:
            current = recorded.get(membership.pk)
            self.fields[f"status_{membership.pk}"] = forms.ChoiceField(
                label=_("Attendance of %(name)s") % {"name": membership.user.display_name},
                choices=Attendance.Status.choices,
                initial=current.status if current else Attendance.Status.ABSENT,
                widget=forms.RadioSelect,
            )
            self.fields[f"mode_{membership.pk}"] = forms.ChoiceField(
                label=_("How %(name)s took part") % {"name": membership.user.display_name},
                choices=Attendance.Mode.choices,
                initial=current.mode if current else Attendance.Mode.IN_PERSON,
                widget=forms.RadioSelect,
            )

    def rows(self):
        return [(m, self[f"status_{m.pk}"], self[f"mode_{m.pk}"]) for m in self.memberships]

    def save(self):
        for membership in self.memberships:
            Attendance.objects.update_or_create(
                meeting=self.meeting,
                membership=membership,
                defaults={
                    "status": self.cleaned_data[f"status_{membership.pk}"],
                    "mode": self.cleaned_data[f"mode_{membership.pk}"],
                },
            )


class MotionForm(ChangesMeeting, forms.ModelForm):
    class Meta:
        model = Motion
        fields = ["agenda_item", "text", "method", "majority"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, meeting, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
        self.instance.meeting = self.meeting = meeting


class VoteForm(forms.Form):
    """A member's vote on an open motion. A secret vote is sent twice: the first time the answer
    is a page asking to confirm the choice, which then lives only in that page and in the form it
    sends back (nothing stored, no session); the second time (`confirmed`) it is cast. Both
    times the motion's own check (Motion.ensure_can_cast) decides, and refuses with its reason:
    before asking for confirmation, and when casting (`Motion.cast`, under the motion's lock)."""

    option = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, motion, membership, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.motion, self.membership = motion, membership

    def clean(self):
        cleaned_data = super().clean()
        if self.motion.is_secret and not cleaned_data.get("confirmed"):
            try:
                self.motion.ensure_can_cast(self.membership, cleaned_data.get("option", ""))
            except VoteRefused as refusal:
                raise ValidationError(str(refusal)) from None
        return cleaned_data

    @property
    def awaits_confirmation(self):
        """A secret vote, allowed, not confirmed yet: asked once more before it is sealed."""
        return self.is_valid() and self.motion.is_secret and not self.cleaned_data["confirmed"]

    @property
    def option_label(self):
        return Option(self.cleaned_data["option"]).label

    def save(self):
        """Cast the vote, or come back with the reason (e.g. the vote closed in the meantime)."""
        try:
            self.motion.cast(self.membership, self.cleaned_data["option"])
        except VoteRefused as refusal:
            self.add_error(None, str(refusal))
        return self.is_valid()


class MinutesForm(forms.Form):
    """The discussion under each agenda item of the meeting."""

    def __init__(self, minutes, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.minutes = minutes
        written = (
            {entry.agenda_item_id: entry.discussion for entry in minutes.entries.all()} if minutes.pk else {}
        )
        self.items = list(minutes.meeting.agenda_items.all())
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.CharField(
                label=item.title,
                required=False,
                initial=written.get(item.pk, ""),
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def save(self):
        """An entry exists only for an item with text, so an item without text can be deleted."""
        if self.minutes.pk is None:
            self.minutes.save()
        for item in self.items:
            if text := self.cleaned_data[f"item_{item.pk}"]:
                MinutesEntry.objects.update_or_create(
                    minutes=self.minutes, agenda_item=item, defaults={"discussion": text}
                )
            else:
                MinutesEntry.objects.filter(minutes=self.minutes, agenda_item=item).delete()


class MinutesCommentForm(forms.ModelForm):
    class Meta:
        model = MinutesComment
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": 3000})}


class ApprovalForm(forms.Form):
    decision = forms.ModelChoiceField(label=_("Approved by the decision"), queryset=Motion.objects.none())

    def __init__(self, minutes, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.minutes = minutes
        self.fields["decision"].queryset = Motion.objects.filter(
            meeting__starts_at__gt=minutes.meeting.starts_at,
            decision_number__isnull=False,
            approves_minutes=None,
        )

    def save(self):
        """Approve, or come back with the reason (e.g. a vote of the meeting is still open)."""
        try:
            self.minutes.approve(self.cleaned_data["decision"])
        except ChangeRefused as refusal:
            self.add_error("decision", str(refusal))
        return self.is_valid()


class MeetingForm(ChangesMeeting, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "place", "online_link", "status", "is_public"]
        field_classes = {"title": TitleField, "place": TitleField}
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
        }

    publishes = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = self.instance


class BaseAgendaFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        refuse_deleting_items_in_minutes(self)
        if any(changes_record(form) for form in self.forms):
            refuse(self.instance.ensure_changeable)


class FormAndFormSet:
    """A form and its formset as one form for includes/error_summary.html (the meeting and its
    agenda): every error of both, each field's linked to the field."""

    def __init__(self, form, formset):
        self.form, self.formset = form, formset

    @property
    def errors(self):
        return bool(self.form.errors or self.formset.total_error_count())

    def non_field_errors(self):
        items = [error for item in self.formset.forms for error in item.non_field_errors()]
        return [*self.form.non_field_errors(), *self.formset.non_form_errors(), *items]

    def __iter__(self):
        yield from self.form
        for item in self.formset.forms:
            yield from item


AgendaFormSet = forms.inlineformset_factory(
    Meeting,
    AgendaItem,
    formset=BaseAgendaFormSet,
    fields=["title", "description", "is_public"],
    field_classes={"title": TitleField},
    widgets={"description": forms.Textarea(attrs={"rows": 2})},
    extra=3,
    can_delete=True,
    can_order=True,
)


class DocumentForm(ChangesMeeting, forms.ModelForm):
    class Meta:
        model = MeetingDocument
        fields = ["title", "agenda_item", "file"]

    def __init__(self, meeting, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = self.meeting = meeting
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()


class ConsentForm(forms.ModelForm):
    """A member's own choice to be named in the council's public record."""

    class Meta:
        model = Membership
        fields = ["named_publicly"]
        labels = {"named_publicly": _("I agree to be named in the council's public record")}


class MeetingAdminForm(WagtailAdminModelForm):
    """The admin's meeting form (agenda and documents inline): the council area's two checks."""

    def clean(self):
        """As in the council area: a frozen meeting may still be made public or closed, and its
        items too, but nothing else of it changes."""
        cleaned_data = super().clean()
        agenda = self.formsets["agenda_items"]
        documents = self.formsets.get("documents")
        changed = changes_record(self) or any(changes_record(form) for form in agenda.forms)
        if changed or (documents is not None and documents.has_changed()):
            refuse(self.instance.ensure_changeable)
        if agenda.is_valid():
            try:
                refuse_deleting_items_in_minutes(agenda)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


class TranslationsForm(forms.Form):
    """The secretariat's translations of a meeting's texts (Meeting.translatable_texts): for each,
    one field per reader's language, written in that language's direction."""

    def __init__(self, meeting, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.texts = meeting.translatable_texts()
        self.languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        for text in self.texts:
            for code in self.languages:
                info = get_language_info(code)
                attrs = {"lang": code, "dir": "rtl" if info["bidi"] else "ltr"}
                widget = (
                    forms.Textarea(attrs={**attrs, "rows": 3}) if text.is_long else forms.TextInput(attrs)
                )
                field_class = forms.CharField if text.is_long else TitleField
                self.fields[f"{text.key}-{code}"] = field_class(
                    label=info["name_translated"],
                    required=False,
                    initial=text.translation(code),
                    widget=widget,
                )

    def groups(self):
        """Each text with its fields, in the page's order."""
        return [(text, [self[f"{text.key}-{code}"] for code in self.languages]) for text in self.texts]

    def save(self, user):
        """Only what was changed; returns the languages that changed."""
        changes = []
        for text in self.texts:
            versions = {
                code: self.cleaned_data[f"{text.key}-{code}"]
                for code in self.languages
                if f"{text.key}-{code}" in self.changed_data
            }
            if versions:
                changes.append((text, versions))
        return self.meeting.save_translations(user, changes)
