"""How much an article is about the archive's subject: `core`, `related` or
`off_topic`, with a score and the words that decided.

The subject is defined by two weighted lists of terms that editors keep in the
admin (« Sujet de l'archive »):
- where and who: the border, Mexico, its states and towns, Central America,
  the United States and the people who speak for them;
- what: migrants, asylum, cartels and drugs, troops and the National Guard,
  the wall.

An article's score adds, for each term found, its weight times log2(1 + hits),
where a hit in the title counts TITLE_WEIGHT times and a hit in the lead once
more than elsewhere: an article whose opening names the subject is about it,
one that cites it late in passing much less. Words of one list only (Mexico in
a football report, migrants in the Mediterranean) score ONE_LIST_FACTOR of
that. The sum is divided by 1 + ln(words / REFERENCE_WORDS) for articles longer
than REFERENCE_WORDS, so a long article does not reach the subject by length
alone. Two thresholds make the levels.

Terms are matched as theme keywords are (archive/extraction/themes.py): accents
and case ignored, « migrant* » for every word that starts so, several words in
sequence. A weight may be negative (a term that says the article is elsewhere).
Pure functions: no Django, no model, cheap enough to re-score an archive in
minutes (`extract_metadata --relevance-only`).
"""

import math
import re
from dataclasses import dataclass, field

from .text import fold, word_count
from .themes import keyword_pattern

CORE, RELATED, OFF_TOPIC = "core", "related", "off_topic"
LEVELS = (CORE, RELATED, OFF_TOPIC)
ON_TOPIC = (CORE, RELATED)
LABELS = {CORE: "au cœur du sujet", RELATED: "lié au sujet", OFF_TOPIC: "hors sujet"}

PLACES, TOPICS = "places", "topics"
TITLE_WEIGHT = 3  # a hit in the title counts three times
LEAD_WEIGHT = 1  # a hit in the lead counts once more (the lead is in the body too)
ONE_LIST_FACTOR = 0.5  # terms of one list only: where without what, or what without where
REFERENCE_WORDS = 100  # articles up to this length are not scaled down
EVIDENCE_MAX = 12  # terms kept as evidence, those that weighed most first

DEFAULT_CORE = 12.0
DEFAULT_RELATED = 4.0

# The definition Vigie starts with (seeded by a migration; editors change it in
# the admin). Written as editors write it: « terme : poids », one a line.
DEFAULT_PLACES = """
frontière mexicaine : 4
frontière américano-mexicaine : 4
frontière avec le Mexique : 4
frontière sud : 2
Mexique : 2
mexicain* : 2
Mexico : 1.5
Tijuana : 2
Ciudad Juárez : 2
El Paso : 2
Rio Grande : 2
Sonora : 1.5
Chihuahua : 1.5
Tamaulipas : 2
Sinaloa : 2
Michoacán : 2
Jalisco : 1.5
Guerrero : 1
Texas : 1
Arizona : 1
Californie : 0.5
Nouveau-Mexique : 1.5
Amérique centrale : 2
Honduras : 1.5
hondurien* : 1.5
Guatemal* : 1.5
Salvador* : 1
États-Unis : 1
américain* : 0.5
Washington : 0.5
Trump : 1
Biden : 0.5
López Obrador : 2
AMLO : 2
Sheinbaum : 2
""".strip()

DEFAULT_TOPICS = """
frontière* : 1
mur frontalier : 4
mur : 1
migrant* : 1.5
migratoire* : 1.5
immigration : 1.5
immigré* : 1.5
sans-papiers : 1.5
clandestin* : 1
asile : 1
expuls* : 1
caravane* : 2
Border Patrol : 3
patrouille frontalière : 3
ICE : 1
CBP : 2
Garde nationale : 2
Guardia Nacional : 2
militarisation : 2
cartel* : 2
narco* : 2
trafiquant* : 1
drogue* : 1
fentanyl : 2
cocaïne : 1
méthamphétamine : 1.5
El Chapo : 3
maras : 1.5
""".strip()


@dataclass(frozen=True)
class Term:
    text: str  # as the editor wrote it
    weight: float
    pattern: re.Pattern = field(compare=False, repr=False)


