"""Highlight the words a query matched, with the same French analysis as the
index: `armee` marks "l'armée", `militaire` marks "militaires".

Every piece of article text is HTML-escaped here; only the <mark> tags are ours.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from whoosh.highlight import BasicFragmentScorer, ContextFragmenter, Formatter, Fragment, set_matched_filter

from archive.extraction.text import shorten
from search.analysis import french_analyzer

_ANALYZER = french_analyzer()
SNIPPET_CHARS = 260


class MarkFormatter(Formatter):
    between = " … "

    def _text(self, text):
        return escape(text)

    def format_token(self, text, token, replace=False):
        return f"<mark>{escape(text[token.startchar : token.endchar])}</mark>"


_FORMATTER = MarkFormatter()


def _matched_tokens(text: str, terms: frozenset[str]):
    tokens = _ANALYZER(text, chars=True, mode="query", removestops=False)
    return set_matched_filter(tokens, terms)


def snippet(text: str, terms: frozenset[str], maxchars: int = SNIPPET_CHARS) -> SafeString:
    """The passage of `text` that best matches `terms`, with the matches marked;
    the opening of the text when nothing matches."""
    if terms and text:
        fragmenter = ContextFragmenter(maxchars=maxchars, surround=80)
        fragments = list(fragmenter.fragment_tokens(text, _matched_tokens(text, terms)))
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
