"""The site's five languages as a reader chooses among them."""

from django.conf import settings
from django.utils.translation import get_language_info


def language_choices():
    """The site's languages, each named in itself (as a reader of it looks for it)."""
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]
