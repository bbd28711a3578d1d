"""The agency a text credits in a byline: "(Belga)", "(AFP)", "avec AFP",
"© Reuters". A medium the text only cites ("selon NBC News") is not its source,
so only bylines count: a parenthesised agency, a "avec …" or "© …" credit, at
the start or the end of the text."""

import re

# Agencies, by how they sign, with the name Vigie shows.
AGENCIES = {
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
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
    "afp-services": "AFP",
}
_NAMES = "|".join(sorted((re.escape(n) for n in AGENCIES), key=len, reverse=True))
_CREDIT = (
    rf"\((?:avec\s+(?:l['’])?)?(?P<a>{_NAMES})(?:\s*[/,]\s*[^()]{{1,30}})?\)"  # (AFP), (avec AFP), (AFP/Reuters)
    rf"|©\s*(?P<b>{_NAMES})\b"  # © Reuters
    rf"|\bavec\s+(?:l['’])?(?P<c>{_NAMES})\s*$"  # Le Monde avec AFP
    rf"|^(?:source|sources|agence)\s*:\s*(?P<d>{_NAMES})\s*\.?$"  # Source : AFP
)
_CREDIT_RE = re.compile(_CREDIT, re.IGNORECASE | re.MULTILINE)
EDGE = 200  # how far from the start or end of the text a byline may sit


def byline_agency(text: str) -> str:
    """The agency credited at the head or the tail of `text`, or ""."""
    text = text.strip()
    for part in (text[:EDGE], text[-EDGE:]):
        for line in part.split("\n"):
            for match in _CREDIT_RE.finditer(line.strip()):
                name = next(g for g in match.groups() if g)
                if _is_byline(line.strip(), match):
                    return AGENCIES[name.lower()]
    return ""


def _is_byline(line: str, match) -> bool:
    # "(AFP)" opens a dispatch or closes it; in the middle of a sentence it is a citation.
    if match["a"]:
        return match.start() < 40 or match.end() > len(line) - 3
    return True
