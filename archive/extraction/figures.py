"""Deployment figures: how many soldiers, troops, National Guard members, agents
or police were sent or planned, with the qualifier, the unit, the force and the
sentence that says so.

Only counts of forces are figures: "7.000 personnes", "300 délégués" or "1.743
demandes d'asile" are not, because the noun after the number must be a force.
"""

import re
from dataclasses import dataclass

from .numbers import NUMBER_PATTERN, WORDS_PATTERN, parse_number
from .text import paragraphs, sentences

QUALIFIERS = (
    "un maximum de",
    "pas moins de",
    "plus de",
    "moins de",
    "près de",
    "au moins",
    "au plus",
    "quelque",
    "quelques",
    "environ",
    "jusqu'à",
    "jusqu’à",
    "autour de",
    "un peu plus de",
    "un peu moins de",
    "approximativement",
    "entre",
)

# Nouns that count members of a force. Order matters: the longest first.
_UNITS = (
    r"membres?\s+(?:de\s+la\s+|du\s+|des\s+)?(?:Garde\s+nationale|Guardia\s+Nacional|forces?\s+\w+|"
    r"police\s+\w+|services?\s+\w+|l'armée|l’armée|marines?)",
    r"gardes?[\s-]+nationaux|gardes?[\s-]+frontières?|gardes?[\s-]+côtes",
    r"agents?(?:\s+(?:fédéraux|de\s+(?:la\s+)?(?:police|sécurité|patrouille|l'immigration|la\s+Border\s+Patrol|"
    r"la\s+police\s+aux\s+frontières|ICE|CBP)|de\s+l’immigration|frontaliers|de\s+la\s+police\s+aux\s+frontières))?",
    r"soldats?",
    r"militaires",
    r"troupes?",
    r"marines",
    r"réservistes",
    r"policiers",
    r"gendarmes",
    r"officiers",
    r"effectifs",
    r"hommes",
    r"personnels?\s+militaires?",
    r"membres\s+des\s+forces\s+(?:armées|de\s+l'ordre|de\s+sécurité)",
)
_UNIT = "(?:" + "|".join(_UNITS) + ")"
# "hommes" counts a force only where the sentence talks about one.
_MILITARY_CONTEXT = re.compile(
    r"\b(arm[ée]e|militaire|troupes?|soldats?|d[ée]ploi|d[ée]ploy|garde nationale|guardia|pentagone|"
    r"forces?|renforts?|police)",
    re.IGNORECASE,
)

# Named forces, as they should be shown: the first that matches the unit phrase,
# else the sentence, wins.
FORCES = (
    (r"Guardia\s+Nacional", "Guardia Nacional"),
    (r"Garde\s+nationale\s+mexicaine", "Garde nationale mexicaine"),
    (r"Garde\s+nationale|gardes?[\s-]+nationaux", "Garde nationale"),
    (
        r"Border\s+Patrol|patrouille\s+frontali[èe]re|police\s+aux\s+fronti[èe]res|gardes?[\s-]+fronti[èe]res?",
        "police des frontières",
    ),
    (r"\bCBP\b|douanes", "CBP (douanes et protection des frontières)"),
    (r"\bICE\b", "ICE"),
    (r"marines?\b", "Marines"),
    (r"police\s+f[ée]d[ée]rale", "police fédérale"),
    (r"arm[ée]e\s+mexicaine|(?:soldats?|militaires|troupes?)\s+mexicain(?:e)?s?", "armée mexicaine"),
    (
        r"arm[ée]e\s+am[ée]ricaine|(?:soldats?|militaires|troupes?|marines)\s+am[ée]ricain(?:e)?s?|Pentagone",
        "armée américaine",
    ),
    (r"arm[ée]e\s+guat[ée]malt[èe]que|(?:soldats?|militaires|troupes?)\s+guat[ée]malt[èe]ques?", "armée guatémaltèque"),
)
_FORCES = [(re.compile(pattern, re.IGNORECASE), name) for pattern, name in FORCES]

