"""Local development: SQLite, console email, tasks run at once; no other service needed."""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-dev-only-otvoren-grad"
BALLOT_SECRET = os.environ.get("BALLOT_SECRET") or "dev-only-ballot-secret-of-otvoren-grad"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DEMO_DATA_ALLOWED = True
# Static files straight from the source folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
