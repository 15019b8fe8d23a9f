"""Consultations through their public pages: every role and phase, denials as much as successes."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import get_language_info, gettext

from consultation.models import (
    Choice,
    Comment,
    ConsultationPage,
    ModerationStatus,
    Poll,
    Proposal,
    Support,
    Vote,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OPEN = "/bg/consultations/action-plan-2026/"
UPCOMING = "/bg/consultations/intercultural-festival-2027/"
CLOSED = "/bg/consultations/bureau-services-2026/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def page_at(url):
    return ConsultationPage.objects.get(slug=url.rstrip("/").rsplit("/", 1)[1], locale__language_code="bg")


@pytest.fixture
def consultation():
    return page_at(OPEN)


def comment_texts(response):
    return [node.get_text(" ", strip=True) for node in soup(response).select(".comment-text")]


def test_the_list_shows_open_then_upcoming_then_closed(client):
    response = client.get("/en/consultations/")

    phases = [node["class"][1] for node in soup(response).select(".consultation-card .phase")]
    assert phases == ["phase-open", "phase-upcoming", "phase-closed"]


def test_contributions_keep_their_language_and_direction(client):
    response = client.get(OPEN)

    farsi = next(node for node in soup(response).select(".comment-text") if node["lang"] == "fa")
    assert farsi["dir"] == "rtl"
    english = next(node for node in soup(response).select(".comment-text") if node["lang"] == "en")
    assert english["dir"] == "ltr"


def test_sections_have_stable_anchors_and_comment_counts(client, consultation):
    response = client.get("/ar/consultations/action-plan-2026/")

    section = consultation.sections.all()[2]
    node = soup(response).find(id=section.anchor)
    published = Comment.objects.filter(
        consultation=consultation, section_key=section.translation_key, status="published"
    ).count()
    assert published >= 2
    assert node.select_one(".section-actions a")["href"] == f"?section={section.translation_key}#comments"
    assert str(published) in node.select_one(".section-actions a").get_text()


def test_anonymous_visitors_are_asked_to_sign_in_and_cannot_post(client, consultation):
    page = soup(client.get(OPEN))
    link = page.select_one("#comment-form a")
    assert link["href"].startswith("/bg/accounts/login/?next=")

    response = client.post(f"{OPEN}comment/", {"text": "Анонимен коментар", "language": "bg"})

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Comment.objects.filter(text="Анонимен коментар").exists()


def test_a_participant_comments_on_the_whole_draft(client, participant, consultation):
    response = client.post(
        f"{OPEN}comment/", {"text": "Много добър план.\nБлагодаря!", "language": "bg", "emails": "no"}
    )

    comment = Comment.objects.get(author=participant)
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.section_key is None and comment.status == ModerationStatus.PUBLISHED
    page = client.get(OPEN)
    assert "Много добър план. Благодаря!" in comment_texts(page)
    assert soup(page).find(id=f"comment-{comment.pk}").select_one(".comment-text").find("br")


def test_a_participant_comments_on_a_section_and_replies(client, participant, consultation):
    section = consultation.sections.all()[1]
    client.post(
        f"{OPEN}comment/",
        {"text": "За този раздел.", "language": "bg", "section": section.translation_key, "emails": "no"},
    )
    parent = Comment.objects.get(author=participant)
    assert parent.section_key == section.translation_key

    client.post(
        f"{OPEN}comment/", {"text": "Отговор.", "language": "bg", "reply_to": parent.pk, "emails": "no"}
    )

    reply = Comment.objects.get(author=participant, parent=parent)
    assert reply.section_key == section.translation_key


def test_replies_go_one_level_deep_only(client, participant, consultation):
    reply = Comment.objects.filter(consultation=consultation, parent__isnull=False).first()

    response = client.post(
        f"{OPEN}comment/",
        {"text": "Отговор на отговор", "language": "bg", "reply_to": reply.pk, "emails": "no"},
    )

    assert response.status_code == 400
    assert not Comment.objects.filter(text="Отговор на отговор").exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "x" * 5001}, "text"),
        ({"text": "http://a.bg http://b.bg http://c.bg http://d.bg"}, "text"),
        ({"text": "Нормален текст", "website": "http://spam.example"}, "website"),
        ({"text": "Нормален текст", "section": "00000000-0000-0000-0000-000000000000"}, "section"),
    ],
)
def test_invalid_comments_are_refused_and_the_text_is_kept(client, participant, data, field):
    response = client.post(f"{OPEN}comment/", {"language": "bg", "emails": "no", **data})

    assert response.status_code == 400
    assert field in response.context["comment_form"].errors
    assert not Comment.objects.filter(author=participant).exists()
    if data["text"] and field != "text":
        assert data["text"] in soup(response).select_one("#comment-form textarea").get_text()


def test_text_is_plain_and_links_are_clickable(client, participant):
    client.post(
        f"{OPEN}comment/",
        {"text": "<script>alert(1)</script> виж https://sofia.bg", "language": "bg", "emails": "no"},
    )

    node = soup(client.get(OPEN)).find(id=f"comment-{Comment.objects.get(author=participant).pk}")
    assert node.find("script") is None
    assert "<script>" in node.select_one(".comment-text").get_text()
    assert node.select_one(".comment-text a")["href"] == "https://sofia.bg"


@pytest.mark.parametrize("url", [UPCOMING, CLOSED])
def test_no_contributions_outside_the_open_phase(client, participant, url):
    response = client.post(f"{url}comment/", {"text": "Късно или рано", "language": "bg"})

    assert response.status_code == 403
    assert not Comment.objects.filter(author=participant).exists()
    assert (
        client.post(f"{url}proposals/new/", {"title": "x", "text": "y", "language": "bg"}).status_code == 403
    )
    assert not soup(client.get(url)).select("#comment-form textarea")


def test_pre_moderated_comments_wait_and_are_shown_only_to_their_author(client, participant, consultation):
    consultation.moderation = ConsultationPage.Moderation.BEFORE
    consultation.save_revision().publish()

    client.post(f"{OPEN}comment/", {"text": "Чака модератор", "language": "bg", "emails": "no"})

    comment = Comment.objects.get(author=participant)
    assert comment.status == ModerationStatus.PENDING
    assert "Чака модератор" in comment_texts(client.get(OPEN))
    client.force_login(UserFactory())
    assert "Чака модератор" not in client.get(OPEN).content.decode()


def test_hidden_comments_show_only_the_reason_and_are_not_counted(client, consultation):
    section = consultation.sections.all()[2]
    counts_before = soup(client.get(OPEN)).find(id=section.anchor).select_one(".section-actions a").get_text()
    comment = Comment.objects.filter(consultation=consultation, section_key=section.translation_key).first()
    Comment.objects.filter(pk=comment.pk).update(
        status=ModerationStatus.HIDDEN, moderation_reason="лични данни"
    )

    response = client.get(OPEN)

    assert comment.text not in response.content.decode()
    assert "лични данни" in soup(response).find(id=f"comment-{comment.pk}").get_text()
    counts_after = soup(response).find(id=section.anchor).select_one(".section-actions a").get_text()
    assert counts_before != counts_after


def test_a_comment_can_be_edited_for_15_minutes_by_its_author_only(client, participant, consultation):
    client.post(f"{OPEN}comment/", {"text": "Първи вариант", "language": "bg", "emails": "no"})
    comment = Comment.objects.get(author=participant)

    client.post(f"{OPEN}comments/{comment.pk}/edit/", {"text": "Втори вариант", "language": "bg"})
    comment.refresh_from_db()
    assert comment.text == "Втори вариант" and comment.edited_at

    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    response = client.post(f"{OPEN}comments/{comment.pk}/edit/", {"text": "Трети вариант", "language": "bg"})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.text == "Втори вариант"

    client.force_login(UserFactory())
    assert (
        client.post(f"{OPEN}comments/{comment.pk}/edit/", {"text": "Чужд", "language": "bg"}).status_code
        == 403
    )


def test_deleting_keeps_the_place_and_the_replies(client, consultation):
    parent = Comment.objects.filter(consultation=consultation, replies__isnull=False).first()
    reply = parent.replies.first()
    client.force_login(parent.author)

    client.post(f"{OPEN}comments/{parent.pk}/delete/")

    node = soup(client.get(OPEN)).find(id=f"comment-{parent.pk}")
    assert "Deleted by its author" in node.get_text() or "Изтрит от автора" in node.get_text()
    assert soup(client.get(OPEN)).find(id=f"comment-{reply.pk}")


def test_others_cannot_delete_a_comment(client, participant, consultation):
    comment = Comment.objects.filter(consultation=consultation).exclude(author=participant).first()

    assert client.post(f"{OPEN}comments/{comment.pk}/delete/").status_code == 403
    comment.refresh_from_db()
    assert not comment.is_deleted


def test_comments_are_paginated_sorted_and_filtered_by_section(client, consultation):
    author = UserFactory()
    Comment.objects.bulk_create(
        Comment(consultation=consultation, author=author, language="bg", text=f"Коментар {n}")
        for n in range(30)
    )

    first = client.get(OPEN)
    assert len(soup(first).select(".comment-list > li")) == 20
    assert soup(first).select_one(".pagination a[rel=next]")
    oldest = comment_texts(client.get(f"{OPEN}?sort=oldest"))
    assert oldest[0] != comment_texts(first)[0]
    section = consultation.sections.all()[2]
    filtered = client.get(f"{OPEN}?section={section.translation_key}")
    assert all(f"Коментар {n}" not in filtered.content.decode() for n in range(30))


def test_a_participant_proposes_a_measure(client, participant, consultation):
    response = client.post(
        f"{OPEN}proposals/new/",
        {
            "title": "Курсове вечер",
            "text": "Вечерни курсове по български.",
            "language": "bg",
            "spheres": ["integration"],
            "emails": "no",
        },
    )

    proposal = Proposal.objects.get(author=participant)
    assert response["Location"].endswith(f"#proposal-{proposal.pk}")
    assert proposal.spheres == ["integration"] and proposal.outcome == Proposal.Outcome.SUBMITTED
    assert "Курсове вечер" in client.get(OPEN).content.decode()


def test_an_invalid_proposal_keeps_what_was_typed(client, participant):
    response = client.post(
        f"{OPEN}proposals/new/", {"title": "", "text": "Моят дълъг текст", "language": "bg", "emails": "no"}
    )

    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert "Моят дълъг текст" in response.content.decode()
    assert not Proposal.objects.filter(author=participant).exists()


def test_support_once_and_withdraw(client, participant, consultation):
    proposal = Proposal.objects.filter(consultation=consultation).first()
    url = f"{OPEN}proposals/{proposal.pk}/support/"
    before = proposal.supports.count()

    client.post(url)
    client.post(url)
    assert proposal.supports.count() == before + 1

    client.post(url, {"withdraw": "1"})
    assert proposal.supports.count() == before


def test_the_database_refuses_a_double_support(consultation):
    proposal = Proposal.objects.filter(consultation=consultation).first()
    user = UserFactory()
    Support.objects.create(proposal=proposal, user=user)

    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(proposal=proposal, user=user)


def test_anonymous_cannot_support(client, consultation):
    proposal = Proposal.objects.filter(consultation=consultation).first()
    before = proposal.supports.count()

    response = client.post(f"{OPEN}proposals/{proposal.pk}/support/")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert proposal.supports.count() == before


def test_writing_is_rate_limited(client, participant):
    for number in range(10):
        quick = {"text": f"Бърз {number}", "language": "bg", "emails": "no"}
        assert client.post(f"{OPEN}comment/", quick).status_code == 302

    response = client.post(f"{OPEN}comment/", {"text": "Твърде бърз", "language": "bg", "emails": "no"})

    assert response.status_code == 429
    assert not Comment.objects.filter(text="Твърде бърз").exists()


@pytest.mark.parametrize("code", ["bg", "ar"])
def test_the_page_runs_the_same_queries_for_10_and_500_comments(
    client, consultation, code, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/{code}/consultations/action-plan-2026/"
    author = UserFactory()
    client.force_login(author)

    def add(count):
        comments = Comment.objects.bulk_create(
            Comment(consultation=consultation, author=author, language="bg", text="к") for _ in range(count)
        )
        Comment.objects.bulk_create(
            Comment(consultation=consultation, parent=parent, author=author, language="bg", text="о")
            for parent in comments[:count]
        )
        proposals = Proposal.objects.bulk_create(
            Proposal(consultation=consultation, author=author, language="bg", title="п", text="т")
            for _ in range(count)
        )
        Support.objects.bulk_create(
            Support(proposal=proposal, user=UserFactory()) for proposal in proposals[:5]
        )

    add(10)
    client.get(url)
    with CaptureQueriesContext(connection) as with_ten:
        client.get(url)
    add(490)
    with django_assert_num_queries(len(with_ten)):
        client.get(url)


def poll_form(client, url=OPEN):
    return soup(client.get(url)).select_one(".poll form")


def test_a_participant_answers_a_poll_once_and_then_sees_the_results(client, participant):
    form = poll_form(client)
    choice = form.select_one("input[name=choice]")["value"]

    client.post(form["action"], {"choice": choice})
    response = client.post(form["action"], {"choice": choice})

    assert Vote.objects.filter(user=participant).count() == 1
    assert "my-choice" in str(soup(client.get(OPEN)).select_one(".poll-results"))
    assert response.status_code == 400  # the second one is refused, said at the poll


def test_poll_results_are_hidden_before_voting(client, participant):
    assert not soup(client.get(OPEN)).select(".poll-results")


def test_the_poll_is_translated_and_counts_votes_in_every_language(client, participant):
    arabic = poll_form(client, "/ar/consultations/action-plan-2026/")
    bulgarian = poll_form(client)
    assert arabic.select_one("label").get_text() != bulgarian.select_one("label").get_text()
    assert [i["value"] for i in arabic.select("input[name=choice]")] == [
        i["value"] for i in bulgarian.select("input[name=choice]")
    ]

    client.post(arabic["action"], {"choice": arabic.select_one("input[name=choice]")["value"]})

    assert Vote.objects.filter(user=participant).count() == 1


def test_the_database_refuses_a_double_vote():
    poll = Poll.objects.filter(locale__language_code="bg").first()
    user = UserFactory()
    Vote.objects.create(poll=poll, choice=poll.choices.first(), user=user)

    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(poll=poll, choice=poll.choices.last(), user=user)


def test_anonymous_visitors_cannot_vote(client):
    poll = Poll.objects.filter(locale__language_code="bg").first()

    response = client.post(f"{OPEN}polls/{poll.pk}/vote/", {"choice": poll.choices.first().pk})

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not soup(client.get(OPEN)).select(".poll form")


def test_a_choice_of_another_poll_is_refused(client, participant):
    poll = Poll.objects.filter(locale__language_code="bg").first()
    other = Choice.objects.exclude(poll=poll).first()

    client.post(f"{OPEN}polls/{poll.pk}/vote/", {"choice": other.pk})

    assert not Vote.objects.filter(user=participant).exists()


@pytest.mark.parametrize("code", ["bg", "fa"])
def test_the_consultation_links_to_the_plan_version_it_is_about(client, code):
    link = soup(client.get(f"/{code}/consultations/action-plan-2026/")).select_one(".plan-version a")

    response = client.get(link["href"])

    assert response.status_code == 200
    assert soup(response).select_one(".version-notice")


def test_staff_edit_a_consultation_in_the_admin(client, consultation):
    from accounts import roles

    client.force_login(UserFactory(roles=[roles.EDITORS]))

    response = client.get(f"/admin/pages/{consultation.pk}/edit/")

    assert response.status_code == 200
    assert 'name="plan_version"' in response.content.decode()


def test_no_support_or_vote_once_the_consultation_closed(client, participant):
    closed = page_at(CLOSED)
    proposal = Proposal.objects.filter(consultation=closed).first()
    before = proposal.supports.count()
    ConsultationPage.objects.filter(pk=page_at(OPEN).pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    poll = Poll.objects.filter(locale__language_code="bg").first()

    support = client.post(f"{CLOSED}proposals/{proposal.pk}/support/")
    vote = client.post(f"{OPEN}polls/{poll.pk}/vote/", {"choice": poll.choices.first().pk})

    for response in (support, vote):  # the page again, saying why where the person acted
        assert response.status_code == 400
        with translation.override("bg"):
            reason = gettext("This consultation is not open for contributions.")
        assert reason in soup(response).select_one(".error-summary").get_text()
    assert proposal.supports.count() == before
    assert not Vote.objects.filter(user=participant).exists()


def test_proposals_come_20_to_a_page_the_most_supported_first(client, participant, consultation):
    author = UserFactory()
    proposals = Proposal.objects.bulk_create(
        Proposal(consultation=consultation, author=author, language="bg", title=f"Мярка {n}", text="т")
        for n in range(30)
    )
    Support.objects.bulk_create(Support(proposal=proposal, user=author) for proposal in proposals[:3])

    first = soup(client.get(OPEN))
    second = soup(client.get(OPEN, {"proposals": 2}))

    def supports(page):
        return [int(node.get_text().split()[0]) for node in page.select(".proposal .support-count")]

    titles = [node.get_text(strip=True) for node in first.select(".proposal h3")]
    later = [node.get_text(strip=True) for node in second.select(".proposal h3")]
    assert len(titles) == 20 and later and not set(later) & set(titles)
    assert {"Мярка 0", "Мярка 1", "Мярка 2"} <= set(titles)
    counts = supports(first) + supports(second)
    assert counts == sorted(counts, reverse=True)
    assert first.select_one("#proposals .pagination a[rel=next]")["href"].startswith("?proposals=2")


def test_supporting_on_a_later_page_comes_back_to_it(client, participant, consultation):
    Proposal.objects.bulk_create(
        Proposal(consultation=consultation, author=UserFactory(), language="bg", title="Мярка", text="т")
        for _ in range(25)
    )
    form = soup(client.get(OPEN, {"proposals": 2})).select_one(".proposal .support form")
    proposal = form.find_parent("article")["id"]

    response = client.post(form["action"])  # the form's address carries the page it is on

    assert response["Location"] == f"{OPEN}?proposals=2#{proposal}"


@pytest.mark.parametrize("language", ["fa", "bg"])
def test_the_link_to_the_plan_version_says_its_language_before_the_click(client, language):
    """The version read is the plan as published, in Bulgarian: a Farsi reader is told so."""
    page = BeautifulSoup(client.get(f"/{language}/consultations/action-plan-2026/").content, "html.parser")
    link = page.select_one(".plan-version a")

    assert link["hreflang"] == "bg"
    with translation.override(language):
        if language == "bg":
            assert link.text.strip() == gettext("Read that version")
        else:
            expected = gettext("Read that version (in %(language)s)") % {
                "language": get_language_info("bg")["name_translated"]
            }
            assert " ".join(link.text.split()) == expected


def test_the_form_and_each_comment_name_their_section_and_a_reply_whom_it_answers(client, participant):
    page = ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")
    section = page.sections.first()
    comment = Comment.objects.create(
        consultation=page,
        author=participant,
        language="bg",
        text="По раздела.",
        section_key=section.translation_key,
    )
    Comment.objects.create(
        consultation=page,
        author=UserFactory(),
        language="bg",
        text="Отговор.",
        parent=comment,
        section_key=section.translation_key,
    )

    html = BeautifulSoup(
        client.get(f"/bg/consultations/action-plan-2026/?comment_on={section.translation_key}").content,
        "html.parser",
    )

    form_context = html.select_one("#comment-form .form-context")
    assert section.title in form_context.text and form_context.a["href"] == f"#{section.anchor}"
    article = html.find(id=f"comment-{comment.pk}")
    assert article.select_one(".comment-context a")["href"] == f"#{section.anchor}"
    reply = html.select_one(f"#comment-{comment.pk} ~ .reply-list .comment-context")
    with translation.override("bg"):
        assert gettext("In reply to <bdi>%(name)s</bdi>").split("<")[0].strip() in reply.text
    assert participant.display_name in reply.text
