"""The consultations of seed_demo: one open, one upcoming, one closed with every proposal answered;
the open and the closed one with the documents of their draft."""

import random
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from cms.models import ActionPlanPage
from cms.models.translations import save_translations
from cms.text import paragraphs

from .answers import answer_contributions
from .models import (
    Choice,
    Comment,
    ConsultationDocument,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationReport,
    ModerationStatus,
    Poll,
    Proposal,
    Section,
    Support,
    TakenIntoAccount,
    Vote,
)
from .received import enter_received

PHASE_DATES = {
    "open": (timedelta(days=-10), timedelta(days=30)),
    "upcoming": (timedelta(days=14), timedelta(days=44)),
    "closed": (timedelta(days=-60), timedelta(days=-20)),
}
SHORTENED_PERIOD = timedelta(days=20)
# The closed consultation's generated contributions, beside the demo's own and those received.
CLOSED_VOLUME = 34

# The draft's documents of the open and the closed consultation (small PDFs in cms/demo/documents):
# kind, language, title, file.
DOCUMENTS_DIR = Path(__file__).resolve().parent.parent / "cms" / "demo" / "documents"
Kind = ConsultationDocument.Kind
DOCUMENTS = {
    "action-plan-2026": [
        (
            Kind.MOTIVES,
            "bg",
            "Мотиви към проекта на местен план за действие по миграция, интеграция и "
            "интернационализация 2026–2028",
            "action-plan-2026-motives.pdf",
        ),
        (
            Kind.IMPACT_ASSESSMENT,
            "bg",
            "Частична предварителна оценка на въздействието",
            "action-plan-2026-impact.pdf",
        ),
        (Kind.DRAFT, "bg", "Проект на местен план за действие 2026–2028", "action-plan-2026-draft.pdf"),
        (
            Kind.ANNEX,
            "en",
            "Annex 1: Survey of third-country nationals in Sofia, 2025 (summary)",
            "action-plan-2026-annex.pdf",
        ),
    ],
    "bureau-services-2026": [
        (
            Kind.MOTIVES,
            "bg",
            "Доклад към проекта на правила за услугите на Бюрото",
            "bureau-services-2026-report.pdf",
        ),
        (
            Kind.IMPACT_ASSESSMENT,
            "bg",
            "Частична предварителна оценка на въздействието",
            "bureau-services-2026-impact.pdf",
        ),
        (
            Kind.DRAFT,
            "bg",
            "Проект на правила за услугите на Бюрото за граждани на трети държави",
            "bureau-services-2026-draft.pdf",
        ),
        (
            Kind.ANNEX,
            "en",
            "Annex: Visitors of the Bureau in 2025 by month and language",
            "bureau-services-2026-annex.pdf",
        ),
    ],
}


def seed_consultations(home, spec):
    """Create what is missing; return the pages to translate, parents first."""
    index = ConsultationIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=ConsultationIndexPage(
                title=spec["title"], slug=spec["slug"], intro=spec["intro"], show_in_menus=True
            )
        )
        index.save_revision().publish()
    pages = [index]
    for item in spec["items"]:
        page = ConsultationPage.objects.child_of(index).filter(slug=item["slug"]).first()
        if page is None:
            page = create_consultation(index, item, spec)
        seed_documents(page)
        pages.append(page)
    return pages


def seed_documents(page):
    """The demo's documents of the draft, if the page has none: published in a new revision, as an
    editor adds them, so the editing form shows them too."""
    if page.slug not in DOCUMENTS or page.documents.exists():
        return
    page = page.get_latest_revision_as_object()
    page.documents = [
        ConsultationDocument(
            document=demo_document(title, name), title=title, kind=kind, language=language, sort_order=order
        )
        for order, (kind, language, title, name) in enumerate(DOCUMENTS[page.slug])
    ]
    page.save_revision().publish()


def demo_document(title, name):
    """A Wagtail document in the root collection. Its file keeps a fixed name, so a database seeded
    again (every test run) reuses the stored file instead of storing another copy."""
    document = get_document_model()(title=title, collection=Collection.get_first_root_node())
    path = f"documents/demo/{name}"
    storage = document.file.storage
    if not storage.exists(path):
        storage.save(path, ContentFile((DOCUMENTS_DIR / name).read_bytes()))
    document.file.name = path
    document._set_document_file_metadata()
    document.save()
    return document


