"""Production settings: secrets from the environment and `check --deploy` without a warning."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    environment.update(env)
    return subprocess.run(  # noqa: S603 -- manage.py with the test's own arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_production_settings_pass_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="x" * 20 + "a-production-secret-that-is-long-enough-0123456789",
        REDIS_URL="redis://127.0.0.1:6379/0",
        ALLOWED_HOSTS="otvoren-grad.sofia.bg",
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="cms.settings.production", SECRET_KEY="")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_the_cache_is_a_real_one_for_rate_limits():
    assert settings.CACHES["default"]["BACKEND"] != "django.core.cache.backends.dummy.DummyCache"
