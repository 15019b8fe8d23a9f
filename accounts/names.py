"""What a participant may call themselves and which address they may give.

A display name is shown next to everything its owner writes, so it may not pass for the city, the
site or its staff in any of the site's languages, however it is spelled; an email domain may not
imitate another one with look-alike letters. Both are compared by their "skeleton": the text
folded (case, compatibility forms, accents, invisible characters) and with each letter that is
drawn like a Latin one replaced by it, a small part of Unicode's confusables (UTS #39) that covers
the scripts of the site's languages.
"""

import functools
import re
import unicodedata
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.text import strip_bidi_controls

# Drawn like a Latin letter (after casefolding): Cyrillic, Greek, Armenian, Latin variants, digits
# and signs; Arabic letters written two ways (Arabic and Persian yeh and kaf, teh marbuta) are one.
CONFUSABLES = str.maketrans(
    {
        **dict(zip("авеёкмнопрстухѕіїјԁһԛԝӏүɡɑ", "abeekmhonpctyxsiijdhqwiyga", strict=True)),
        **dict(zip("αβγεηικνορτυχωϲ", "abyeniknoptuxwc", strict=True)),
        **dict(zip("օսհ", "ouh", strict=True)),
        **dict(zip("ıl|!@$", "iiiias", strict=True)),
        **dict(zip("يىكة", "ییکه", strict=True)),
        "\u0640": None,  # the Arabic tatweel only stretches a letter
    }
)


# Digits written for letters ("M0derat0r"); a name is also read with its digits as digits ("Admin 1").
DIGITS = str.maketrans("01345789", "oieastbg")