def create_consultation(index, item, texts):
    now = timezone.now()
    opens, closes = PHASE_DATES[item["phase"]]
    if item.get("short_period_reason"):
        closes = opens + SHORTENED_PERIOD  # below the usual 30 days, with the reason it states
    plan = ActionPlanPage.objects.filter(locale=index.locale).first()
    page = index.add_child(
        instance=ConsultationPage(
            plan_version=plan.live_revision if plan and item.get("about_plan") else None,
            title=item["title"],
            slug=item["slug"],
            summary=paragraphs(item["summary"]),
            opens_at=now + opens,
            closes_at=now + closes,
            short_period_reason=item.get("short_period_reason", ""),
            moderation=item["moderation"],
            announcement=paragraphs(item["announcement"]),
        )
    )
    page.sections = [
        Section(
            locale=index.locale, title=section["title"], body=paragraphs(section["body"]), sort_order=order
        )
        for order, section in enumerate(item["sections"])
    ]
    page.save_revision().publish()
    page = ConsultationPage.objects.get(pk=page.pk)
    sections = list(page.sections.all())
    written_at = now + opens + timedelta(hours=3)
    users = {user.email: user for user in get_user_model().objects.all()}
    for spec in item["comments"]:
        section = sections[spec["section"] - 1].translation_key if spec["section"] else None
        comment = Comment.objects.create(
            consultation=page,
            author=users[spec["author"]],
            language=spec["language"],
            text=spec["text"],
            section_key=section,
            created_at=written_at,
            taken_into_account=spec.get("taken", ""),
            answer=spec.get("answer", ""),
        )
        for reply in spec.get("replies", []):
            written_at += timedelta(hours=5)
            Comment.objects.create(
                consultation=page,
                parent=comment,
                author=users[reply["author"]],
                language=reply["language"],
                text=reply["text"],
                section_key=section,
                created_at=written_at,
            )
        written_at += timedelta(hours=11)
    for spec in item["proposals"]:
        proposal = Proposal.objects.create(
            consultation=page,
            author=users[spec["author"]],
            language=spec["language"],
            title=spec["title"],
            text=spec["text"],
            spheres=spec["spheres"],
            target_groups=spec["target_groups"],
            status=ModerationStatus.PUBLISHED,
            outcome=spec.get("outcome", Proposal.Outcome.SUBMITTED),
            taken_into_account=spec.get("taken", ""),
            answer=spec.get("answer", ""),
            answered_at=now + closes + timedelta(days=5) if spec.get("answer") else None,
            created_at=written_at,
        )
        Support.objects.bulk_create(
            Support(proposal=proposal, user=users[email]) for email in spec["supporters"]
        )
        written_at += timedelta(hours=7)
    for spec in item["polls"]:
        poll = Poll(
            locale=index.locale, consultation=page, question=spec["question"], results=spec["results"]
        )
        poll.choices = [
            Choice(locale=index.locale, text=text, sort_order=n) for n, text in enumerate(spec["choices"])
        ]
        poll.save()
        choices = list(poll.choices.all())
        Vote.objects.bulk_create(
            Vote(poll=poll, choice=choices[answer], user=users[email])
            for email, answer in spec["votes"].items()
        )
    if item.get("received"):
        enter_received_demo(page, item["received"], sections, users["moderator@example.org"])
    if item.get("report_published"):
        # A realistic volume for the справка: answered, from twenty more people in five languages.
        add_contributions(page, CLOSED_VOLUME, texts, answered=True, replies=False, people=20)
        translate_answers(page)
        ConsultationReport.objects.create(consultation=page, published_at=now + closes + timedelta(days=10))
    return page


def consultation_polls(pages):
    """The polls of the demo consultations, to translate like the pages."""
    return list(Poll.objects.filter(consultation__in=pages, locale=pages[0].locale))