@dataclass(frozen=True)
class Definition:
    places: tuple[Term, ...]
    topics: tuple[Term, ...]
    core: float = DEFAULT_CORE
    related: float = DEFAULT_RELATED


@dataclass(frozen=True)
class Relevance:
    level: str  # CORE, RELATED or OFF_TOPIC
    score: float
    # The terms found, those that weighed most first:
    # {"term", "list" (PLACES or TOPICS), "count" (hits in title and text), "in_title", "weight"}
    evidence: list[dict]


_WEIGHT = re.compile(r"^(?P<term>.*?)\s*(?::\s*(?P<weight>[-+]?\d+(?:[.,]\d+)?)\s*)?$")
WEIGHT_LIMIT = 100


class TermsError(ValueError):
    """Lines of a term list that cannot be read; `problems` says which and why."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def parse_terms(text: str) -> tuple[Term, ...]:
    """« terme : poids » one a line (weight 1 when none is given; `#` starts a
    comment). Raises TermsError naming every line it cannot read."""
    terms, problems, seen = [], [], set()
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = _WEIGHT.match(line)
        term = " ".join(match.group("term").split()) if match else ""
        weight = match.group("weight") if match else None
        if not match or not term or ":" in term:
            problems.append(f"ligne {number} : « {line[:60]} » ne se lit pas « terme : poids » (poids : un nombre)")
            continue
        pattern = keyword_pattern(term)
        if pattern is None:
            problems.append(f"ligne {number} : « {term[:60]} » ne contient aucun mot")
            continue
        value = float(weight.replace(",", ".")) if weight else 1.0
        if abs(value) > WEIGHT_LIMIT:
            problems.append(f"ligne {number} : poids {weight} hors des bornes (-{WEIGHT_LIMIT} à {WEIGHT_LIMIT})")
            continue
        key = fold(term).lower()
        if key in seen:
            problems.append(f"ligne {number} : « {term[:60]} » figure déjà plus haut")
            continue
        seen.add(key)
        terms.append(Term(term, value, pattern))
    if problems:
        raise TermsError(problems)
    return tuple(terms)


def definition(places: str, topics: str, core: float = DEFAULT_CORE, related: float = DEFAULT_RELATED) -> Definition:
    return Definition(parse_terms(places), parse_terms(topics), core=core, related=related)


def default_definition() -> Definition:
    return definition(DEFAULT_PLACES, DEFAULT_TOPICS)


def _prepared(text: str) -> str:
    return fold(text or "").lower().replace("’", "'")


def score(title: str, lead: str, body: str, subject: Definition) -> Relevance:
    """The relevance of an article (its title, lead and body as shown) to `subject`."""
    texts = _prepared(title), _prepared(lead), _prepared(body)
    sums, evidence = {}, []
    for name, terms in ((PLACES, subject.places), (TOPICS, subject.topics)):
        total = 0.0
        for term in terms:
            in_title, in_lead, in_body = (len(term.pattern.findall(text)) for text in texts)
            hits = TITLE_WEIGHT * in_title + LEAD_WEIGHT * in_lead + in_body
            if not hits:
                continue
            points = term.weight * math.log2(1 + hits)
            total += points
            evidence.append({
                "term": term.text, "list": name, "count": in_title + in_body, "in_title": in_title,
                "weight": term.weight, "points": points,
            })  # fmt: skip
        sums[name] = total
    raw = sums[PLACES] + sums[TOPICS]
    if sums[PLACES] <= 0 or sums[TOPICS] <= 0:
        raw *= ONE_LIST_FACTOR
    words = word_count(title or "") + word_count(body or "")
    value = round(raw / (1 + math.log(max(words, REFERENCE_WORDS) / REFERENCE_WORDS)), 2)
    evidence.sort(key=lambda item: (-abs(item["points"]), item["term"]))
    for item in evidence:
        item["points"] = round(item["points"], 2)
    return Relevance(level_of(value, subject), value, evidence[:EVIDENCE_MAX])


def level_of(value: float, subject: Definition) -> str:
    if value >= subject.core:
        return CORE
    if value >= subject.related:
        return RELATED
    return OFF_TOPIC
