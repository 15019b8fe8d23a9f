"""What the shipped deployment files do: gunicorn is reachable from its own machine only, and
finished background tasks (queued emails with addresses and links) are pruned on a schedule."""

import ipaddress
import re
import shlex
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accounts.emails import send_rendered

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def exec_start(unit):
    """The command of a systemd unit's ExecStart=, its continuation lines joined."""
    text = (DEPLOY / "systemd" / unit).read_text().replace("\\\n", " ")
    (line,) = re.findall(r"^ExecStart=(.+)$", text, flags=re.MULTILINE)
    return shlex.split(line)


def procfile(process):
    (line,) = re.findall(rf"^{process}:(.+)$", (DEPLOY / "Procfile").read_text(), flags=re.MULTILINE)
    return shlex.split(line)


def is_local(bind):
    """A unix socket, or an address of the loopback interface (Procfile: with its $PORT)."""
    if bind.startswith("unix:"):
        return True
    v6, name = re.match(r"\[([^\]]+)\]|([^:]+)", bind).groups()  # [::1]:8000, 127.0.0.1:8000
    host = v6 or name
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a variable such as ${BIND_ADDRESS}: whatever the environment says


@pytest.mark.parametrize(
    "command", [exec_start("otvoren-grad-web.service"), procfile("web")], ids=["systemd", "Procfile"]
)
def test_gunicorn_listens_only_where_nothing_but_the_local_proxy_reaches_it(command):
    """Whoever reaches gunicorn directly writes X-Forwarded-For and escapes the per-address limits."""
    binds = [command[n + 1] for n, word in enumerate(command) if word in ("--bind", "-b")]
    binds += [word.split("=", 1)[1] for word in command if word.startswith("--bind=")]

    assert binds and all(is_local(bind) for bind in binds), binds


def test_nginx_writes_the_address_instead_of_passing_on_the_visitors():
    config = (DEPLOY / "nginx" / "otvoren-grad.conf").read_text()

    assert re.findall(r"^\s*proxy_set_header X-Forwarded-For (\S+);", config, re.MULTILINE) == [
        "$remote_addr"
    ]
    assert re.findall(r"^\s*server ([^\s{;]+)", config, re.MULTILINE) == ["127.0.0.1:8000"]  # the upstream


def test_the_prune_timer_runs_every_hour_and_starts_the_prune_service():
    timer = (DEPLOY / "systemd" / "otvoren-grad-prune.timer").read_text()

    assert re.search(r"^OnCalendar=hourly$", timer, re.MULTILINE)
    assert exec_start("otvoren-grad-prune.service")[1:3] == ["manage.py", "prune_db_task_results"]


@pytest.mark.django_db
def test_the_shipped_pruning_deletes_finished_emails_and_keeps_those_not_yet_sent(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def email(status=None, finished_ago=None):
        result = send_rendered.enqueue(
            "Reset", "https://example.org/reset/key/", "a@b.c", ["person@example.org"], []
        )
        row = DBTaskResult.objects.get(pk=result.id)
        if status:
            row.status = status
            row.finished_at = timezone.now() - finished_ago
            row.save()
        return row.pk

    sent_now = email(TaskResultStatus.SUCCESSFUL, timedelta(minutes=1))
    sent_yesterday = email(TaskResultStatus.SUCCESSFUL, timedelta(days=1, hours=1))
    failed_now = email(TaskResultStatus.FAILED, timedelta(hours=2))
    failed_long_ago = email(TaskResultStatus.FAILED, timedelta(days=1, hours=1))
    waiting = email()

    call_command(*exec_start("otvoren-grad-prune.service")[2:], verbosity=0)

    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert {failed_now, waiting} <= left  # a day to read why it failed; not sent yet
    assert not left & {sent_now, sent_yesterday, failed_long_ago}