# seed_demo --scale and the benchmarks: many contributions, made like the demo's few.
SCALE_EMAIL = "participant-{n}@scale.example.org"
# The generated participants' languages in turn: of every 20, 7 write in Bulgarian, 5 in Arabic,
# 3 in Farsi, 3 in English and 2 in French; the first five have all five languages.
LANGUAGE_CYCLE = [
    *("bg", "ar", "fa", "en", "fr", "bg", "ar", "bg", "fa", "en"),
    *("ar", "bg", "bg", "ar", "fa", "en", "fr", "bg", "ar", "bg"),
]
CATEGORIES = {"bg": "bg_citizen", "ar": "refugee", "fa": "refugee", "en": "third_country", "fr": "eu_citizen"}
NAMES = {
    "bg": ["Мария", "Георги", "Елена", "Иван", "Десислава"],
    "ar": ["أمينة", "محمد", "فاطمة", "يوسف", "ليلى"],
    "fa": ["رضا", "مریم", "علی", "زهرا", "نرگس"],
    "en": ["David", "Grace", "Samuel", "Ruth", "Joseph"],
    "fr": ["Aminata", "Moussa", "Claire", "Ibrahima", "Fatou"],
}
ANSWERS = {
    TakenIntoAccount.TAKEN: ("Отчетено: мярката е допълнена.", Proposal.Outcome.ACCEPTED),
    TakenIntoAccount.PARTLY: (
        "Частично отчетено: ще бъде разгледано през 2027 г.",
        Proposal.Outcome.PARTLY_ACCEPTED,
    ),
    TakenIntoAccount.NOT_TAKEN: (
        "Не е отчетено: извън правомощията на общината.",
        Proposal.Outcome.NOT_ACCEPTED,
    ),
    TakenIntoAccount.NOT_APPLICABLE: ("Неприложимо: не се отнася до плана.", Proposal.Outcome.NOT_ACCEPTED),
}


# The closed consultation's answers in the languages of its contributions, as staff add them beside
# the Bulgarian answer: {Bulgarian answer: {language: translation}}.
ANSWER_TRANSLATIONS = {
    ANSWERS[TakenIntoAccount.TAKEN][0]: {
        "en": "Accepted: the measure has been supplemented.",
        "fr": "Acceptée : la mesure a été complétée.",
        "ar": "مقبول: تم استكمال الإجراء.",
        "fa": "پذیرفته‌شده: اقدام تکمیل شد.",
    },
    ANSWERS[TakenIntoAccount.PARTLY][0]: {
        "en": "Partly accepted: it will be considered in 2027.",
        "fr": "Partiellement acceptée : elle sera examinée en 2027.",
        "ar": "مقبول جزئياً: سيُنظر فيه في عام 2027.",
        "fa": "تا حدی پذیرفته‌شده: در سال 2027 بررسی خواهد شد.",
    },
    ANSWERS[TakenIntoAccount.NOT_TAKEN][0]: {
        "en": "Not accepted: outside the powers of the municipality.",
        "fr": "Non acceptée : cela ne relève pas des compétences de la municipalité.",
        "ar": "غير مقبول: يخرج عن صلاحيات البلدية.",
        "fa": "پذیرفته‌نشده: خارج از اختیارات شهرداری است.",
    },
    ANSWERS[TakenIntoAccount.NOT_APPLICABLE][0]: {
        "en": "Not applicable: it does not concern the plan.",
        "fr": "Sans objet : cela ne concerne pas le plan.",
        "ar": "لا ينطبق: لا يتعلق بالخطة.",
        "fa": "موضوعیت ندارد: به برنامه مربوط نیست.",
    },
    "Отчетено: от март 2026 г. Бюрото работи до 19:00 ч. всяка сряда.": {
        "fa": "پذیرفته‌شده: از مارس 2026 دفتر هر چهارشنبه تا ساعت 19:00 باز است.",
    },
    "Прието. От март 2026 г. Бюрото работи до 19:00 ч. всеки сряда.": {
        "fa": "پذیرفته‌شده. از مارس 2026 دفتر هر چهارشنبه تا ساعت 19:00 باز است.",
    },
    "Частично прието: консултациите на френски ще бъдат веднъж на два месеца, според наличните преводачи.": {
        "fr": "Partiellement acceptée : les permanences en français auront lieu une fois tous les deux mois, "
        "selon les interprètes disponibles.",
    },
    "Отчетено: от октомври 2026 г. преводач на арабски е в Бюрото всеки вторник и четвъртък.": {
        "ar": "مقبول: اعتباراً من أكتوبر 2026 يوجد مترجم للغة العربية في المكتب كل يوم ثلاثاء وخميس.",
    },
    "Отчетено: формулярите се публикуват на сайта на Бюрото на петте езика на платформата.": {
        "fa": "پذیرفته‌شده: فرم‌ها به پنج زبان این سامانه در وبگاه دفتر منتشر می‌شوند.",
    },
    "Неприложимо: годишният отчет на Бюрото се публикува от Столична община по общия ред и не е предмет на "
    "тази консултация.": {
        "fr": "Sans objet : le rapport annuel d’activité du Bureau est publié par la Municipalité de Sofia "
        "selon la procédure habituelle et ne relève pas de cette consultation.",
    },
}


