"""The parts of a consultation page every reader shares, rendered once per state of the discussion:
the draft's sections, a page of comments and a page of proposals, as an anonymous visitor sees them.

A fragment is keyed by the page-cache generation (every contribution, moderation, answer, publication
and erased account starts a new one), the page (one per language), the language, the time zone,
whether the consultation is open, what the list shows (section, order, page number) and, for
proposals, the count of support changes. It is rendered for no one (an anonymous reader, no CSRF
token), so it holds nothing personal; what is, is added afterwards from what is the reader's own
on the page (`Reader`, one query): each proposal's support form or link (kept beside the fragment
as a stand-in who wrote nothing sees it, a slot for the reader's CSRF token), and the actions on
the reader's own comments, which replace the shared actions between markers only the templates
write (participants' text is escaped, so it cannot contain them). A reader with own contributions
the public does not see (pending, rejected), or a refused support form, gets the lists rendered for
them alone, as before.

What the page shows around the lists is kept the same way (`PageState`: the sections, the polls'
texts, the report, the documents, the plan's version), and the lists' counts and the polls' counts
(per count of answers).
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from django.middleware.csrf import get_token
from django.template.loader import get_template, render_to_string
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language
from wagtail.models import CollectionViewRestriction

from cms import page_cache

from .discussion import (
    COMMENTS_PER_PAGE,
    PROPOSALS_PER_PAGE,
    Discussion,
    fetch_comments,
    fetch_proposals,
    poll_texts,
    polls,
    vote_counts,
)
from .forms import CommentListForm, PollAnswerForm
from .models import Comment, ConsultationReport, Follow, ModerationStatus, Proposal, Support, Vote

SUPPORTS_KEY = "consultation-fragment:supports"
VOTES_KEY = "consultation-fragment:votes"
SEEN_BY_ALL = [ModerationStatus.PUBLISHED, ModerationStatus.HIDDEN]
TOKEN_SLOT = "csrf-token-of-the-reader"  # noqa: S105 (a placeholder, no secret)
MARKER = re.compile(r"<!--/?og:[a-z]+-\d+-->")
PROPOSAL_SLOT = re.compile(r"<!--og:proposal-(\d+)-->")


def numbered(count, per_page, number):
    """The page of a list of `count` items that `number` asks for, as Paginator numbers it (an
    unknown number: the first page; past the end: the last), without the items."""
    return Paginator(range(count), per_page).get_page(number)


def count_support_and_answer_changes():
    """Supports and answers to polls start no new generation (counters may lag on anonymous pages),
    but the reader who just supported a proposal or answered a poll must see the count with it."""
    for model, key in ((Support, SUPPORTS_KEY), (Vote, VOTES_KEY)):

        def changed(key=key, **kwargs):
            page_cache.start_generation(key)

        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"fragment-{key}-save")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"fragment-{key}-delete")


@dataclass
class Reader:
    """What is the reader's own on a consultation page: their comments among those shown and those
    the public does not see (status by pk), whether they have proposals the public does not see,
    the shown proposals they support, whether they follow the consultation, their answers to the
    polls (choice by poll). One query for all of it, none for an anonymous reader."""

    comments: dict
    has_unpublished_proposals: bool
    supported: set
    follows: bool
    votes: dict

    @classmethod
    def of(cls, page, user, comment_pks, proposal_pks, poll_pks):
        reader = cls(comments={}, has_unpublished_proposals=False, supported=set(), follows=False, votes={})
        if not user.is_authenticated:
            return reader
        sql, params = reader_rows_sql(page.original.pk, user.pk, comment_pks, proposal_pks, poll_pks)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        for kind, key, detail in rows:
            if kind == "comment":
                reader.comments[key] = detail
            elif kind == "proposal":
                reader.has_unpublished_proposals = True
            elif kind == "support":
                reader.supported.add(key)
            elif kind == "follow":
                reader.follows = True
            else:
                reader.votes[key] = int(detail)
        return reader


def reader_rows_sql(consultation, user, comment_pks, proposal_pks, poll_pks):
    """The SQL of `Reader.of`, written out: the ORM took longer to build the five querysets of the
    union than the database to answer them (SQLite and PostgreSQL alike)."""

    def table(model):
        return connection.ops.quote_name(model._meta.db_table)

    def among(values):
        return ", ".join(["%s"] * len(values)) or "NULL"

    hidden = ", ".join(["%s"] * len(SEEN_BY_ALL))
    # Only placeholders and the tables' quoted names are put into the text.
    sql = f"""
        SELECT 'comment', id, status FROM {table(Comment)}
        WHERE consultation_id = %s AND author_id = %s
        AND (id IN ({among(comment_pks)}) OR status NOT IN ({hidden}))
        UNION ALL
        SELECT 'proposal', id, status FROM {table(Proposal)}
        WHERE consultation_id = %s AND author_id = %s AND status NOT IN ({hidden})
        UNION ALL
        SELECT 'support', proposal_id, '' FROM {table(Support)}
        WHERE user_id = %s AND proposal_id IN ({among(proposal_pks)})
        UNION ALL
        SELECT 'follow', id, '' FROM {table(Follow)} WHERE consultation_id = %s AND user_id = %s
        UNION ALL
        SELECT 'vote', poll_id, CAST(choice_id AS VARCHAR(20)) FROM {table(Vote)}
        WHERE user_id = %s AND poll_id IN ({among(poll_pks)})
    """  # noqa: S608
    params = [
        *(consultation, user, *comment_pks, *SEEN_BY_ALL),
        *(consultation, user, *SEEN_BY_ALL),
        *(user, *proposal_pks),
        *(consultation, user),
        *(user, *poll_pks),
    ]
    return sql, params


@dataclass
class PageState:
    """What the page shows everyone around the discussion: the draft's sections, the polls with
    their texts in the page's language (without their counts), the published report, the draft's
    documents (each reader's view of them is filtered by collection privacy, where any collection
    is private) and the version of the plan consulted on."""

    sections: list
    polls: tuple
    published_report: object
    documents: list
    any_private_collection: bool
    plan_version_entry: object

    @classmethod
    def of(cls, page):
        return cls(
            sections=page.numbered_sections(),
            polls=poll_texts(page, page.locale),
            published_report=ConsultationReport.objects.of(page).filter(published_at__isnull=False).first(),
            documents=page.draft_documents(),
            any_private_collection=CollectionViewRestriction.objects.exists(),
            plan_version_entry=page.plan_version_entry,
        )


class SharedDiscussion:
    def __init__(self, page, request, support_form=None):
        self.page, self.request, self.user = page, request, request.user
        self.support_form = support_form
        self.state = self.cached(self.key(kind="state"), lambda: PageState.of(page))
        self.sections = self.state.sections
        self.list_form = CommentListForm(request.GET or None, sections=self.sections)
        self.shared = self.discussion(AnonymousUser())
        self.section_of = {section.translation_key: (number, section) for number, section in self.sections}

    def discussion(self, user):
        get = self.request.GET
        return Discussion(self.page, user, self.list_form, get.get("page"), get.get("proposals"))

    @cached_property
    def reader(self):
        """What is the reader's own on the page, in one query, once the shared lists are known."""
        _comments, _html, comment_pks = self.comment_fragment
        _proposals, _html, public = self.proposal_fragment
        polls, _texts = self.state.polls
        return Reader.of(self.page, self.user, comment_pks, list(public), [poll.pk for poll in polls])

    def key(self, *parts, kind="fragment"):
        """A rendered fragment's key; kind="state" for what is kept to render the page."""
        host, _port = split_domain_port(self.request.get_host())
        state = (page_cache.generation(), host, self.page.pk, get_language(), get_current_timezone_name())
        return ":".join(str(part) for part in (f"consultation-{kind}", *state, self.page.is_open, *parts))

    def cached(self, key, render):
        """Kept as long as anonymous pages (PAGE_CACHE_SECONDS; 0 turns both off); never for a
        preview, which shows a draft's sections."""
        if settings.PAGE_CACHE_SECONDS <= 0 or getattr(self.request, "is_preview", False):
            return render()
        value = cache.get(key)
        if value is None:
            value = render()
            cache.set(key, value, settings.PAGE_CACHE_SECONDS)
        return value

    def render(self, template, user, **context):
        return render_to_string(template, self.context(user, **context))

    def context(self, user, **context):
        context = {"page": self.page, "request": self.request, "user": user, **context}
        if user.is_authenticated:
            context["csrf_token"] = get_token(self.request)
        return context

    def draft(self):
        """The draft's sections with their counts of comments."""
        return self.cached(
            self.key("draft"),
            lambda: self.render(
                "consultation/includes/draft.html",
                AnonymousUser(),
                sections=self.sections,
                comment_counts=self.shared.public_comment_counts(),
            ),
        )

    def documents(self):
        """The draft's documents this reader may open."""
        if not self.state.documents or not self.state.any_private_collection:
            return self.state.documents
        return self.page.readable_documents(self.request, self.state.documents)

    def polls(self):
        """The polls as this reader sees them, each with its answer form; the counts of the polls
        whose results are shown are kept per state of the answers."""

        def counts(shown):
            key = self.key("poll-counts", *(poll.pk for poll in shown), page_cache.generation(VOTES_KEY))
            return self.cached(key, lambda: vote_counts(shown))

        views = polls(
            self.page,
            self.user,
            self.page.locale,
            known=self.state.polls,
            mine=self.reader.votes,
            count=counts,
        )
        for poll in views:
            poll.form = PollAnswerForm(poll=poll, consultation=self.page)
        return views

    @cached_property
    def comment_fragment(self):
        """(the page of comments, its list items as everyone sees them, the comments' pks); from the
        cache, the page is the place of the list among the pages of comments (its number, the number
        of pages), for the page links."""
        filters = self.shared.filters
        count = self.cached(
            self.key("comment-count", filters.get("section"), kind="state"),
            lambda: self.shared.comment_page().paginator.count,
        )
        comments = numbered(count, COMMENTS_PER_PAGE, self.request.GET.get("page"))
        key = self.key("comments", filters.get("section"), filters.get("sort"), comments.number)

        def render():
            comments = fetch_comments(self.shared.comment_page(count))
            pks = [item.pk for comment in comments for item in (comment, *comment.visible_replies)]
            return self.comment_list(comments, AnonymousUser(), shared=True), pks

        return comments, *self.cached(key, render)

    def comments(self):
        """(the page of comments, its list items), with the actions on the reader's own comments."""
        comments, html, _pks = self.comment_fragment
        if any(status not in SEEN_BY_ALL for status in self.reader.comments.values()):
            comments = self.discussion(self.user).comments()
            return comments, self.comment_list(comments, self.user, shared=False)
        for comment in Comment.objects.filter(pk__in=list(self.reader.comments)):
            actions = self.render("consultation/includes/comment_actions.html", self.user, comment=comment)
            html = re.sub(
                rf"<!--og:comment-{comment.pk}-->.*?<!--/og:comment-{comment.pk}-->",
                lambda match: actions,  # noqa: B023 (used at once)
                html,
                count=1,
                flags=re.S,
            )
        return comments, mark_safe(MARKER.sub("", html))  # noqa: S308 (rendered by our templates)

    def comment_list(self, comments, user, shared):
        return self.render(
            "consultation/includes/comment_list.html",
            user,
            comments=comments,
            section_of=self.section_of,
            shared=shared,
        )

    @cached_property
    def proposal_fragment(self):
        """(the page of proposals, its list items as everyone sees them, each public proposal's
        author and actions by pk); from the cache, the page is the place of the list among the pages
        of proposals, as for comments."""
        count = self.cached(
            self.key("proposal-count", kind="state"), lambda: self.shared.proposals_page().paginator.count
        )
        proposals = numbered(count, PROPOSALS_PER_PAGE, self.request.GET.get("proposals"))
        key = self.key("proposals", proposals.number, page_cache.generation(SUPPORTS_KEY))

        def render():
            proposals = fetch_proposals(self.shared.proposals_page(count))
            html = self.proposal_list(proposals, AnonymousUser(), shared=True)
            public = [proposal for proposal in proposals if proposal.is_public]
            return html, {
                proposal.pk: (proposal.author_id, self.actions(proposal, proposals)) for proposal in public
            }

        return proposals, *self.cached(key, render)

    def proposals(self):
        """(the page of proposals, its list items), with the reader's support forms."""
        proposals, html, public = self.proposal_fragment
        if self.support_form is not None or self.reader.has_unpublished_proposals:
            proposals = self.discussion(self.user).proposals()
            return proposals, self.proposal_list(proposals, self.user, shared=False)
        signed_in = self.user.is_authenticated
        supported = self.reader.supported
        token = get_token(self.request) if signed_in else ""

        def actions(slot):
            pk = int(slot[1])
            if pk not in public:
                return slot[0]
            author, (to_anyone, to_support, to_withdraw) = public[pk]
            if signed_in and author == self.user.pk:
                return ""  # no support of one's own proposal, no report of it
            if signed_in and self.page.is_open:
                return (to_withdraw if pk in supported else to_support).replace(TOKEN_SLOT, token)
            return to_anyone

        return proposals, mark_safe(PROPOSAL_SLOT.sub(actions, html))  # noqa: S308 (rendered by our templates)

    def actions(self, proposal, proposals):
        """A proposal's actions as they look to a reader who cannot support it now (not signed in, or
        the consultation closed), and to a signed-in reader who may, without and with their support:
        rendered for a stand-in who wrote nothing, with a slot for the reader's CSRF token."""
        template = get_template("consultation/includes/proposal_actions.html")
        context = {"page": self.page, "request": self.request, "proposals": proposals, "proposal": proposal}
        to_anyone = template.render({**context, "user": AnonymousUser()})
        if not self.page.is_open:
            return to_anyone, to_anyone, to_anyone
        stranger = {**context, "user": get_user_model()(pk=0), "csrf_token": TOKEN_SLOT}
        variants = []
        for supported in (False, True):
            proposal.supported = supported
            variants.append(template.render(stranger))
        del proposal.supported
        return to_anyone, *variants

    def proposal_list(self, proposals, user, shared):
        return self.render(
            "consultation/includes/proposal_list.html",
            user,
            proposals=proposals,
            shared=shared,
            support_form=self.support_form,
        )
