"""French numbers as newspapers write them: "5.200", "12 000", "5 200" with a
no-break space, "800", "un millier", "deux mille"."""

import re

# Thousands are grouped by ".", "," (wire copy), a space, a no-break space or a
# narrow no-break space: a group is always three digits.
NUMBER_PATTERN = r"\d{1,3}(?:[.,\u0020\u00a0\u202f]\d{3})+(?!\d)|\d+(?![.,]\d)"

_UNITS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "cent": 100,
    "cents": 100,
    "mille": 1000,
}
# "un millier de", "deux centaines de": counts in words that take "de".
_COLLECTIVES = {"dizaine": 10, "centaine": 100, "millier": 1000}
WORDS_PATTERN = (
    r"(?:(?:" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")[\s-]+){0,3}"
    r"(?:" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r"|(?:dizaine|centaine|millier)s?)"
)


def parse_number(text: str) -> int | None:
    """The value of a number written in digits or in French words; None otherwise."""
    text = text.strip().lower()
    if not text:
        return None
    if text[0].isdigit():
        digits = re.sub(r"[.,\s\u00a0\u202f]", "", text)
        return int(digits) if digits.isdigit() else None
    return _parse_words(text)


def _parse_words(text: str) -> int | None:
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text):
        if word.rstrip("s") in _COLLECTIVES:
            current = max(current, 1) * _COLLECTIVES[word.rstrip("s")]
        elif word in ("mille",):
            total += max(current, 1) * 1000
            current = 0
        elif word in ("cent", "cents"):
            current = max(current, 1) * 100
        elif word in _UNITS:
            current += _UNITS[word]
        elif word == "et":
            continue
        else:
            return None
    return total + current or None
