"""Text helpers shared by the extraction steps: normalising, paragraphs, sentences."""

import re
import unicodedata

# Control characters other than tab and newline: they come from broken exports
# and have no place in an article.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n\s*\n")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")

# Abbreviations after which a period does not end a sentence.
ABBREVIATIONS = {
    "m",
    "mm",
    "mme",
    "mmes",
    "mlle",
    "dr",
    "pr",
    "me",
    "st",
    "ste",
    "gal",
    "gén",
    "lt",
    "col",
    "cdt",
    "sgt",
    "av",
    "bd",
    "etc",
    "cf",
    "env",
    "vol",
    "no",
    "art",
    "p",
    "ex",
    "jr",
    "sr",
    "mr",
    "mrs",
    "ms",
    "u.s",
    "u.s.a",
    "n.b",
}
_SENTENCE_END = re.compile(r"""[.!?…]+["»”’)]*(?=\s+["«“(—–-]?\s*[A-ZÀ-ÖØ-Þ0-9])""")


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


def fold(text: str) -> str:
    """Remove diacritics, spell ligatures out: "États" → "Etats", "cœur" → "coeur".
    The one folding of extraction (entity keys, themes, fingerprints) and of the
    search analysis, so both see the same words."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def accents(text: str) -> int:
    """How many letters fold to something else: "États-Unis" → 1, "cœur" → 1."""
    return sum(fold(c) != c for c in text)


def capital_accents(text: str) -> int:
    """How many capitals carry an accent: "États-Unis" → 1, "López" → 0. The press
    drops accents on capitals ("Etats-Unis", "Elysée"), so a spelling that has them is
    the better one; an accent on a small letter may as well be a typo ("Mâli")."""
    return sum(c.isupper() and fold(c) != c for c in text)


def normalise(text: str) -> str:
    """NFC, Unix line endings, no control characters, no trailing spaces."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a text whose paragraphs are separated by blank lines."""
    return [p.strip() for p in _BLANK_LINES.split(text) if p.strip()]


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences without breaking on "M. Dunford" or "5.000"."""
    result, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        words = text[start : match.start()].split()
        last_word = words[-1].lower().strip('«“"(') if words else ""
        # "M." or an initial such as "J." is not the end of a sentence.
        if match.group().startswith(".") and (last_word in ABBREVIATIONS or len(last_word) == 1):
            continue
        result.append(text[start : match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        result.append(rest)
    return result


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def shorten(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters on a word boundary, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(' ,;:–—-(«"') + "…"
