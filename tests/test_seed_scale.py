"""`seed_demo --scale N` fills the open consultation with N more contributions, for the benchmarks."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from consultation.models import Comment, Proposal, Support, Vote

pytestmark = pytest.mark.django_db

OPEN = "/bg/consultations/action-plan-2026/"
GENERATED = {"consultation__slug": "action-plan-2026", "author__email__endswith": "@scale.example.org"}


def shown(client):
    """The contributions the consultation page shows: published comments with their replies
    (counted per section of the draft) and proposals."""
    response = client.get(OPEN)
    assert response.status_code == 200
    return sum(response.context["comment_counts"].values()) + len(response.context["proposals"])


def test_scale_adds_contributions_shown_on_the_open_consultation(client):
    # Signed in, so the page is rendered each time (anonymous pages may come from a cache).
    client.force_login(get_user_model().objects.get(email="participant@example.org"))
    before = shown(client)

    call_command("seed_demo", scale=50, verbosity=0)

    assert shown(client) == before + 50
    comments = Comment.objects.filter(**GENERATED)
    proposals = Proposal.objects.filter(**GENERATED)
    assert comments.count() + proposals.count() == 50
    assert comments.filter(parent__isnull=False).exists()
    assert comments.filter(section_key__isnull=False).exists()
    assert proposals.exists()
    languages = set(comments.values_list("language", flat=True)) | set(
        proposals.values_list("language", flat=True)
    )
    assert languages == {"bg", "en", "fr", "ar", "fa"}
    assert Support.objects.filter(proposal__in=proposals).exists()
    assert Vote.objects.filter(user__email__endswith="@scale.example.org").exists()
    page = client.get(OPEN).content.decode()
    newest = comments.filter(parent__isnull=True).select_related("author").latest("created_at")
    assert newest.author.display_name in page


def test_scale_twice_adds_nothing_more(client):
    call_command("seed_demo", scale=50, verbosity=0)
    client.force_login(get_user_model().objects.get(email="participant@example.org"))
    once = shown(client)

    call_command("seed_demo", scale=50, verbosity=0)

    assert shown(client) == once
