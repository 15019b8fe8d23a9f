"""Sealed ballots of secret votes: what a database administrator sees is useless without BALLOT_SECRET.

Each secret vote has a key pair of its own (libsodium, through PyNaCl). Its private key is stored
only wrapped (SecretBox) under a key derived from BALLOT_SECRET — an environment variable, never in
the database — and from the motion's id, so a wrapped key copied to another motion opens nothing.
A ballot is the choice sealed to the motion's public key (a sealed box: an ephemeral key pair per
ballot, so two equal choices give unrelated bytes), padded first so that every choice seals to
the same length. The public key is always taken from the unwrapped private key, never read from
the database, where someone could replace it with a key of their own. At closing the ballots are
opened in memory, only the totals are stored, and the ballots and the wrapped key are deleted.
"""

from collections import Counter

from django.conf import settings
from nacl.encoding import RawEncoder
from nacl.exceptions import CryptoError
from nacl.hash import blake2b
from nacl.public import PrivateKey, SealedBox
from nacl.secret import SecretBox

PLAINTEXT_LENGTH = 16  # every option is padded to this many bytes before sealing


class BallotKeyError(Exception):
    """The wrapped key does not open with this BALLOT_SECRET (changed while the vote was open?)."""


def _wrapping_box(motion_pk):
    """A key of this motion alone, derived from BALLOT_SECRET with keyed BLAKE2b (libsodium's KDF)."""
    master = blake2b(
        settings.BALLOT_SECRET.encode(), digest_size=64, person=b"og-ballot-secret", encoder=RawEncoder
    )
    key = blake2b(
        f"motion:{motion_pk}".encode(),
        digest_size=SecretBox.KEY_SIZE,
        key=master,
        person=b"og-ballot-kek-v1",
        encoder=RawEncoder,
    )
    return SecretBox(key)


def new_wrapped_key(motion_pk):
    """A fresh private key for a secret vote, wrapped for storage on the motion."""
    return bytes(_wrapping_box(motion_pk).encrypt(bytes(PrivateKey.generate())))


def _private_key(motion_pk, wrapped):
    try:
        return PrivateKey(_wrapping_box(motion_pk).decrypt(bytes(wrapped)))
    except CryptoError:
        raise BallotKeyError(motion_pk) from None


def seal(motion_pk, wrapped, option):
    """The choice sealed to the motion's public key: the same length whatever the option."""
    plaintext = option.encode().ljust(PLAINTEXT_LENGTH, b"\0")
    return SealedBox(_private_key(motion_pk, wrapped).public_key).encrypt(plaintext)


def count(motion_pk, wrapped, sealed_ballots):
    """{option: number} of the ballots, opened in memory only."""
    box = SealedBox(_private_key(motion_pk, wrapped))
    return Counter(box.decrypt(bytes(sealed)).rstrip(b"\0").decode() for sealed in sealed_ballots)
