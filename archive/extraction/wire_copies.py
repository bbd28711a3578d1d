"""Whether two articles are one story republished, judged on their own text.

The MinHash bands (fingerprint.py) only propose candidates. A candidate pair is
then compared on its texts without the passages that recur across the archive
(a cartoon's standard caption, a newsletter block, a footer): those passages
are found by their document frequency (archive/duplicates.py counts it), so
that two articles sharing only furniture are never linked.

The measure is the share of the shorter text's shingles found in the other
(containment): a wire story and its longer update (seeds 001 and 002) share
most of the shorter one, while a follow-up story reuses a background paragraph
or two. See tools/gold/wire_copies.py for the measured threshold.
"""

import difflib
import hashlib
import re
import struct
from dataclasses import dataclass

from .text import fold, paragraphs

# Words per shingle, here and in the MinHash signatures (fingerprint.py), which
# this module does not import: the article page compares texts without loading
# datasketch.
SHINGLE = 3
# A passage found in this many other articles is furniture, not the story: a
# story republished by a handful of outlets stays under it.
COMMON_PASSAGE = 5
CONTAINMENT = 0.6  # share of the shorter own text found in the other, from which it is a republication
MAX_DAYS_APART = 1  # a republication appears the same day or the next
MIN_OWN_SHINGLES = 40  # an own text shorter than this (a cartoon's caption) links nothing
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text).lower())


def passage_key(paragraph: str) -> int:
    """A signed 63-bit key of a paragraph's words: the same passage with other
    punctuation or accents gets the same key."""
    digest = hashlib.blake2b(" ".join(_words(paragraph)).encode(), digest_size=8).digest()
    return struct.unpack(">q", digest)[0] >> 1


def passage_keys(body: str) -> list[int]:
    """The keys of a body's paragraphs, in order, once each."""
    return list(dict.fromkeys(passage_key(p) for p in paragraphs(body) if _words(p)))


def own_paragraphs(body: str, common: set[int]) -> list[str]:
    """The body's paragraphs without those that recur across the archive."""
    return [p for p in paragraphs(body) if _words(p) and passage_key(p) not in common]


def _shingles(text: str) -> set[str]:
    words = _words(text)
    return {" ".join(words[i : i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1))}


def resemblance(body: str, other: str, common: set[int] = frozenset()) -> float:
    """The share of the shorter own text's shingles found in the other's; 0
    when either own text is too short to judge."""
    mine = _shingles("\n\n".join(own_paragraphs(body, common)))
    theirs = _shingles("\n\n".join(own_paragraphs(other, common)))
    if min(len(mine), len(theirs)) < MIN_OWN_SHINGLES:
        return 0.0
    return len(mine & theirs) / min(len(mine), len(theirs))


def is_republication(similarity: float, days_apart: int | None = None) -> bool:
    """Whether two articles this alike, published `days_apart` days apart
    (None: a date is not known to the day), are one story republished. A
    newsroom's follow-up days later reuses whole background paragraphs (Le
    Monde's obituary of one Bogdanoff twin in the other's, six days on): a
    wire copy appears the same day or the next."""
    if days_apart is not None and days_apart > MAX_DAYS_APART:
        return False
    return similarity >= CONTAINMENT


def days_apart(first, first_precision: str, second, second_precision: str) -> int | None:
    """Days between two publication dates known to the day, else None."""
    if first is None or second is None or first_precision != "day" or second_precision != "day":
        return None
    return abs((first - second).days)


@dataclass(frozen=True)
class Change:
    """A run of paragraphs that differ: only in this article, only in the
    other, or rewritten (with the words removed and added)."""

    kind: str  # "only_here", "only_there", "rewritten"
    here: tuple[str, ...] = ()
    there: tuple[str, ...] = ()
    words: tuple[tuple[str, str], ...] = ()  # rewritten: ("same"|"removed"|"added", text) in reading order


REWRITTEN_FROM = 0.5  # two paragraphs this alike are one paragraph rewritten, else one removed and one added


def differences(body: str, other: str) -> list[Change]:
    """What differs between two articles: difflib on their paragraphs, then
    word by word within paragraphs that differ (a copy that cuts its
    paragraphs elsewhere differs by nothing), shared paragraphs left out."""
    here, there = paragraphs(body), paragraphs(other)
    keys = difflib.SequenceMatcher(None, [passage_key(p) for p in here], [passage_key(p) for p in there], False)
    changes = []
    for tag, i1, i2, j1, j2 in keys.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace":
            # Paragraphs cut elsewhere, or rewritten: compared word by word.
            words = _word_changes(" ".join(here[i1:i2]), " ".join(there[j1:j2]))
            if words is not None:
                if any(how != "same" for how, _ in words):
                    changes.append(Change("rewritten", tuple(here[i1:i2]), tuple(there[j1:j2]), words))
                continue
        if i2 > i1:
            changes.append(Change("only_here", here=tuple(here[i1:i2])))
        if j2 > j1:
            changes.append(Change("only_there", there=tuple(there[j1:j2])))
    return changes


def _word_changes(here: str, there: str):
    a, b = here.split(), there.split()
    matcher = difflib.SequenceMatcher(None, a, b, False)
    if matcher.ratio() < REWRITTEN_FROM:
        return None
    words = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            words.append(("same", _shortened(a[i1:i2], first=i1 == 0, last=i2 == len(a))))
            continue
        if i2 > i1:
            words.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            words.append(("added", " ".join(b[j1:j2])))
    return tuple(words)


CONTEXT = 6  # words kept on each side of a change: the change is read in its sentence, not the paragraph again


def _shortened(words: list[str], first: bool, last: bool) -> str:
    """A run of unchanged words cut to the words next to the changes."""
    if len(words) <= 2 * CONTEXT + 1:
        return " ".join(words)
    if first:
        return "… " + " ".join(words[-CONTEXT:])
    if last:
        return " ".join(words[:CONTEXT]) + " …"
    return " ".join(words[:CONTEXT]) + " … " + " ".join(words[-CONTEXT:])
