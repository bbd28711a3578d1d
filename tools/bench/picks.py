"""Pure helpers that shape the benchmark's archive and queries: how N articles
are split into successive imports, the typo a reader makes in a word, the
passage a reader pastes, the two people most often named together."""

import re
import unicodedata
from itertools import combinations

VOWELS = set("aeiouyAEIOUY")
# A sentence starts after . ! ? or … and a space, at a capital, a quote or a dash.
_SENTENCE_START = re.compile(r"[.!?…]\s+(?=[A-ZÀ-ÝŒ«“\"—–-])")


def split_counts(total: int, parts: int) -> list[int]:
    """`total` items in `parts` runs as equal as can be, the larger runs first;
    never an empty run (fewer runs when there are fewer items)."""
    if total <= 0:
        return []
    parts = max(1, min(parts, total))
    size, extra = divmod(total, parts)
    return [size + (1 if index < extra else 0) for index in range(parts)]


def split(items: list, parts: int) -> list[list]:
    """`items` cut in `parts` consecutive runs of the sizes split_counts gives."""
    runs, start = [], 0
    for size in split_counts(len(items), parts):
        runs.append(items[start : start + size])
        start += size
    return runs


def typo(word: str) -> str:
    """The word with one letter left out, as a hurried reader types it: its
    first accented letter (frontière → frontire), else its last vowel before
    the final letter (Sheinbaum → Sheinbam), else the letter in the middle.
    The first letter is kept: suggestions and readers rarely get it wrong."""
    if len(word) < 3:
        return word
    inner = range(1, len(word) - 1)
    accented = [i for i in inner if word[i].isalpha() and unicodedata.decomposition(word[i])]
    vowels = [i for i in inner if word[i] in VOWELS]
    index = accented[0] if accented else vowels[-1] if vowels else len(word) // 2
    return word[:index] + word[index + 1 :]


def passage(text: str, size: int = 2000) -> str:
    """About `size` characters of `text` as a reader would paste them: from the
    start of a sentence near the middle (a lead repeated elsewhere is left
    out), cut at a space, never inside a word. Line breaks become spaces; the
    characters themselves (curly apostrophes, quotes) are kept as written."""
    flat = " ".join(text.split())
    if len(flat) <= size:
        return flat
    start = (len(flat) - size) // 2
    sentence = _SENTENCE_START.search(flat, start)
    if sentence and len(flat) - sentence.end() >= size * 0.9:
        start = sentence.end()
    elif start and flat[start - 1] != " ":
        start = flat.find(" ", start) + 1  # the next whole word
    piece = flat[start : start + size]
    if start + size < len(flat) and flat[start + size] != " ":
        piece = piece[: piece.rfind(" ")]
    return piece.strip()


def best_pair(documents: dict[str, set]) -> tuple[str, str, int] | None:
    """The two names whose document sets share the most documents (ties: the
    names in alphabetical order), with that count; None when no two share one."""
    best = None
    for first, second in combinations(sorted(documents), 2):
        together = len(documents[first] & documents[second])
        if together and (best is None or together > best[2]):
            best = (first, second, together)
    return best


def surname(slug: str) -> str:
    """The last part of an entity's slug (claudia-sheinbaum → sheinbaum)."""
    return slug.rsplit("-", 1)[-1]