def skeleton(text, digits_as_letters=True):
    """The text as it looks: two texts with the same skeleton can pass for each other."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    text = "".join(char for char in text if unicodedata.category(char) not in ("Mn", "Me", "Cf"))
    text = text.translate(CONFUSABLES)
    return (text.translate(DIGITS) if digits_as_letters else text).replace("rn", "m")


def words(text, digits_as_letters=True):
    return re.findall(r"[^\W\d_]+", skeleton(text, digits_as_letters))


# The city, the site and the staff's roles, in the site's five languages (and Arabic with the
# article, which is written as part of the word).
RESERVED_NAMES = (
    # Sofia Municipality
    "Столична община",
    "Столичната община",
    "Община",
    "Общината",
    "Sofia Municipality",
    "Municipality",
    "Municipalité",
    "Mairie",
    "Ville de Sofia",
    "Stolichna obshtina",
    "Stolichnata obshtina",
    "Obshtina",
    "Obshtinata",
    "Obstina",
    "City Hall",
    "Hôtel de ville",
    "بلدية",
    "البلدية",
    "بلدية صوفيا",
    "شهرداری",
    "شهرداری صوفیه",
    # The mayor
    "Кмет",
    "Кметът",
    "Кметове",
    "Кметство",
    "Kmet",
    "Mayor",
    "Maire",
    "عمدة",
    "العمدة",
    "رئيس البلدية",
    "شهردار",
    # Otvoren Grad
    "Отворен град",
    "Otvoren Grad",
    "Open City",
    "Ville ouverte",
    "المدينة المفتوحة",
    "شهر باز",
    # The staff: moderators, editors, publishers, administrators, the council's secretariat
    "Модератор",
    "Модератори",
    "Moderator",
    "Moderators",
    "Modérateur",
    "Modératrice",
    "Modération",
    "مشرف",
    "المشرف",
    "ناظر",
    "Редактор",
    "Editor",
    "Rédacteur",
    "Rédactrice",
    "المحرر",
    "ویراستار",
    "Публикуващ",
    "Publisher",
    "Éditeur",
    "الناشر",
    "Администратор",
    "Админ",
    "Admin",
    "Administrator",
    "Administrateur",
    "Administratrice",
    "مدير",
    "المدير",
    "مدیر",
    "Администрация",
    "Администрацията",
    "Administration",
    "إدارة",
    "الإدارة",
    "مدیریت",
    "اداره",
    "Official",
    "Officiel",
    "Officielle",
    "Официален",
    "Официално",
    "Официални",
    "رسمي",
    "الرسمي",
    "رسمی",
    "Секретариат",
    "Секретариатът",
    "Secretariat",
    "Secrétariat",
    "الأمانة",
    "دبیرخانه",
    # The council, its chair and its secretary
    "Съвет",
    "Съветът",
    "Council",
    "Conseil",
    "مجلس",
    "المجلس",
    "شورا",
    "شورای",
    "Председател",
    "Председателят",
    "Председатели",
    "Chair",
    "Chairperson",
    "President",
    "Président",
    "Présidente",
    "رئيس",
    "الرئيس",
    "رئیس",
    "Секретар",
    "Секретарят",
    "Секретари",
    "Secretary",
    "Secrétaire",
    "سكرتير",
    "أمين السر",
    "منشی",
    "دبیر",
    "Председател на съвета",
    "Chair of the council",
    "Council chair",
    "Président du conseil",
    "رئيس المجلس",
    "رئیس شورا",
    "Секретар на съвета",
    "Council secretary",
    "Secrétaire du conseil",
    "أمين سر المجلس",
    "دبیر شورا",
)

# A reserved name this long is refused even inside a longer word ("xxModeratorxx"); shorter ones
# only as words of their own, so that "Badminton club" is not "admin" nor "Richard" "chair".
INSIDE_A_WORD = 8


def singular(tokens):
    """Words in Latin letters without a plural "s" ("Admins", "Mayors"); the other languages'
    plurals are in the list."""
    return [token[:-1] if len(token) > 3 and token.endswith("s") else token for token in tokens]


@functools.cache
def _reserved():
    return [(tuple(words(name)), "".join(words(name))) for name in RESERVED_NAMES]


def is_reserved(name):
    """Whether the name is, or contains, a name of the city, of the site or of a staff role."""
    for tokens in (words(name), words(name, digits_as_letters=False), singular(words(name))):
        joined = "".join(tokens)
        for phrase, phrase_joined in _reserved():
            if len(phrase_joined) >= INSIDE_A_WORD and phrase_joined in joined:
                return True
            if any(tuple(tokens[i : i + len(phrase)]) == phrase for i in range(len(tokens))):
                return True
    return False


def clean_display_name(name):
    """The name as it will be shown, without bidirectional controls (they would reverse the text
    around it on a page or in the minutes' PDF); refused when nothing visible is left or it is
    reserved."""
    name = strip_bidi_controls(name).strip()
    if not any(unicodedata.category(char)[0] in "LNPS" for char in name):
        raise ValidationError(
            _("Please choose a name with at least one visible character."), code="invisible"
        )
    if is_reserved(name):
        raise ValidationError(
            _("This name is reserved for the city and its staff. Please choose another one."),
            code="reserved",
        )
    return name


# Domains that people trust on sight: the big mail providers, Bulgarian ones, the municipality's.
WELL_KNOWN_DOMAINS = (
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "icloud.com",
    "proton.me",
    "protonmail.com",
    "gmx.net",
    "abv.bg",
    "mail.bg",
    "dir.bg",
    "yandex.ru",
    "mail.ru",
    "sofia.bg",
)


def protected_domains():
    """The well-known domains and the site's own (from BASE_URL and ALLOWED_HOSTS)."""
    hosts = [urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "", *settings.ALLOWED_HOSTS]
    own = [host.strip(".").lower() for host in hosts if "." in host and not host.replace(".", "").isdigit()]
    return {*WELL_KNOWN_DOMAINS, *own}


def _script(char):
    """The script of a letter, from its Unicode name (the standard library has no script property)."""
    script = unicodedata.name(char, "UNKNOWN").split(" ")[0]
    return "HAN" if script in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL") else script


def _unicode_label(label):
    if label.startswith("xn--"):
        return label[4:].encode("ascii").decode("punycode")
    return label


def is_lookalike_domain(domain):
    """Whether an email domain imitates another: a label mixes scripts (`gmaіl` with a Cyrillic і),
    is all look-alike letters of another script (Cyrillic `аре` for `ape`), or the domain looks
    like a well-known domain or the site's own without being it (`yah00.com`). Punycode labels
    (`xn--…`) are judged by what they show."""
    try:
        labels = [_unicode_label(label) for label in domain.lower().strip(".").split(".")]
    except UnicodeError:
        return True  # a punycode label that shows nothing
    for label in labels:
        if len({_script(char) for char in label if char.isalpha()}) > 1:
            return True
        if not label.isascii() and skeleton(label).isascii():
            return True
    shown = ".".join(labels)
    looks = skeleton(shown)
    for known in protected_domains():
        if shown == known or shown.endswith("." + known):
            continue
        if looks == skeleton(known) or looks.endswith("." + skeleton(known)):
            return True
    return False
