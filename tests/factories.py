import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "a-long-test-passphrase"


class UserFactory(factory.django.DjangoModelFactory):
    """A participant whose email address is verified, as after a completed signup."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Faker("first_name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    @factory.post_generation
    def roles(user, create, extracted, **kwargs):
        if create and extracted:
            user.groups.add(*Group.objects.filter(name__in=extracted))


class ProposalFactory(factory.django.DjangoModelFactory):
    """A published proposal by a new participant; pass `consultation` (the Bulgarian page)."""

    class Meta:
        model = "consultation.Proposal"

    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Proposal {n}")
    text = factory.Faker("sentence")
    language = "en"
    spheres = ["integration"]
    target_groups = []


class CommentFactory(factory.django.DjangoModelFactory):
    """A published comment on the whole draft by a new participant; pass `consultation`."""

    class Meta:
        model = "consultation.Comment"

    author = factory.SubFactory(UserFactory)
    text = factory.Faker("sentence")
    language = "en"


def a_year_ago():
    from datetime import timedelta

    from django.utils import timezone

    return timezone.localdate() - timedelta(days=365)


class MembershipFactory(factory.django.DjangoModelFactory):
    """A new person's seat on the council, held since a year ago."""

    class Meta:
        model = "council.Membership"

    user = factory.SubFactory(UserFactory)
    role = "member"
    starts_on = factory.LazyFunction(a_year_ago)


def a_week_ago():
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() - timedelta(days=7)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A council meeting held a week ago, with no agenda, votes or minutes."""

    class Meta:
        model = "council.Meeting"

    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = factory.LazyFunction(a_week_ago)
    status = "held"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """An item on a meeting's agenda; pass `meeting`."""

    class Meta:
        model = "council.AgendaItem"

    title = factory.Sequence(lambda n: f"Agenda item {n}")
    sort_order = factory.Sequence(lambda n: n)
