"""Themes from an editable lexicon: a theme applies when its keywords occur often
enough in the text. Keywords are matched on accent-folded, lower-cased words; a
keyword ending in "*" matches every word it starts ("migrant*": migrants,
migratoire); a keyword of several words matches them in sequence."""

import re
from dataclasses import dataclass

from .text import fold

MIN_HITS = 2  # one passing mention does not make an article about a theme


@dataclass(frozen=True)
class Lexicon:
    """A theme's slug and its keywords, as editors wrote them in the admin."""

    slug: str
    keywords: tuple[str, ...]


def keyword_pattern(keyword: str) -> re.Pattern | None:
    words = fold(keyword).lower().replace("’", "'").split()
    if not words:
        return None
    parts = []
    for word in words:
        prefix = word.endswith("*")
        word = re.escape(word.rstrip("*"))
        if not word:
            return None
        parts.append(word + (r"[\w'-]*" if prefix else ""))
    return re.compile(r"(?<![\w-])" + r"[\s'-]+".join(parts) + r"(?![\w-])")


def parse_keywords(text: str) -> tuple[str, ...]:
    """Keywords as typed in the admin: one per line, or separated by commas."""
    return tuple(k.strip() for k in re.split(r"[\n,;]", text) if k.strip())


def find_themes(text: str, lexicons: list[Lexicon], min_hits: int = MIN_HITS) -> list[tuple[str, int]]:
    """(slug, hits) of every theme with at least `min_hits` keyword occurrences,
    most hits first."""
    folded = fold(text).lower().replace("’", "'")
    found = []
    for lexicon in lexicons:
        hits = sum(len(p.findall(folded)) for k in lexicon.keywords if (p := keyword_pattern(k)))
        if hits >= min_hits:
            found.append((lexicon.slug, hits))
    return sorted(found, key=lambda item: (-item[1], item[0]))


# The lexicon Vigie starts with; editors change it in the admin (Theme).
SEED_THEMES = {
    "Déploiement militaire": "déploiement*, déployer, déploie*, déployé*, militaires, soldat*, troupes, armée, "
    "Pentagone, contingent*, renforts",
    "Garde nationale": "Garde nationale, gardes nationaux, Guardia Nacional, National Guard",
    "Caravanes de migrants": "caravane*, migrant*, exilé*, Amérique centrale, Honduras, Hondurien*",
    "Asile et immigration": "asile, demandeur* d'asile, immigration, immigré*, migratoire*, expulsion*, "
    "sans-papiers, clandestin*, réfugié*, ICE",
    "Cartels et drogue": "cartel*, drogue*, narcotrafi*, trafiquant*, fentanyl, cocaïne, méthamphétamine, "
    "héroïne, stupéfiant*, Sinaloa, El Chapo",
    "Coopération États-Unis–Mexique": "coopération, coopérer, coopère*, bilatéra*, accord*, partenariat, "
    "López Obrador, Lopez Obrador, Sheinbaum, Ebrard, négociation*",
    "Mur et barrières": "mur, murs, mur frontalier, barrière*, clôture*, barbelé*, muraille",
}
