"""The journalists who signed an article, from its byline: « Par Jean Dupont »
or « Jean Dupont (Washington, correspondant) » opening the text, or a last line
that only holds names (« Jean Dupont et Marie Martin », « Jean Dupont (avec
AFP) »). A name the text cites in a sentence is not a byline: only a line made
of names, at the head or the tail of the text, counts."""

import re

from .agency import AGENCIES

MAX_LINE = 250  # a byline is short; a longer line is prose
MAX_AUTHORS = 20
# Lowercase words inside a name: "Gilles van Kote", "Florence de Changy".
PARTICLES = {
    "de", "du", "des", "d'", "d’", "van", "von", "der", "den", "da", "di", "del", "della", "le", "la", "ben", "bin",
    "el", "al", "y",
}  # fmt: skip
# First words of a signature that names no one: "Le Monde avec AFP", "Service Sports", "Photo : …".
NOT_FIRST = {
    "le", "la", "les", "l'", "l’", "un", "une", "service", "collectif", "rédaction", "photo", "photos", "crédit",
    "crédits", "image", "source", "sources", "lire", "voir", "avec", "par", "propos", "dans", "sur", "selon",
    "article", "editorial", "éditorial", "monde", "agence", "et", "en", "au", "aux",
    "m.", "mm.", "mme", "mmes", "mlle", "dr", "pr", "me", "mgr",
}  # fmt: skip
# The roles a correspondent's byline gives in brackets.
_ROLE = re.compile(r"correspondant|envoyé|envoyée|journaliste|bureau|avec|de notre|rédaction", re.IGNORECASE)
_BRACKETS = re.compile(r"\s*\([^()]*(?:\([^()]*\)[^()]*)*\)")  # "(Malmö (Suède), correspondante)"
_SEPARATORS = re.compile(r"\s*(?:,|;|&|\bet\b|\bavec\b|\band\b)\s*")
_PAR = re.compile(r"^(?:par|de|texte|propos recueillis par)\s*:?\s+", re.IGNORECASE)
_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")


def byline_authors(text: str) -> list[str]:
    """The names a byline at the head or the tail of `text` gives, in order, or []."""
    lines = [" ".join(line.split()) for line in text.strip().split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return []
    first, last = lines[0], lines[-1]
    names = []
    if opening := _PAR.match(first):
        names = _names(first[opening.end() :], role_may_follow=True)
    elif (bracket := _BRACKETS.search(first)) and _ROLE.search(bracket.group()):
        names = _names(first)
    if not names and len(lines) > 1:
        names = _names(last)
    return names


def _names(line: str, role_may_follow=False) -> list[str]:
    """The people a line names when it holds nothing else, or []. After « Par »
    the names may be followed by a role: « Par Jean Dupont, envoyé spécial »."""
    if len(line) > MAX_LINE:
        return []
    line = _BRACKETS.sub(" ", line).strip().rstrip(".")
    names = []
    for part in _SEPARATORS.split(line):
        part = part.strip()
        if not part or part.lower() in AGENCIES:
            continue
        if not _is_name(part):
            if role_may_follow and names and part[0].islower():
                break
            return []
        if part not in names:
            names.append(part)
    return names[:MAX_AUTHORS]


def _is_name(part: str) -> bool:
    words = part.split()
    if not 2 <= len(words) <= 5 or words[0].lower() in NOT_FIRST:
        return False
    for position, word in enumerate(words):
        if word.lower() in PARTICLES and 0 < position < len(words) - 1:
            continue
        if not _WORD.match(word) or not word[0].isupper():
            return False
    return True
