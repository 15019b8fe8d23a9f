"""What a reader sees of a consultation's contributions: a fixed number of queries, however many."""

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from .models import Comment, ModerationStatus, Proposal, Support

COMMENTS_PER_PAGE = 20
PUBLIC = Q(status=ModerationStatus.PUBLISHED, deleted_at__isnull=True)


class Discussion:
    def __init__(self, consultation, user, list_form=None, page_number=None):
        self.consultation = consultation.original
        self.user = user
        self.filters = list_form.cleaned_data if list_form is not None and list_form.is_valid() else {}
        self.page_number = page_number

    def comments(self):
        """One page of top-level comments, their visible replies prefetched (two queries)."""
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
        return Paginator(comments, COMMENTS_PER_PAGE).get_page(self.page_number)

    def public_comment_counts(self):
        """Published comments (replies included) per section key; None is the whole draft."""
        rows = (
            Comment.objects.filter(PUBLIC, consultation=self.consultation)
            .values("section_key")
            .annotate(n=Count("pk"))
        )
        return {row["section_key"]: row["n"] for row in rows}

    def proposals(self):
        proposals = (
            Proposal.objects.visible_to(self.user)
            .filter(consultation=self.consultation)
            .select_related("author")
            .annotate(support_count=Count("supports"))
            .order_by("-support_count", "-created_at")
        )
        if self.user.is_authenticated:
            mine = Support.objects.filter(proposal=OuterRef("pk"), user=self.user)
            proposals = proposals.annotate(supported=Exists(mine))
        return list(proposals)
