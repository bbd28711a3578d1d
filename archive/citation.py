"""How to cite an article of the archive: a French reference in plain text and
a BibTeX entry. Dates are given at the precision they are known, never more."""

import re
from urllib.parse import quote

from django.utils import formats, timezone

from archive.dates import display_at_precision
from archive.models import Article, DatePrecision

UNDATED = "s. d."  # sans date, as French references write it
# A title Vigie made (none came with the text) is not the publication's: references
# mark such a title as attributed, in square brackets.
ATTRIBUTED = "[titre attribué]"
MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def plain_citation(article: Article, url: str, today=None) -> str:
    """[Auteurs, ]« Titre »[ [titre attribué]], Source, 12 novembre 2018. En ligne :
    <url d'origine>. Archive Vigie : <url>, consulté le 3 mars 2025."""
    today = today or timezone.localdate()
    # Quotes inside a title in « » become “ ” so the reader sees where it ends.
    title = article.title.strip().replace("«", "“").replace("»", "”").rstrip(".").strip()
    date = display_at_precision(article.published_on, article.date_precision)
    if not article.published_on:
        date = UNDATED
    title = f"« {title} » {ATTRIBUTED}" if article.title_generated else f"« {title} »"
    parts = [article.byline, title] if article.byline else [title]
    if article.source:
        parts.append(article.source.name)
    parts.append(date)
    citation = ", ".join(parts)
    citation += "" if citation.endswith(".") else "."  # "s. d." already ends the sentence
    if article.url:
        citation += f" En ligne : {article.url}."
    return citation + f" Archive Vigie : {url}, consulté le {formats.date_format(today, 'j F Y')}."


def bibtex(article: Article, url: str, today=None) -> str:
    """A BibTeX entry: @article when the source is known, @misc otherwise."""
    today = today or timezone.localdate()
    kind = "article" if article.source else "misc"
    # Double braces keep the title's capitals (proper nouns) as written.
    title = "{" + bibtex_text(article.title) + "}"
    fields = [("title", "{" + title + (f" {ATTRIBUTED}" if article.title_generated else "") + "}")]
    if article.authors:
        fields.insert(0, ("author", "{" + " and ".join(bibtex_text(name) for name in article.authors) + "}"))
    if article.source:
        fields.append(("journal", "{" + bibtex_text(article.source.name) + "}"))
    day, precision = article.published_on, article.date_precision
    if day and precision in (DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR):
        fields.append(("year", f"{{{day.year}}}"))
        if precision in (DatePrecision.DAY, DatePrecision.MONTH):
            fields.append(("month", MONTH_MACROS[day.month - 1]))  # a macro: styles print it in their language
        if precision == DatePrecision.DAY:
            fields.append(("day", f"{{{day.day}}}"))
    fields.append(("url", "{" + bibtex_url(article.url or url) + "}"))
    fields.append(("urldate", f"{{{today.isoformat()}}}"))
    fields.append(("note", "{" + bibtex_text(f"Archive Vigie : {url}") + "}"))
    if article.language == "fr":
        fields.append(("langid", "{french}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{kind}{{{bibtex_key(article.slug)},\n{body}\n}}\n"


def bibtex_key(slug: str) -> str:
    """The slug, reduced to the characters every BibTeX tool accepts in a key."""
    return re.sub(r"[^A-Za-z0-9_:-]", "", slug) or "vigie"


_TEXT_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_TEXT_SPECIAL = re.compile("|".join(re.escape(char) for char in _TEXT_SPECIALS))


def bibtex_text(text: str) -> str:
    """Text that LaTeX prints as written: its special characters escaped, in
    one pass so an escape is never escaped again; line breaks become spaces."""
    text = " ".join(text.split())
    return _TEXT_SPECIAL.sub(lambda match: _TEXT_SPECIALS[match.group()], text)


def bibtex_url(url: str) -> str:
    """A URL as BibTeX's url field takes it: verbatim, so nothing is escaped,
    but the characters that would break the entry (braces, backslash, spaces)
    are percent-encoded, which means the same address."""
    return re.sub(r"[{}\\\s]", lambda match: quote(match.group(), safe=""), url)
