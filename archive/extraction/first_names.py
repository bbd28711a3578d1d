"""First names, from the list gender-guesser ships (Jörg Michael's `nam_dict.txt`:
some 48,000 given names of 54 countries, each with how common it is there).

The recogniser labels « Joe Biden » a place and « Ovidio Guzman » an organisation
when the sentence around them reads like one; a span that opens with a common
first name is a person's name whatever the sentence. Only the data file is read
(GNU FDL); the package's code is not used.
"""

import functools
from importlib import resources

from .text import fold

# How common a name must be somewhere to count: the file rates it from 1 (rare) to
# 13 (very common) per country. « Rio » (2), « Sunshine » (1) or « Houston » (1) are
# first names somewhere, but far more often something else.
COMMON = 3


@functools.cache
def first_names() -> frozenset[str]:
    """The folded first names common (`COMMON` or more) in at least one country."""
    names = set()
    data = resources.files("gender_guesser").joinpath("data/nam_dict.txt")
    with data.open(encoding="utf-8") as lines:
        for line in lines:
            if line[:1] in "#=" or len(line) < 31:
                continue
            # The columns of Europe, the Americas (through Spain and Portugal), Turkey, the Arab
            # world and Israel; not those of East and South Asia, whose romanised names
            # (« Sin », « Long », « Man ») are English and Spanish words as often as names.
            ratings = [int(c, 16) for c in line[30:79] if c in "0123456789ABCDEF"]
            if ratings and max(ratings) >= COMMON:
                name = line.split()[1]
                names.update(fold(name.replace("+", joiner)).lower() for joiner in ("", " ", "-"))
    return frozenset(names)


def is_first_name(word: str) -> bool:
    """Whether `word` (« Greg », « Ovidio », « José ») is a common first name."""
    return fold(word).lower() in first_names()