_QUALIFIER = "(?P<qualifier>" + "|".join(re.escape(q) for q in QUALIFIERS) + r")\s+"
_COUNT = rf"(?P<count>{NUMBER_PATTERN}|{WORDS_PATTERN})"
_FIGURE = re.compile(
    rf"(?<![\w.,])(?:{_QUALIFIER})?(?:d'|d’|de\s+)?{_COUNT}\s+(?:de\s+|d'|d’)?"
    rf"(?P<unit>{_UNIT})(?P<tail>(?:\s+(?:am[ée]ricain|mexicain|guat[ée]malt[èe]que)(?:e)?s?)?"
    rf"(?:\s+(?:suppl[ée]mentaires|de\s+plus|d[ée]j[àa]))?)",
    re.IGNORECASE,
)
# "les 800 évoqués", "Environ 2.100 ont été déployés": a count whose unit is the
# one of the figure just before.
_ELLIPTIC = re.compile(
    rf"(?<![\w.,])(?:{_QUALIFIER})?(?:les\s+)?(?P<count>{NUMBER_PATTERN})\s+"
    r"(?:(?:ont|avaient|ont\s+d[ée]j[àa])\s+été\s+|seront\s+|sont\s+)?"
    r"(?P<verb>évoqués|déployés|envoyés|mobilisés|prévus|annoncés|stationnés|dépêchés|présents|promis)\b",
    re.IGNORECASE,
)
_QUALIFIER_FIX = {"jusqu’à": "jusqu'à", "quelques": "quelque"}


@dataclass(frozen=True)
class Figure:
    count: int
    qualifier: str
    unit: str
    force: str
    sentence: str
    position: int  # character offset of the sentence in the body


def find_figures(body: str) -> list[Figure]:
    """Every deployment figure of a body text, in reading order."""
    figures, offset = [], 0
    for paragraph in paragraphs(body):
        offset = body.find(paragraph, offset)
        for sentence in sentences(paragraph):
            position = body.find(sentence, offset)
            figures.extend(_figures_in(sentence, position, figures[-1] if figures else None))
    return figures


def _figures_in(sentence: str, position: int, previous: Figure | None) -> list[Figure]:
    found = []
    matches = list(_FIGURE.finditer(sentence))
    for i, match in enumerate(matches):
        count = parse_number(match["count"])
        unit = " ".join(match["unit"].split())
        if not count or count < 2 or _is_year(match["count"], unit):
            continue
        if unit.lower() in ("hommes", "effectifs") and not _MILITARY_CONTEXT.search(sentence):
            continue
        # The force is named in the unit ("soldats américains") or in this
        # figure's own stretch of the sentence, not next to another figure.
        after = sentence[match.end() : matches[i + 1].start() if i + 1 < len(matches) else len(sentence)]
        before = sentence[matches[i - 1].end() if i else 0 : match.start()]
        force = _force(unit + match["tail"]) or _force(after) or _force(before)
        found.append(Figure(count, _qualifier(match), unit, force, sentence, position))
    anchor = found[-1] if found else previous
    if anchor:
        taken = {m.span() for m in _FIGURE.finditer(sentence)}
        for match in _ELLIPTIC.finditer(sentence):
            count = parse_number(match["count"])
            if count and count >= 2 and not any(a <= match.start("count") < b for a, b in taken):
                found.append(Figure(count, _qualifier(match), anchor.unit, anchor.force, sentence, position))
    return found


def _qualifier(match) -> str:
    qualifier = (match["qualifier"] or "").lower()
    return _QUALIFIER_FIX.get(qualifier, qualifier)


def _force(text: str) -> str:
    for pattern, name in _FORCES:
        if pattern.search(text):
            return name
    return ""


def _is_year(count_text: str, unit: str) -> bool:
    # "en 2018 soldats" never happens, but "2019 hommes" from "en 2019, hommes et…" might.
    return bool(re.fullmatch(r"(19|20)\d\d", count_text)) and unit.lower() == "hommes"
