"""A double click sends the same form twice at the same moment: one contribution, and every
answer is the first one's (PostgreSQL, real threads).

Real threads need committed data, so this test is transactional: Django empties the database
after it. It reads the demo's open consultation, so it is marked `needs_the_demo`: tests/conftest.py
runs it after every other test that uses the demo and before the other transactional tests.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from consultation.models import Comment, ConsultationPage, Proposal
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.needs_the_demo,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]

OPEN = "/bg/consultations/action-plan-2026/"
CLICKS = 5  # within the participant's rate limit for proposals (5 an hour)
KEY = "0b6a3c1e-5f7d-4e8a-9b2c-d4e5f6a7b8c9"


def send_at_once(user, url, data):
    """CLICKS requests of one signed-in participant, released together."""
    clients = []
    for _n in range(CLICKS):
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(CLICKS)
    answers = []

    def click(client):
        try:
            barrier.wait()
            answers.append(client.post(url, data))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_the_same_form_sent_at_once_is_saved_once():
    """One test, not two: the database is emptied after each, and both need the demo's page."""
    assert ConsultationPage.objects.filter(slug="action-plan-2026", locale__language_code="bg").exists()
    user = UserFactory()

    comments = send_at_once(
        user,
        f"{OPEN}comment/",
        {"text": "Двоен клик", "language": "bg", "emails": "no", "submission_key": KEY},
    )
    proposals = send_at_once(
        user,
        f"{OPEN}proposals/new/",
        {
            "title": "Нощен автобус",
            "text": "До бюрото.",
            "language": "bg",
            "emails": "no",
            "submission_key": KEY,
        },
    )

    comment = Comment.objects.get(author=user)
    assert [answer.status_code for answer in comments] == [302] * CLICKS
    assert {answer["Location"] for answer in comments} == {f"{OPEN}#comment-{comment.pk}"}
    proposal = Proposal.objects.get(author=user)  # the key is per kind of contribution too
    assert [answer.status_code for answer in proposals] == [302] * CLICKS
    assert {answer["Location"] for answer in proposals} == {f"{OPEN}#proposal-{proposal.pk}"}