def translate_answers(page):
    """Every answer of the page in its contribution's language, where the demo has that translation;
    a language without one shows the Bulgarian answer, marked as such."""
    for model in (Comment, Proposal):
        answered = model.objects.filter(consultation=page).exclude(answer="")
        for item in answered.exclude(language=settings.LANGUAGE_CODE):
            text = ANSWER_TRANSLATIONS.get(item.answer, {}).get(item.language)
            if text:
                save_translations(item, "answer", {item.language: text})


def scale_consultation(spec):
    """The open consultation of the demo, which seed_demo --scale fills."""
    slug = next(item["slug"] for item in spec["items"] if item["phase"] == "open")
    return ConsultationPage.objects.get(slug=slug, locale__language_code=settings.LANGUAGE_CODE)


def enter_received_demo(page, received, sections, moderator):
    """What reached the Bureau by email, letter, in person or phone, entered by the moderator and
    answered, through the same operations as in the admin."""
    for spec in received:
        common = {
            "text": spec["text"],
            "language": spec["language"],
            "channel": spec["channel"],
            "received_on": timezone.localdate(page.opens_at) + timedelta(days=spec["day"]),
            "sender_name": spec["sender_name"],
            "organisation": spec["organisation"],
        }
        section = sections[spec["section"] - 1].translation_key if spec["section"] else None
        comment = enter_received(Comment(section_key=section, **common), page, moderator)
        answer_contributions([comment], spec["taken"], spec["answer"])


