"""The council of seed_demo: a chair, a secretary and seven members; a held and a planned meeting.

The first held meeting and the planned one are public (open data, calendar); the chair and the
first member agreed to be named publicly, so the open data and the public minutes show both kinds.
The secretariat translated the first meeting's approved minutes and decisions into Arabic and Farsi."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import AgendaItem, Attendance, Meeting, Membership, Minutes, MinutesEntry, Motion

HELD_AGENDA = [
    ("Откриване и приемане на дневния ред", ""),
    ("Проект на местен план за действие", "Становище на съвета по мерките за интеграция и включване."),
    ("Работно време на Бюрото", "Предложение Бюрото да работи до 19:00 ч. един ден в седмицата."),
]
HELD_DISCUSSION = [
    "Председателят откри заседанието; дневният ред беше приет без промени.",
    "Членовете обсъдиха мерките за интеграция. Предложиха всяка мярка да има срок и отговорна институция, "
    "а информацията за услугите да бъде и на арабски и фарси.",
    "Секретарят представи предложението. Членовете подчертаха, че много хора работят до 18:00 ч.",
]
FOLLOWUP_AGENDA = [("Одобряване на протокола от предишното заседание", "")]
# The secretariat's Arabic and Farsi versions of the approved minutes and the public decision of
# the held meeting, by their Bulgarian original; English and French are left to do, so the officers
# see what is still missing.
HELD_TRANSLATIONS = {
    "Заседание на Бежанския консултативен съвет": {
        "ar": "اجتماع المجلس الاستشاري للاجئين",
        "fa": "جلسهٔ شورای مشورتی پناهندگان",
    },
    "Бюро за граждани на трети държави, Женския пазар": {
        "ar": "مكتب مواطني الدول الثالثة، سوق النساء (جينسكي بازار)",
        "fa": "دفتر اتباع کشورهای ثالث، بازار زنان (ژنسکی بازار)",
    },
    "Откриване и приемане на дневния ред": {
        "ar": "افتتاح الاجتماع واعتماد جدول الأعمال",
        "fa": "افتتاح جلسه و تصویب دستور جلسه",
    },
    "Проект на местен план за действие": {
        "ar": "مسودة خطة العمل المحلية",
        "fa": "پیش‌نویس برنامهٔ اقدام محلی",
    },
    "Становище на съвета по мерките за интеграция и включване.": {
        "ar": "رأي المجلس بشأن تدابير الاندماج والإدماج الاجتماعي.",
        "fa": "موضع شورا دربارهٔ اقدام‌های ادغام و شمول اجتماعی.",
    },
    "Работно време на Бюрото": {
        "ar": "ساعات عمل المكتب",
        "fa": "ساعات کاری دفتر",
    },
    "Предложение Бюрото да работи до 19:00 ч. един ден в седмицата.": {
        "ar": "مقترح بأن يعمل المكتب حتى الساعة 19:00 يومًا واحدًا في الأسبوع.",
        "fa": "پیشنهاد اینکه دفتر یک روز در هفته تا ساعت 19:00 باز باشد.",
    },
    HELD_DISCUSSION[0]: {
        "ar": "افتتح الرئيس الاجتماع، واعتُمد جدول الأعمال دون تعديلات.",
        "fa": "رئیس جلسه را افتتاح کرد و دستور جلسه بدون تغییر تصویب شد.",
    },
    HELD_DISCUSSION[1]: {
        "ar": "ناقش الأعضاء تدابير الاندماج، واقترحوا أن يكون لكل تدبير موعد نهائي وجهة مسؤولة، "
        "وأن تتوفر المعلومات عن الخدمات باللغتين العربية والفارسية أيضًا.",
        "fa": "اعضا دربارهٔ اقدام‌های ادغام گفت‌وگو کردند. آنان پیشنهاد کردند که هر اقدام مهلت مشخص "
        "و نهاد مسئول داشته باشد و اطلاعات مربوط به خدمات به زبان‌های عربی و فارسی نیز ارائه شود.",
    },
    HELD_DISCUSSION[2]: {
        "ar": "قدّم أمين السر المقترح، وأكد الأعضاء أن كثيرًا من الناس يعملون حتى الساعة 18:00.",
        "fa": "دبیر پیشنهاد را ارائه کرد. اعضا تأکید کردند که بسیاری از مردم تا ساعت 18:00 کار می‌کنند.",
    },
    "Съветът подкрепя проекта на местен план и предлага мерките за интеграция да имат срокове.": {
        "ar": "يؤيد المجلس مسودة الخطة المحلية ويقترح أن تكون لتدابير الاندماج مواعيد محددة.",
        "fa": "شورا از پیش‌نویس برنامهٔ محلی حمایت می‌کند و پیشنهاد می‌کند که اقدام‌های ادغام "
        "مهلت‌های مشخصی داشته باشند.",
    },
    "Бюрото да работи до 19:00 ч. всяка сряда.": {
        "ar": "أن يعمل المكتب حتى الساعة 19:00 كل يوم أربعاء.",
        "fa": "دفتر هر چهارشنبه تا ساعت 19:00 باز باشد.",
    },
}
PLANNED_AGENDA = [
    ("Приемане на протокола от предишното заседание", ""),
    ("Интеркултурен фестивал 2027", "Предложения на общностите за програмата."),
]


def seed_council():
    if Membership.objects.exists():
        return
    users = {user.email: user for user in get_user_model().objects.filter(email__endswith="@example.org")}
    start = timezone.localdate() - timedelta(days=365)
    memberships = [
        Membership.objects.create(
            user=users["chair@example.org"], role="chair", starts_on=start, named_publicly=True
        )
    ]
    memberships.append(
        Membership.objects.create(user=users["secretary@example.org"], role="secretary", starts_on=start)
    )
    memberships += [
        Membership.objects.create(
            user=users[f"member{n}@example.org"], role="member", starts_on=start, named_publicly=n == 1
        )
        for n in range(1, 8)
    ]
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    held = create_meeting(
        "Заседание на Бежанския консултативен съвет",
        now - timedelta(days=21),
        HELD_AGENDA,
        "held",
        public=True,
    )
    record_attendance(held, memberships)
    vote_at_held_meeting(held)
    write_minutes(held)
    followup = create_meeting(
        "Извънредно заседание на съвета", now - timedelta(days=7), FOLLOWUP_AGENDA, "held"
    )
    record_attendance(followup, memberships)
    approval = Motion.objects.create(
        meeting=followup,
        agenda_item=followup.agenda_items.first(),
        text="Съветът одобрява протокола от предишното заседание.",
    )
    approval.open_vote()
    for attendance in followup.attendances.filter(status="present"):
        approval.cast(attendance.membership, "for")
    held.minutes.approve(approval.close_vote())
    translate(held, memberships[1].user)
    create_meeting(
        "Заседание на Бежанския консултативен съвет",
        now + timedelta(days=9),
        PLANNED_AGENDA,
        "planned",
        public=True,
    )


def translate(meeting, secretary):
    """The secretariat translates the approved minutes, as it may after their approval."""
    meeting.save_translations(
        secretary,
        [
            (text, HELD_TRANSLATIONS[text.original])
            for text in meeting.translatable_texts()
            if text.original in HELD_TRANSLATIONS
        ],
    )


def record_attendance(meeting, memberships):
    absent = {7: Attendance.Status.EXCUSED, 8: Attendance.Status.ABSENT}
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            membership=membership,
            status=absent.get(index, Attendance.Status.PRESENT),
            mode=Attendance.Mode.ONLINE if index in (3, 4) else Attendance.Mode.IN_PERSON,
        )
        for index, membership in enumerate(memberships)
    )


def write_minutes(meeting):
    minutes = Minutes.objects.create(meeting=meeting, status=Minutes.Status.CIRCULATED)
    MinutesEntry.objects.bulk_create(
        MinutesEntry(minutes=minutes, agenda_item=item, discussion=discussion)
        for item, discussion in zip(meeting.agenda_items.all(), HELD_DISCUSSION, strict=True)
    )


def vote_at_held_meeting(held):
    """A named vote and a secret one, as the council voted on them; both pass."""
    items = list(held.agenda_items.all())
    present = [attendance.membership for attendance in held.attendances.filter(status="present")]
    votes = [
        (
            items[1],
            "Съветът подкрепя проекта на местен план и предлага мерките за интеграция да имат срокове.",
            Motion.Method.NAMED,
            ["for"] * 6 + ["abstain"],
        ),
        (
            items[2],
            "Бюрото да работи до 19:00 ч. всяка сряда.",
            Motion.Method.SECRET,
            ["for"] * 5 + ["against"] * 2,
        ),
    ]
    for item, text, method, options in votes:
        motion = Motion.objects.create(meeting=held, agenda_item=item, text=text, method=method)
        motion.open_vote()
        for membership, option in zip(present, options, strict=True):
            motion.cast(membership, option)
        motion = motion.close_vote()
        motion.is_public = method == Motion.Method.SECRET  # the bureau's hours concern everyone
        motion.save(update_fields=["is_public"])


def create_meeting(title, starts_at, agenda, status, public=False):
    meeting = Meeting.objects.create(
        title=title,
        starts_at=timezone.localtime(starts_at).replace(
            hour=16, minute=0, second=0, microsecond=0
        ),  # Sofia's
        place="Бюро за граждани на трети държави, Женския пазар",
        status=status,
        is_public=public,
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, title=item_title, description=description, sort_order=order)
        for order, (item_title, description) in enumerate(agenda)
    )
    return meeting
