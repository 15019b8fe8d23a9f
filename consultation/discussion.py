"""What a reader sees of a consultation's contributions: a fixed number of queries, however many."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from cms.models.translations import attach_translations

from .models import Comment, ModerationStatus, Poll, Proposal, Support, Vote

COMMENTS_PER_PAGE = 20
PROPOSALS_PER_PAGE = 20
PUBLIC = Q(status=ModerationStatus.PUBLISHED, deleted_at__isnull=True)


class Discussion:
    def __init__(self, consultation, user, list_form=None, page_number=None, proposal_page=None):
        self.consultation = consultation.original
        self.user = user
        self.filters = list_form.cleaned_data if list_form is not None and list_form.is_valid() else {}
        self.page_number = page_number
        self.proposal_page = proposal_page

    def comments(self):
        """One page of top-level comments, their visible replies prefetched (two queries)."""
        return fetch_comments(self.comment_page())

    def comment_page(self, count=None):
        """The page of comments, counted (one query, unless the `count` is known) but not fetched yet."""
        visible = Comment.objects.visible_to(self.user).select_related("author")
        replies = visible.order_by("created_at")
        comments = (
            visible.filter(consultation=self.consultation, parent__isnull=True)
            .annotate(public_replies=Count("replies", filter=Q(replies__status=ModerationStatus.PUBLISHED)))
            .prefetch_related(Prefetch("replies", queryset=replies, to_attr="visible_replies"))
        )
        section = self.filters.get("section")
        if section == "draft":
            comments = comments.filter(section_key__isnull=True)
        elif section:
            comments = comments.filter(section_key=section)
        ordering = {"oldest": ["created_at"], "replies": ["-public_replies", "-created_at"]}
        comments = comments.order_by(*ordering.get(self.filters.get("sort"), ["-created_at"]))
        return page_of(Paginator(comments, COMMENTS_PER_PAGE), self.page_number, count)

    def public_comment_counts(self):
        """Published comments (replies included) per section key; None is the whole draft."""
        rows = (
            Comment.objects.filter(PUBLIC, consultation=self.consultation)
            .values("section_key")
            .annotate(n=Count("pk"))
        )
        return {row["section_key"]: row["n"] for row in rows}

    def proposals(self):
        """One page of proposals, the most supported first."""
        return fetch_proposals(self.proposals_page())

    def proposals_page(self, count=None):
        """The page of proposals, counted (one query, unless the `count` is known) but not fetched yet."""
        proposals = (
            Proposal.objects.visible_to(self.user)
            .filter(consultation=self.consultation)
            .select_related("author")
            .annotate(support_count=Count("supports"))
            .order_by("-support_count", "-created_at", "-pk")
        )
        if self.user.is_authenticated:
            mine = Support.objects.filter(proposal=OuterRef("pk"), user=self.user)
            proposals = proposals.annotate(supported=Exists(mine))
        return page_of(Paginator(proposals, PROPOSALS_PER_PAGE), self.proposal_page, count)


def page_of(paginator, number, count=None):
    """The page `number` of the paginator, not counted again when its `count` is known."""
    if count is not None:
        paginator.count = count  # the paginator's own cached_property, known already
    return paginator.get_page(number)


def fetch_comments(page):
    page.object_list = list(page.object_list)
    # The city's official replies in the reader's language: one query for the whole page.
    attach_translations(
        [reply for comment in page for reply in comment.visible_replies if reply.is_official], "text"
    )
    return page


def fetch_proposals(page):
    page.object_list = attach_translations(page.object_list, "answer")  # one query for the page
    return page


@dataclass
class PollChoice:
    """A choice as the reader sees it; its votes are counted only where the poll's results are
    shown (0 elsewhere)."""

    pk: int
    text: str
    votes: int
    percent: int


@dataclass
class PollView:
    poll: object
    question: str
    choices: list
    my_choice: int | None
    show_results: bool
    total: int
    form: object = None  # the answer form (views.discussion_context)

    @property
    def results_key(self):
        """What its results table shows, besides the texts: a value of a shared part of the page."""
        votes = ",".join(f"{choice.pk}={choice.votes}" for choice in self.choices)
        return f"{self.poll.pk}:{self.my_choice}:{votes}"


def poll_texts(consultation, locale):
    """The consultation's polls with their choices, and their texts in the reader's language where
    translated: (polls, texts by translation key); two queries, four in another language."""
    source = list(Poll.objects.of(consultation).prefetch_related("choices"))
    texts = {}
    if locale.pk != consultation.original.locale_id:
        translated = Poll.objects.filter(
            translation_key__in=[poll.translation_key for poll in source], locale=locale
        )
        for poll in translated.prefetch_related("choices"):
            texts[poll.translation_key] = poll.question
            texts.update({choice.translation_key: choice.text for choice in poll.choices.all()})
    return source, texts


def vote_counts(polls):
    """The answers to each choice of these polls (one query)."""
    return dict(
        Vote.objects.filter(poll__in=polls)
        .values_list("choice")
        .annotate(n=Count("pk"))
        .values_list("choice", "n")
    )


def polls(consultation, user, locale, show_results=False, known=None, mine=None, count=vote_counts):
    """The consultation's polls in the reader's language (else Bulgarian), with the counts of
    the Bulgarian poll where its results are shown: the queries of poll_texts (unless the polls and
    their texts are `known`), the reader's answers (unless known: `mine`, choice by poll) and the
    counts (`count` of the polls shown), however many polls, choices and votes."""
    source, texts = known or poll_texts(consultation, locale)
    if mine is None:
        mine = {}
        if user.is_authenticated:
            mine = dict(Vote.objects.filter(poll__in=source, user=user).values_list("poll_id", "choice_id"))
    shown = [
        poll
        for poll in source
        if show_results
        or not consultation.is_open
        or (poll.results == Poll.Results.AFTER_VOTE and poll.pk in mine)
    ]
    counts = count(shown) if shown else {}
    views = []
    for poll in source:
        choices = list(poll.choices.all())
        total = sum(counts.get(choice.pk, 0) for choice in choices)
        views.append(
            PollView(
                poll=poll,
                question=texts.get(poll.translation_key, poll.question),
                choices=[
                    PollChoice(
                        choice.pk,
                        texts.get(choice.translation_key, choice.text),
                        counts.get(choice.pk, 0),
                        round(100 * counts.get(choice.pk, 0) / total) if total else 0,
                    )
                    for choice in choices
                ],
                my_choice=mine.get(poll.pk),
                show_results=poll in shown,
                total=total,
            )
        )
    return views