def add_contributions(page, count, spec, *, answered=False, replies=True, people=None):
    """Bring the generated contributions of `page` up to `count` (so a second run adds nothing):
    three fifths comments, a quarter replies to them, the rest proposals, each in its author's
    language and on a section of the draft or the whole of it, all published; proposals get
    supports and the page's polls answers from the same generated participants (a fifth as many
    people as contributions). The texts are the demo's (`spec`: the consultations of
    cms/demo/bg.json). `answered`: the city answered every comment and proposal, as in a report.
    `replies=False` leaves replies out: the report lists no replies, so each contribution is a row.
    `people`: how many generated participants write them (else a fifth as many as contributions).
    Returns how many contributions were added."""
    generated = {"consultation": page, "author__email__endswith": SCALE_EMAIL[SCALE_EMAIL.index("@") :]}
    existing = Comment.objects.filter(**generated).count() + Proposal.objects.filter(**generated).count()
    missing = count - existing
    if missing <= 0:
        return 0
    rng = random.Random(f"{page.pk}:{existing}")  # noqa: S311 -- demo data, not a secret
    people = scale_participants(people or max(10, count // 5))
    comment_texts, proposal_specs = sample_texts(spec)
    keys = [None, *page.sections.values_list("translation_key", flat=True)]
    start = page.opens_at
    end = min(timezone.now(), page.closes_at)

    def when(after=start):
        return after + (end - after) * rng.random()

    def answer():
        if not answered:
            return {}
        verdict = rng.choice(list(ANSWERS))
        return {
            "taken_into_account": verdict,
            "answer": ANSWERS[verdict][0],
            "answered_at": page.closes_at + timedelta(days=5),
            "reviewed_at": page.closes_at + timedelta(days=5),  # answered, so read
        }

    def author():
        person = rng.choice(people)
        return person, person.preferred_language

    n_proposals = missing * 3 // 20
    n_replies = missing // 4 if replies else 0
    comments = []
    for _n in range(missing - n_proposals - n_replies):
        person, language = author()
        comments.append(
            Comment(
                consultation=page,
                author=person,
                language=language,
                text=rng.choice(comment_texts[language]),
                section_key=rng.choice(keys),
                created_at=when(),
                **answer(),
            )
        )
    comments = Comment.objects.bulk_create(comments, batch_size=1000)
    reply_rows = []
    for _n in range(n_replies):
        parent = rng.choice(comments)
        person, language = author()
        reply_rows.append(
            Comment(
                consultation=page,
                parent=parent,
                author=person,
                language=language,
                text=rng.choice(comment_texts[language]),
                section_key=parent.section_key,
                created_at=when(parent.created_at),
            )
        )
    Comment.objects.bulk_create(reply_rows, batch_size=1000)
    proposals = []
    for _n in range(n_proposals):
        person, language = author()
        sample = rng.choice(proposal_specs[language])
        fields = answer()
        proposals.append(
            Proposal(
                consultation=page,
                author=person,
                language=language,
                title=sample["title"],
                text=sample["text"],
                spheres=sample["spheres"],
                target_groups=sample["target_groups"],
                outcome=ANSWERS[fields["taken_into_account"]][1] if answered else Proposal.Outcome.SUBMITTED,
                created_at=when(),
                **fields,
            )
        )
    proposals = Proposal.objects.bulk_create(proposals, batch_size=1000)
    Support.objects.bulk_create(
        (
            Support(proposal=proposal, user=person)
            for proposal in proposals
            for person in rng.sample(people, min(len(people), int(rng.expovariate(1 / 4))))
        ),
        batch_size=1000,
    )
    answer_polls(rng, page, people, when)
    return missing


def scale_participants(number):
    """The generated participants, made once: they cannot sign in (no usable password)."""
    User = get_user_model()
    emails = [SCALE_EMAIL.format(n=n) for n in range(1, number + 1)]
    made = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    rng = random.Random(len(made))  # noqa: S311 -- demo data, not a secret
    password = make_password(None)
    new = []
    for n, email in enumerate(emails):
        if email not in made:
            language = LANGUAGE_CYCLE[n % len(LANGUAGE_CYCLE)]
            new.append(
                User(
                    email=email,
                    display_name=f"{rng.choice(NAMES[language])} {email.split('@')[0].rsplit('-', 1)[1]}",
                    respondent_category=rng.choice([CATEGORIES[language], ""]),
                    preferred_language=language,
                    password=password,
                    terms_accepted_at=timezone.now(),
                )
            )
    User.objects.bulk_create(new, batch_size=1000)
    return list(User.objects.filter(email__in=emails))


def sample_texts(spec):
    """The demo's comments and proposals by language: what generated participants write."""
    comments, proposals = {}, {}
    for item in spec["items"]:
        for comment in item["comments"]:
            for text in [comment, *comment.get("replies", [])]:
                comments.setdefault(text["language"], []).append(text["text"])
        for proposal in item["proposals"]:
            proposals.setdefault(proposal["language"], []).append(proposal)
    return comments, proposals


def answer_polls(rng, page, people, when):
    """About two thirds of the participants answer each poll of the page, the first answers
    more often than the last ones."""
    for poll in Poll.objects.filter(consultation=page, locale=page.locale).prefetch_related("choices"):
        choices = list(poll.choices.all())
        if not choices:
            continue
        voted = set(Vote.objects.filter(poll=poll).values_list("user_id", flat=True))
        weights = list(range(len(choices), 0, -1))
        Vote.objects.bulk_create(
            (
                Vote(poll=poll, choice=rng.choices(choices, weights)[0], user=person, created_at=when())
                for person in people
                if person.pk not in voted and rng.random() < 2 / 3
            ),
            batch_size=1000,
        )
