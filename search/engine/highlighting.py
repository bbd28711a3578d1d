"""Highlight the words a query matched, with the same French analysis as the
index: `armee` marks "l'armée", `militaire` marks "militaires".

Every piece of article text is HTML-escaped here; only the <mark> tags are ours.
"""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from whoosh.highlight import BasicFragmentScorer, ContextFragmenter, Formatter, Fragment

from archive.extraction.text import shorten
from search.engine.analysis import WORD_PATTERN, french_analyzer

_ANALYZER = french_analyzer()
_WORD = re.compile(WORD_PATTERN)
SNIPPET_CHARS = 260
SURROUND = 80  # characters of context around the matches of a passage
# Stretches of text around possible matches read for a result's snippet: the
# passage is chosen among the first ones, so a long article whose every
# paragraph holds the word costs what a short one does.
SNIPPET_STRETCHES = 4


class MarkFormatter(Formatter):
    between = " … "

    def _text(self, text):
        return escape(text)

    def format_token(self, text, token, replace=False):
        return f"<mark>{escape(text[token.startchar : token.endchar])}</mark>"


_FORMATTER = MarkFormatter()


class _Word:
    """A word of the text where Whoosh's fragmenter and formatter expect a token."""

    __slots__ = ("text", "startchar", "endchar", "matched", "boost")

    def __init__(self, text, startchar, endchar, matched):
        self.text, self.startchar, self.endchar, self.matched, self.boost = text, startchar, endchar, matched, 1.0

    def copy(self):
        return _Word(self.text, self.startchar, self.endchar, self.matched)


def _matched_tokens(text: str, terms: frozenset[str], spans=None):
    """The words of `text` (or of its `spans`), those the query matched marked.
    Each distinct word is analysed once per process."""
    for start, end in spans or [(0, len(text))]:
        for found in _WORD.finditer(text, start, end):
            term, elided = _analysed(found.group())
            # A word starts after its elided article: a mark covers "armée" in "l'armée".
            yield _Word(term, found.start() + elided, found.end(), term in terms)


def _near_matches(text: str, terms: frozenset[str], reach: int) -> list[tuple[int, int]]:
    """Stretches of `text` within `reach` characters of a word that may match.
    A stem is the start of the word it comes from, accents aside, so a regular
    expression finds the candidates: a result page highlights twenty articles,
    and analysing every word of each cost more than the search itself."""
    spans = []
    for found in _candidates(terms).finditer(text):
        start, end = max(0, found.start() - reach), min(len(text), found.end() + reach)
        start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1  # on a word's start
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


# Letters as Snowball's French stems write them, and what they stand for in a text.
_LETTERS = {"a": "aàâäáã", "c": "cç", "e": "eéèêë", "i": "iîïíyÿ", "o": "oôöó", "u": "uùûüú", "n": "nñ"}


@lru_cache(maxsize=1024)
def _candidates(terms: frozenset[str]) -> re.Pattern:
    def loose(start):
        letters = "".join(f"[{_LETTERS[c]}]" if c in _LETTERS else re.escape(c) for c in start)
        return letters.replace("[oôöó][eéèêë]", "(?:[oôöó][eéèêë]|œ)")

    return re.compile("|".join(sorted({loose(term[:3]) for term in terms})), re.IGNORECASE)


@lru_cache(maxsize=200_000)
def _analysed(word: str) -> tuple[str | None, int]:
    """The indexed form of a word ("l'Armée" → "arme") and the length of its elided article."""
    tokens = [(t.text, t.startchar) for t in _ANALYZER(word, chars=True, mode="query", removestops=False)]
    return tokens[0] if tokens else (None, 0)


def snippet(text: str, terms: frozenset[str], maxchars: int = SNIPPET_CHARS) -> SafeString:
    """The passage of `text` that best matches `terms`, with the matches marked;
    the opening of the text when nothing matches."""
    if terms and text:
        # Words farther than a passage from any candidate cannot be in one: a
        # passage opens `SURROUND` characters before a match and holds `maxchars`.
        spans = _near_matches(text, terms, reach=maxchars + SURROUND)[:SNIPPET_STRETCHES]
        fragmenter = ContextFragmenter(maxchars=maxchars, surround=SURROUND)
        fragments = list(fragmenter.fragment_tokens(text, _matched_tokens(text, terms, spans))) if spans else []
        if fragments:
            scorer = BasicFragmentScorer()
            best = max(fragments, key=scorer)
            html = _FORMATTER.format_fragment(best)
            before = "… " if best.startchar > 0 else ""
            after = " …" if best.endchar < len(text) else ""
            # Paragraph breaks inside a passage read as spaces on one line.
            return mark_safe(before + " ".join(html.split()) + after)
    opening = text.split("\n\n", 1)[0] if text else ""
    return escape(shorten(opening, maxchars))


def highlight_paragraph(paragraph: str, terms: frozenset[str]) -> SafeString:
    """The whole paragraph, escaped, with every match marked."""
    if terms:
        matches = [token.copy() for token in _matched_tokens(paragraph, terms) if token.matched]
        if matches:
            return mark_safe(_FORMATTER.format_fragment(Fragment(paragraph, matches, 0, len(paragraph))))
    return escape(paragraph)
