"""Who published an article and which agencies supplied its copy.

A source's name often says both: « Orange Actu (AFP) », « Orange Actu (Orange
avec AFP-Services) », « Le Monde avec AFP et Reuters » are one publisher each
(Orange Actu, Le Monde) running agency copy. The text may credit an agency too,
in a byline: "(Belga)", "(AFP)", "avec AFP", "© Reuters", at the start or the
end of the text. A medium the text only cites ("selon NBC News", « a déclaré à
l'Agence France-Presse (AFP) ») is neither, so only bylines count."""

import re
from dataclasses import dataclass

# Agencies, by how they sign, with the name Vigie shows.
AGENCIES = {
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "afp-services": "AFP",  # Orange's feed of AFP copy
    "afptv": "AFP",  # its video service
    "belga": "Belga",
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "ats": "ATS",
    "ansa": "ANSA",
    "efe": "EFE",
    "dpa": "DPA",
    "xinhua": "Xinhua",
    "bloomberg": "Bloomberg",
    "notimex": "Notimex",
    "la presse canadienne": "La Presse canadienne",
    "presse canadienne": "La Presse canadienne",
    "pc": "La Presse canadienne",
    "rtbf": "RTBF",
    # Content agencies Orange Actu credits in the agency's place (« Orange avec Media Services »).
    "6medias": "6Medias",
    "6médias": "6Medias",
    "media services": "Media Services",
}
_NAMES = "|".join(sorted((re.escape(n) for n in AGENCIES), key=len, reverse=True))
_LIST = rf"(?:{_NAMES})(?:\s*(?:[/,&]|\bet\b)\s*(?:l['’])?(?:{_NAMES}))*"  # AFP, AFP/Reuters, AFP et Reuters
_CREDIT = (
    rf"\((?:avec\s+(?:l['’])?)?(?P<a>{_LIST})(?:\s*[/,]\s*[^()]{{1,30}})?\)"  # (AFP), (avec AFP), (AFP/Reuters)
    rf"|©\s*(?P<b>{_NAMES})\b"  # © Reuters
    rf"|\bavec\s+(?:l['’])?(?P<c>{_LIST})\s*$"  # Le Monde avec AFP, Le Monde avec AFP et Reuters
    rf"|^(?:source|sources|agence)\s*:\s*(?P<d>{_LIST})\s*\.?$"  # Source : AFP
)
_CREDIT_RE = re.compile(_CREDIT, re.IGNORECASE | re.MULTILINE)
_NAME_RE = re.compile(rf"(?<![\w-])(?:{_NAMES})(?![\w-])", re.IGNORECASE)
_SPELLED_BEFORE = re.compile(rf"(?<![\w-])(?:{_NAMES})$", re.IGNORECASE)
EDGE = 200  # how far from the start or end of the text a byline may sit
SHORT_LINE = 80  # a credit closing a line this short is a byline (« Grégor Brandy (avec AFP) »)


@dataclass(frozen=True)
class Credit:
    """Who published an article, and the agencies whose copy it runs (in order)."""

    publisher: str
    agencies: tuple[str, ...] = ()


def agency_named(name: str) -> str:
    """The agency `name` is a spelling of ("AFP-Services " → "AFP"), or ""."""
    return AGENCIES.get(" ".join(name.split()).lower(), "")


def byline_agencies(text: str) -> list[str]:
    """The agencies credited at the head or the tail of `text`, in order."""
    text = text.strip()
    found = {}
    for part in (text[:EDGE], text[-EDGE:]):
        for line in part.split("\n"):
            line = line.strip()
            for match in _CREDIT_RE.finditer(line):
                if _is_byline(line, match):
                    named = next(g for g in match.groups() if g)
                    found.update(dict.fromkeys(AGENCIES[n.lower()] for n in _NAME_RE.findall(named)))
    return list(found)


def byline_agency(text: str) -> str:
    """The first agency credited at the head or the tail of `text`, or ""."""
    return next(iter(byline_agencies(text)), "")


def _is_byline(line: str, match) -> bool:
    # "(AFP)" opens a dispatch or closes it; in the middle of a sentence it is a citation.
    if not match["a"]:
        return True
    before = line[: match.start()].rstrip()
    if _SPELLED_BEFORE.search(before):
        return False  # « l'Agence France-Presse (AFP) » spells out a name the text cites
    if match.start() < 40:
        return True
    if match.end() <= len(line) - 3:
        return False
    # At a line's end, a credit follows a finished sentence or ends a short byline line.
    return len(line) <= SHORT_LINE or before.endswith((".", "!", "?", "»", '"', "…"))


_PARENTHESES = re.compile(r"^(?P<outside>[^()]*?)\s*\((?P<inside>.*)\)$")
_NESTED = re.compile(r"\([^()]*\)")  # « (6Medias (vidéo Ça Zap - Zapping TV)) »: what the agency supplied
_WITH = re.compile(r"\s+avec\s+", re.IGNORECASE)
_SOURCE_WORD = re.compile(r"^sources?\s*:?\s*", re.IGNORECASE)
_PARTS = re.compile(r"\s*(?:\bavec\b|\bet\b|[/,&+])\s*", re.IGNORECASE)


def split_source(name: str) -> Credit:
    """The publisher and agencies a source's name says: « Orange Actu (AFP) » is
    Orange Actu with AFP, « Le Monde avec AFP et Reuters » Le Monde with AFP and
    Reuters. What the brackets hold beside agencies (« Orange avec », a partner
    medium, a journalist) is not a publisher of its own. An agency alone
    publishes its own dispatch."""
    name = " ".join(name.split())
    if agency := agency_named(name):
        return Credit(agency, (agency,))
    outside, inside = name, ""
    if match := _PARENTHESES.match(name):
        outside, inside = match["outside"], _NESTED.sub(" ", match["inside"])
    outside, *credited = _WITH.split(outside, maxsplit=1)
    parts = _PARTS.split(_SOURCE_WORD.sub("", inside)) + _PARTS.split(" ".join(credited))
    agencies = tuple(dict.fromkeys(a for part in parts for a in _agencies_in(part)))
    publisher = outside.strip() or next(iter(agencies), "")
    if agency := agency_named(publisher):
        agencies = tuple(dict.fromkeys((agency, *agencies)))
        publisher = agency
    return Credit(publisher, agencies)


# An agency's name as a word of a credit, whatever follows it but a letter:
# « Orange AFP-Services », « AFP-Servuces », « AFP FR » (not « AFPTV », another service).
_WORD = re.compile(rf"(?<!\w)(?:{_NAMES})(?![^\W\d_])", re.IGNORECASE)


def _agencies_in(part: str) -> list[str]:
    if agency := agency_named(part):
        return [agency]
    # A short acronym counts written in capitals only: « ap » or « pc » may be anything.
    return [AGENCIES[n.lower()] for n in _WORD.findall(part) if len(n) > 3 or n.isupper()]


def credit(source: str, text: str) -> Credit:
    """An article's publisher and agencies: from the source it came with, and the
    agencies its text credits in a byline. A dispatch that came without a source
    is published by the agency it credits first."""
    given = split_source(source)
    agencies = tuple(dict.fromkeys((*given.agencies, *byline_agencies(text))))
    return Credit(given.publisher or next(iter(agencies), ""), agencies)
