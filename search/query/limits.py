"""Bounds on what one search may cost. The 400-character limit (SearchForm)
keeps queries short, but a short query can still pin a worker: `a*` expands to
every indexed word starting with "a" (tens of thousands over 65,000 articles),
`mot~5` compares the query word with every word of the index, and thousands of
nested parentheses make the parser recurse. Such queries are refused with a
message saying how to write them instead; a fuzziness too deep is capped.

Checks run on the text (nesting, fuzziness, which the parsed tree cannot give
back as text) and on the query the backend parses (term count, prefixes and
wildcards, expansions counted in the index)."""

import re
from dataclasses import dataclass, field

from whoosh import query as wq

from search.engine.connection import backend

MAX_TERMS = 32  # words, phrases and prefixes once parsed
MAX_NESTING = 8  # levels of parentheses
MIN_LITERAL_START = 2  # letters before the first * or ?
MAX_FUZZY_DISTANCE = 2
MIN_FUZZY_LENGTH = 4  # a shorter word is within two edits of too many others
MAX_EXPANSIONS = 1_000  # indexed words one prefix, wildcard, fuzzy word or range may stand for
# Documents those words occur in, summed: what a search reads and scores. A
# prefix of common words (`pre*`) stands for few words but nearly every article,
# and costs many times a search for one common word.
MAX_POSTINGS = 50_000

# `mot~`, `mot~3`, `mot~2/3`, `titre:mot~5`; not a phrase's proximity (`"a b"~3`).
_FUZZY = re.compile(r'(?<![^\s(])([^\s"()~]+)~(\d*)(/\d+)?(?=[\s)]|$)')
_QUOTED = re.compile(r'"[^"]*"?')


@dataclass
class QueryCheck:
    q: str  # the query to run: the typed one, fuzziness capped
    notes: list[str] = field(default_factory=list)  # what was changed
    refusal: str | None = None  # why it is not run at all
    parsed: object = None  # `q` parsed by the search engine, once; None when it does not parse


def check_query(q: str) -> QueryCheck:
    """The query `q` (already cut to the length limit) made affordable, or the
    reason it is refused."""
    check = QueryCheck(q)
    if not q:
        return check
    if _nesting(q) > MAX_NESTING:
        check.refusal = (
            f"Votre recherche imbrique trop de parenthèses (au plus {MAX_NESTING} niveaux) : "
            "simplifiez-la, par exemple (frontière OU mur) ET Mexique."
        )
        return check
    check.q = _FUZZY.sub(lambda match: _cap_fuzzy(match, check.notes), q)
    try:
        check.parsed = backend().parse(check.q)
    except Exception:  # the search reports a query it cannot parse
        return check
    check.refusal = _refusal(check.parsed)
    return check


def _nesting(q: str) -> int:
    deepest = depth = 0
    for char in _QUOTED.sub(" ", q):  # parentheses inside a phrase are text
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth = max(0, depth - 1)
    return deepest


def _cap_fuzzy(match, notes) -> str:
    text, distance, prefix = match.group(1), match.group(2), match.group(3) or ""
    word = text.rsplit(":", 1)[-1].lstrip("+-")
    if len(word) < MIN_FUZZY_LENGTH:
        notes.append(
            f"« {word} » est trop court pour une recherche approchée (~) : "
            f"il est cherché tel quel (au moins {MIN_FUZZY_LENGTH} lettres pour ~)."
        )
        return text
    if distance and int(distance) > MAX_FUZZY_DISTANCE:
        notes.append(
            f"« {word}~{distance} » tolère trop d'écarts : la recherche approchée a été limitée "
            f"à {MAX_FUZZY_DISTANCE} lettres différentes."
        )
        return f"{text}~{MAX_FUZZY_DISTANCE}{prefix}"
    return match.group(0)


def _refusal(parsed) -> str | None:
    if parsed is None or parsed is wq.NullQuery or isinstance(parsed, wq.Every):
        return None
    leaves = [leaf for leaf in parsed.leaves() if leaf is not wq.NullQuery]
    if len(leaves) > MAX_TERMS:
        return (
            f"Votre recherche compte {len(leaves)} termes, au-delà des {MAX_TERMS} acceptés : "
            "gardez les mots les plus parlants."
        )
    for leaf in leaves:
        if isinstance(leaf, (wq.Prefix, wq.Wildcard)) and _literal_start(leaf) < MIN_LITERAL_START:
            return (
                f"« {_typed(leaf)} » commence par trop peu de lettres avant * ou ? : "
                f"écrivez au moins {MIN_LITERAL_START} lettres au début, par exemple milit*."
            )
        if isinstance(leaf, wq.FuzzyTerm) and leaf.maxdist > MAX_FUZZY_DISTANCE:
            return f"La recherche approchée (~) tolère au plus {MAX_FUZZY_DISTANCE} lettres différentes."
    reader = backend().searcher().reader()
    for leaf in leaves:
        # Counted up to the limit only: counting every word of `de*` would
        # cost what the search costs.
        if not isinstance(leaf, wq.MultiTerm):
            continue
        words, postings = _expansions(leaf, reader)
        if words > MAX_EXPANSIONS:
            return (
                f"« {_typed(leaf)} » correspond à plus de {_french_number(MAX_EXPANSIONS)} mots différents "
                "dans l'archive : précisez-le (plus de lettres avant *, ou le mot entier)."
            )
        if postings > MAX_POSTINGS:
            return (
                f"« {_typed(leaf)} » couvre des mots trop fréquents (plus de {_french_number(MAX_POSTINGS)} "
                "mentions dans l'archive) : précisez-le (plus de lettres avant *, ou le mot entier)."
            )
    return None


def _french_number(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def _literal_start(leaf) -> int:
    text = leaf.text
    return len(re.split(r"[*?]", text, maxsplit=1)[0]) if isinstance(leaf, wq.Wildcard) else len(text)


def _typed(leaf) -> str:
    suffix = "*" if isinstance(leaf, wq.Prefix) else "~" if isinstance(leaf, wq.FuzzyTerm) else ""
    return f"{getattr(leaf, 'text', '')}{suffix}"[:40]


def _expansions(leaf, reader) -> tuple[int, int]:
    """How many indexed words `leaf` stands for, and in how many documents they
    occur in all, counted up to the limits only."""
    words = postings = 0
    try:
        for text in leaf._btexts(reader):
            words += 1
            postings += reader.doc_frequency(leaf.fieldname, text)
            if words > MAX_EXPANSIONS or postings > MAX_POSTINGS:
                break
    except Exception:  # a field the reader does not hold has no words to expand
        return 0, 0
    return words, postings
