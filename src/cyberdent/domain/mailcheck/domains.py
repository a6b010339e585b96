"""Domain names: registrable part (public-suffix list shipped in a package, never downloaded),
punycode, look-alike characters and edit distance against the known senders' domains."""

from __future__ import annotations

import contextlib
import ipaddress
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from publicsuffixlist import PublicSuffixList

MAX_DOMAIN_CHARS = 253

# Look-alike characters, folded onto one "skeleton" letter (a small table, not all of Unicode):
# Cyrillic and Greek letters that look Latin, digits that look like letters, I/l/1/i.
_CONFUSABLES = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "l",
        "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g", "һ": "h", "к": "k", "м": "m", "т": "t",
        "в": "b", "н": "h", "ο": "o", "α": "a", "ε": "e", "ι": "l", "κ": "k", "ν": "v",
        "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "0": "o", "1": "l", "3": "e", "5": "s",
        "i": "l", "ı": "l", "í": "l", "ì": "l", "é": "e", "è": "e", "ê": "e", "à": "a",
        "â": "a", "ô": "o", "ç": "c", "ü": "u", "ù": "u", "_": "-",
    }
)  # fmt: skip
_MULTI = (("rn", "m"), ("vv", "w"), ("cl", "d"))


@cache
def _psl() -> PublicSuffixList:
    return PublicSuffixList()


def to_unicode(domain: str) -> str:
    """xn--amli-bpa.fr → améli.fr; a label that is not valid punycode is kept as written."""
    labels = []
    for label in domain.split("."):
        if label.startswith("xn--"):
            with contextlib.suppress(UnicodeError, ValueError):
                label = label.encode("ascii").decode("idna")
        labels.append(label)
    return ".".join(labels)


def to_ascii(domain: str) -> str:
    """améli.fr → xn--amli-bpa.fr (lowered); unchanged if it cannot be encoded."""
    try:
        return domain.encode("idna").decode("ascii").lower()
    except (UnicodeError, ValueError):
        return domain.lower()


def normalise(domain: str) -> str:
    """A host or domain as found in a header or a link: lowered, trimmed, ASCII (punycode)."""
    return to_ascii(domain.strip().strip(".").lower()[:MAX_DOMAIN_CHARS])


def has_punycode(domain: str) -> bool:
    return any(label.startswith("xn--") for label in domain.split(".")) or not domain.isascii()


def is_ip(host: str) -> bool:
    host = host.strip("[]")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        # 0x7f.1, 3232235777: forms a browser still reads as an address.
        return bool(re.fullmatch(r"(0x[0-9a-f]+|\d+)(\.(0x[0-9a-f]+|\d+)){0,3}", host))
    return True


@lru_cache(maxsize=4096)
def registrable(domain: str) -> str:
    """ "mail.ameli.fr" → "ameli.fr"; the domain itself when the list has no answer."""
    if not domain or is_ip(domain):
        return domain
    try:
        found = _psl().privatesuffix(domain)
    except Exception:  # the list's parser on a strange name
        found = None
    return found or domain


def skeleton(text: str) -> str:
    text = to_unicode(text).lower().translate(_CONFUSABLES)
    for pair, letter in _MULTI:
        text = text.replace(pair, letter)
    return text


def distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, stopping early once it is over `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


@dataclass(frozen=True)
class Resemblance:
    official: str  # the known sender's domain imitated
    how: str  # a few French words on how


def _label(registered: str) -> tuple[str, str]:
    """ "ameli.fr" → ("ameli", "fr"), "impots.gouv.fr" → ("impots", "gouv.fr")."""
    label, _, suffix = registered.partition(".")
    return label, suffix


def resembles(domain: str, officials: frozenset[str]) -> Resemblance | None:
    """Whether `domain` imitates one of `officials` (registrable domains) without being one of
    them nor a subdomain of one: same skeleton, a small edit distance, or the official name with
    a word added ("ameli-remboursement.com")."""
    domain = normalise(domain)
    registered = registrable(domain)
    if not registered or registered in officials or is_ip(domain):
        return None
    shown = to_unicode(registered)
    label, _ = _label(registered)
    label_skeleton = skeleton(_label(shown)[0])
    for official in sorted(officials):
        official_label, _ = _label(official)
        if skeleton(shown) == skeleton(official):
            return Resemblance(official, "des caractères qui se ressemblent")
        if label_skeleton == skeleton(official_label) and len(official_label) >= 3:
            return Resemblance(official, "le même nom avec une autre extension")
        limit = 1 if len(official_label) <= 5 else 2
        if (
            len(official_label) >= 4
            and 0 < distance(label_skeleton, skeleton(official_label), limit) <= limit
        ):
            return Resemblance(official, "une ou deux lettres changées")
        if (
            len(official_label) >= 4
            and re.search(
                rf"(^|[-_.]){re.escape(skeleton(official_label))}([-_.]|$)", label_skeleton
            )
            and label != official_label
        ):
            return Resemblance(official, "le nom d’un organisme avec un mot ajouté")
    return None


def embeds_official(host: str, officials: frozenset[str]) -> str | None:
    """ "ameli.fr.secure-login.xyz" → "ameli.fr": an official domain written inside a host that
    belongs to someone else."""
    host = normalise(host)
    registered = registrable(host)
    if registered in officials:
        return None
    padded = f".{host}."
    for official in sorted(officials):
        if f".{official}." in padded or f".{official}-" in padded:
            return official
    return None
