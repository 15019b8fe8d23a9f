"""Signed-in readers share the rendered lists of a consultation page (consultation/fragments.py),
and each still gets only their own supports, edit links, pending contributions and CSRF tokens."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from cms import page_cache
from consultation.models import Comment, Follow, ModerationStatus, Poll, Proposal, Support, Vote
from tests.factories import CommentFactory, ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db
OPEN = "/{code}/consultations/action-plan-2026/"
PAGE = OPEN.format(code="bg")


@pytest.fixture(autouse=True)
def shared(settings):
    settings.PAGE_CACHE_SECONDS = 60  # fragments are kept as long as anonymous pages


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def page(client, url=PAGE):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def fragments():
    """Each fragment in the cache: (its HTML, everything kept with it as text)."""
    keys = [key.split(":", 2)[2] for key in cache._cache if "consultation-fragment:" in key]
    values = [value for value in map(cache.get, keys) if isinstance(value, (str, tuple))]  # not the counters
    return [(value if isinstance(value, str) else value[0], str(value)) for value in values]


def tokens(html):
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))


@pytest.fixture
def alice():
    return UserFactory(display_name="Alice")


@pytest.fixture
def bob():
    return UserFactory(display_name="Bob")


def test_each_participant_gets_their_own_links_and_supports(consultation, alice, bob):
    mine = CommentFactory(consultation=consultation, author=alice, text="Alice's published comment")
    theirs = ProposalFactory(consultation=consultation, author=bob, title="Bob's proposal")
    Support.objects.create(proposal=theirs, user=alice)
    edit = f"{PAGE}comments/{mine.pk}/edit/"

    for_alice = page(signed_in(alice))
    for_bob = page(signed_in(bob))

    assert edit in for_alice and edit not in for_bob
    assert f"{PAGE}comments/{mine.pk}/report/" in for_bob
    assert f"{PAGE}comments/{mine.pk}/report/" not in for_alice
    support = f'action="{PAGE}proposals/{theirs.pk}/support/"'
    assert support in for_alice and support not in for_bob  # nobody supports their own
    assert gettext("Withdraw my support") in for_alice
    assert gettext("Withdraw my support") not in for_bob
    assert for_alice.count("csrfmiddlewaretoken") == for_alice.count('method="post"')
    assert for_bob.count("csrfmiddlewaretoken") == for_bob.count('method="post"')
    assert tokens(for_alice) and tokens(for_bob) and not tokens(for_alice) & tokens(for_bob)
    kept = fragments()
    assert len(kept) == 3  # the draft, the comments and the proposals, rendered once for both
    for html, everything in kept:
        assert not any(token in everything for token in tokens(for_alice) | tokens(for_bob))
        assert edit not in everything
        assert "csrfmiddlewaretoken" not in html and "/support/" not in html


def test_a_pending_contribution_is_shown_to_its_author_only(consultation, alice, bob):
    page(signed_in(bob))  # the shared lists are in the cache
    CommentFactory(
        consultation=consultation, author=alice, text="Alice waits", status=ModerationStatus.PENDING
    )
    ProposalFactory(
        consultation=consultation, author=alice, title="Alice's idea", status=ModerationStatus.PENDING
    )

    for_alice = page(signed_in(alice))
    for_bob = page(signed_in(bob))

    assert "Alice waits" in for_alice and "Alice&#x27;s idea" in for_alice
    assert "Alice waits" not in for_bob and "Alice&#x27;s idea" not in for_bob
    assert not any("Alice" in everything for _html, everything in fragments())


def test_changes_show_at_once_to_readers_of_the_cached_lists(consultation, alice, bob):
    bob_client = signed_in(bob)
    page(bob_client)
    comment = CommentFactory(consultation=consultation, author=alice, text="A new comment")
    proposal = ProposalFactory(consultation=consultation, author=alice, title="A new proposal")
    assert "A new comment" in page(bob_client) and "A new proposal" in page(bob_client)

    comment.status, comment.moderation_reason = ModerationStatus.HIDDEN, "personal data"
    comment.save()
    proposal.add_support(bob)
    html = page(bob_client)
    assert "A new comment" not in html and "personal data" in html
    assert gettext("Withdraw my support") in html

    Proposal.objects.filter(pk=proposal.pk).update(answer="The city will do it.")
    page_cache.invalidate()  # as consultation/answers.py does after its update()
    assert "The city will do it." in page(bob_client)


def test_a_follower_is_asked_no_more_about_emails_and_may_stop_following(consultation, alice):
    client = signed_in(alice)
    before = page(client)
    Follow.objects.create(user=alice, consultation=consultation)
    after = page(client)

    assert 'name="emails"' in before and gettext("Follow this consultation") in before
    assert 'name="emails"' not in after and gettext("Stop following") in after


def test_the_support_count_follows_a_support_at_once(consultation, alice, bob):
    proposal = ProposalFactory(consultation=consultation, author=alice, title="Counted")
    bob_client = signed_in(bob)
    before = page(bob_client)
    proposal.add_support(bob)
    after = page(bob_client)
    marker = f'id="proposal-{proposal.pk}"'
    assert marker in before and marker in after
    count_of = lambda html: html.split(marker, 1)[1].split('class="support-count">', 1)[1].split("<", 1)[0]  # noqa: E731
    assert count_of(before) != count_of(after)


def test_each_language_gets_its_own_lists(alice):
    in_bulgarian = page(signed_in(alice), OPEN.format(code="bg"))
    in_french = page(signed_in(alice), OPEN.format(code="fr"))
    for code, html, other in (("bg", in_bulgarian, in_french), ("fr", in_french, in_bulgarian)):
        with translation.override(code):
            label = gettext("Report abuse")
        assert label in html
        assert label not in other


def test_the_queries_do_not_grow_with_the_contributions(
    consultation, alice, bob, django_assert_max_num_queries
):
    CommentFactory(consultation=consultation, author=alice)
    client = signed_in(alice)

    def counts():
        page_cache.invalidate()
        with django_assert_max_num_queries(1000) as cold:
            page(client)
        with django_assert_max_num_queries(1000) as warm:
            page(client)
        return len(cold), len(warm)

    few = counts()
    people = UserFactory.create_batch(5)
    comments = Comment.objects.bulk_create(
        Comment(consultation=consultation, author=people[n % 5], language="en", text=f"c{n}")
        for n in range(60)
    )
    Comment.objects.bulk_create(
        Comment(consultation=consultation, parent=comments[n], author=bob, language="en", text="r")
        for n in range(60)
    )
    proposals = Proposal.objects.bulk_create(
        Proposal(consultation=consultation, author=people[n % 5], language="en", title=f"p{n}", text="t")
        for n in range(60)
    )
    Support.objects.bulk_create(Support(proposal=proposal, user=alice) for proposal in proposals[:30])
    cold, warm = few
    with django_assert_max_num_queries(cold):
        page_cache.invalidate()
        page(client)
    with django_assert_max_num_queries(warm):
        page(client)
    assert warm < cold  # the second reader's lists come from the cache


def normalised(html):
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'name="submission_key" value="[^"]+"', "", html)


def test_the_second_reader_gets_the_same_page_in_a_few_queries(alice, django_assert_max_num_queries):
    client = signed_in(alice)
    first = page(client)
    with django_assert_max_num_queries(3):  # the session, the person, what is theirs on the page
        second = page(client)

    assert normalised(second) == normalised(first)
    submission_keys = re.findall(r'name="submission_key" value="([^"]+)"', first + second)
    assert len(set(submission_keys)) == 2  # a new key each time the form is shown


def test_a_refused_comment_keeps_what_was_typed_beside_the_shared_blank_form(alice):
    client = signed_in(alice)
    blank = page(client)
    response = client.post(f"{PAGE}comment/", {"text": "", "organisation": "Сдружение", "language": "bg"})

    assert response.status_code == 400
    refused = response.content.decode()
    assert 'value="Сдружение"' in refused and 'value="Сдружение"' not in blank
    assert 'class="error-summary"' in refused and 'class="error-summary"' not in page(client)


def test_an_unknown_sort_is_refused_and_not_kept(alice):
    html = page(signed_in(alice), f"{PAGE}?sort=by-colour")

    assert 'class="errorlist' in html
    assert not [key for key in cache._cache if "by-colour" in key]


def test_a_changed_poll_and_answers_show_at_once(consultation, alice, bob):
    poll = Poll.objects.of(consultation).first()
    first, second = poll.choices.all()[:2]
    alice_client, bob_client = signed_in(alice), signed_in(bob)
    page(alice_client)
    poll.question = "A question asked again"
    poll.save()
    assert "A question asked again" in page(alice_client)

    def my_choice(client):
        table = page(client).split(f'id="poll-{poll.pk}"', 1)[1].split("</table>", 1)[0]
        return table, table.split('class="my-choice"', 1)[1].split("</th>", 1)[0]

    Vote.objects.create(poll=poll, choice=first, user=alice)
    before, alices = my_choice(alice_client)
    Vote.objects.create(poll=poll, choice=second, user=bob)
    after, _alices = my_choice(alice_client)
    _table, bobs = my_choice(bob_client)

    assert after != before  # Bob's answer is counted
    assert first.text in alices and second.text in bobs
