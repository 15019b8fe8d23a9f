"""What Otvoren Grad holds about one person: all of it as JSON, and erasure of the account.

Each app declares its own part in a module `personal_data` with `export(user)` (a dict merged into
the export) and `erase(user)`, and may say with `keeps_account(user)` that its records point to the
account (the council's do): then the account is emptied of everything but the name instead of
deleted. This module knows the account and asks the apps for the rest.
"""

from importlib import import_module

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from cms import page_cache


def parts():
    """Every other app's `personal_data` module, in the order of INSTALLED_APPS."""
    return [
        import_module(f"{config.name}.personal_data")
        for config in apps.get_app_configs()
        if config.name != __package__ and module_has_submodule(config.module, "personal_data")
    ]


def export(user):
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "respondent_category": user.respondent_category,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "terms_accepted_at": user.terms_accepted_at.isoformat() if user.terms_accepted_at else None,
            "moderators_emails": {
                "abuse_reports": user.abuse_report_emails,
                "daily_digest": user.moderation_digest_emails,
            },
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in user.emailaddress_set.all()
            ],
        },
    }
    for part in parts():
        data.update(part.export(user))
    return data


def sections(user):
    """What the apps add to the "My data" page for this person: (template, context) pairs."""
    found = (part.my_data_section(user) for part in parts() if hasattr(part, "my_data_section"))
    return [section for section in found if section]


@transaction.atomic
def erase(user):
    """Every app erases its part; then the account goes, unless an app's records point to it."""
    transaction.on_commit(page_cache.invalidate)  # the name disappears from cached pages at once
    declared = parts()
    for part in declared:
        part.erase(user)
    if not any(part.keeps_account(user) for part in declared if hasattr(part, "keeps_account")):
        user.delete()
        return
    user.emailaddress_set.all().delete()
    user.email = f"erased-{user.pk}@invalid"
    user.respondent_category = ""
    user.terms_accepted_at = None
    user.last_login = None
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
