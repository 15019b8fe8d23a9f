from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import roles


class UserManager(BaseUserManager):
    """Users log in with their email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def moderators(self):
        """The active members of the moderators' role group (accounts/roles.py)."""
        return self.filter(is_active=True, groups__name=roles.MODERATORS)


class User(AbstractUser):
    """A participant or staff member, known by email and a display name only.

    No real name, phone, address or residence status is stored: many participants have
    reason to fear being identified (docs/domain.md, "People and roles").
    """

    class RespondentCategory(models.TextChoices):
        REFUGEE = "refugee", _("Refugee or person with international protection")
        THIRD_COUNTRY = "third_country", _("Third-country national")
        EU_CITIZEN = "eu_citizen", _("EU citizen")
        BULGARIAN_CITIZEN = "bg_citizen", _("Bulgarian citizen")
        ORGANISATION = "organisation", _("Organisation")

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        help_text=_("Shown next to what you write. It does not need to be your real name."),
    )
    respondent_category = models.CharField(
        _("I take part as"),
        max_length=20,
        choices=RespondentCategory.choices,
        blank=True,
        help_text=_("Optional. Used only for anonymous statistics in consultation reports."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    terms_accepted_at = models.DateTimeField(_("terms accepted at"), null=True, blank=True)
    # Moderators' emails, each of which they can turn off (in the admin, or by the email's link).
    abuse_report_emails = models.BooleanField(
        _("email me when something is reported as abusive"), default=True
    )
    moderation_digest_emails = models.BooleanField(
        _("email me a daily digest of what waits for moderation"), default=True
    )
    moderation_digest_sent_on = models.DateField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]
    STOPPABLE_EMAILS = ("abuse_report_emails", "moderation_digest_emails")

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name or self.email

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name

    @property
    def is_moderator(self):
        return self.groups.filter(name=roles.MODERATORS).exists()

    def accept_terms(self):
        self.terms_accepted_at = timezone.now()
