"""Production: every secret and per-host value comes from the environment."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_URL

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random string of at least 50 characters.")
if len(os.environ.get("BALLOT_SECRET", "")) < 32:
    raise ImproperlyConfigured(
        "Set BALLOT_SECRET to a random string of at least 32 characters, kept out of the database "
        "and its backups: the secret votes' keys are derived from it."
    )
if not REDIS_URL:
    raise ImproperlyConfigured(
        "Set REDIS_URL: rate limits and sessions need a cache shared by all processes."
    )


def media_origins(bucket, custom_domain, endpoint_url, region):
    """Where the browser fetches public media from: the custom domain, else the endpoint (path-
    and host-style addressing), else AWS's own addresses for the bucket."""
    if custom_domain:
        return [f"https://{custom_domain.split('/')[0]}"]
    if endpoint_url:
        endpoint = urlsplit(endpoint_url)
        return [f"{endpoint.scheme}://{endpoint.netloc}", f"{endpoint.scheme}://{bucket}.{endpoint.netloc}"]
    regional = [f"https://{bucket}.s3.{region}.amazonaws.com"] if region else []
    return [f"https://{bucket}.s3.amazonaws.com", *regional]


STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # noqa: F405
if os.environ.get("MEDIA_STORAGE", "filesystem") == "s3":
    # Object storage shared by every app server (django-storages). Public media are read by URL;
    # council documents and Wagtail's documents live in a bucket nobody reads directly: the
    # members-only view and Wagtail's serve view (which checks collection privacy) stream them.
    s3 = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY"),
            "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    STORAGES["public"] = s3  # noqa: F405
    STORAGES["private"] = {  # noqa: F405
        **s3,
        "OPTIONS": {**s3["OPTIONS"], "bucket_name": os.environ["S3_PRIVATE_BUCKET"], "custom_domain": None},
    }
    # Images are read from the public bucket: its origin (scheme and host) joins the policy.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += media_origins(  # noqa: F405
        *(s3["OPTIONS"][name] for name in ("bucket_name", "custom_domain", "endpoint_url", "region_name"))
    )

# Sessions are read on every signed-in request: from Redis, written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

if not os.environ.get("BASE_URL", "").startswith("https://"):
    raise ImproperlyConfigured("Set BASE_URL to the site's https:// address: emails link to it.")
# Production runs behind one reverse proxy (deploy/nginx): visitors' addresses come from it.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]  # the load balancer checks over plain HTTP
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
