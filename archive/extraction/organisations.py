"""Organisations recognised whole, from the list editors keep in the admin
(Organisations connues, archive.models.OrganisationPattern).

The recogniser cuts « ministère de la Sécurité publique » short, calls « Pueblos
Sin Fronteras » a person and « Border Patrol » a place, or misses « CBP ». Each
organisation of the list has a name (the spelling shown) and spellings; wherever
one of them occurs, that span is the organisation, whatever the recogniser said:
the recogniser's people, places and organisations it overlaps give way to it, and
every spelling counts for one entity under the list's name.

Spellings are matched on words, like theme keywords (archive/extraction/themes.py):
- accents and case are ignored, and a space matches a space, a hyphen or an
  apostrophe ("Al Qaida" = "Al-Qaida", "Département d'État" = "département d’Etat");
- a word written in capitals (an acronym: ICE, CBP) matches only capitals, and a
  one-word spelling written with a capital (Pentagone, Proceso) only a capitalised
  word: « un congrès », « l'ice » are not organisations;
- "*" ends a word with any ending: « cartel* d* Sinaloa » covers « cartel de
  Sinaloa », « cartels du Sinaloa »;
- words in brackets may be missing: « cartel (mexicain) de Sinaloa »;
- between quotes, case counts: "Article 19" (the NGO) is not « l'article 19 »;
- whole words only: « ICE » is not found in « ICEBERG » nor « anti-ICE ».

Pure: no Django. Compile the list once (`compiled`) and use it for a batch.
"""

import functools
import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .entities import _CREDIT_LINE, ORGANISATION, FoundEntity, RawMention, entity_key, plain_spelling
from .text import fold

SEED_FILE = Path(__file__).with_name("seed_organisations.json")
MAX_OPTIONAL = 4  # bracketed groups in one spelling: 2**4 variants at most

# What joins two words of a spelling in a text: spaces, hyphens, apostrophes.
_SEPARATOR = r"[\s'’ʼ\-‐‑]+"
_SPLIT = re.compile(_SEPARATOR)
# Where a match may start and end: not inside a word, a hyphenated compound, a
# handle, a hashtag or an address ("@CBP", "ice.gov", "/ICE").
_BEFORE = r"(?<![\w@#/.\-‐‑])"
_AFTER = r"(?![\w@\-‐‑])(?![./]\w)"
_TEXT_WORD = re.compile(r"\w+")
# Marks folded away before matching (a soft hyphen inside "Sina\u00adloa").
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_AROUND_A_NAME = " \t\n,;:.()[]«»\"'’-–—"


@dataclass(frozen=True)
class KnownOrganisation:
    """An organisation of the list: its name as shown and its spellings as typed
    (the name is always one of them)."""

    name: str
    spellings: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class KnownMention(RawMention):
    """A span of the text that is a known organisation: `text` is the list's
    name, `label` ORG; `spelling` is the text as written, up to `end`."""

    end: int
    spelling: str


class SpellingError(ValueError):
    """A spelling that cannot be matched; the message says why, in French."""


def parse_spellings(text: str) -> tuple[str, ...]:
    """Spellings as typed in the admin: one a line, blank lines ignored, each once."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return tuple(dict.fromkeys(line for line in lines if line))


def _unquoted(spelling: str) -> tuple[str, bool]:
    """The spelling without its quotes, and whether it had some (case then counts)."""
    spelling = spelling.strip()
    for left, right in (('"', '"'), ("«", "»"), ("“", "”")):
        if len(spelling) > 2 and spelling.startswith(left) and spelling.endswith(right):
            return spelling[1:-1].strip(), True
    return spelling, False


def variants(spelling: str) -> list[str]:
    """The spelling with and without each bracketed group, as plain words:
    « cartel (mexicain) de Sinaloa » → « cartel mexicain de Sinaloa », « cartel de Sinaloa ».
    Quotes around the spelling stay around each variant. Raises SpellingError."""
    inner, exact = _unquoted(spelling)
    pieces = re.split(r"(\([^()]*\))", inner)
    if any("(" in p or ")" in p for p in pieces[::2]):
        raise SpellingError(f"« {spelling} » : parenthèse sans sa paire (ou imbriquée)")
    optional = pieces[1::2]
    if not "".join(pieces[::2]).strip():
        raise SpellingError(f"« {spelling} » : aucun mot hors des parenthèses")
    if len(optional) > MAX_OPTIONAL:
        raise SpellingError(f"« {spelling} » : plus de {MAX_OPTIONAL} groupes entre parenthèses")
    found = []
    for kept in itertools.product((True, False), repeat=len(optional)):
        words = []
        for i, piece in enumerate(pieces):
            if i % 2 == 0:
                words.append(piece)
            elif kept[i // 2]:
                words.append(piece[1:-1])
        variant = " ".join(" ".join(words).split())
        variant = f'"{variant}"' if exact and variant else variant
        if variant not in found:
            found.append(variant)
    return found


def _words(variant: str) -> list[str]:
    words = [w for w in _SPLIT.split(fold(_unquoted(variant)[0])) if w]
    for word in words:
        if not word[0].isalnum():
            raise SpellingError(f"« {variant} » : chaque mot doit commencer par une lettre ou un chiffre")
        if "*" in word.rstrip("*") or word.count("*") > 1:
            raise SpellingError(f"« {variant} » : « * » se met seulement à la fin d'un mot")
    return words


def _word_regex(word: str, capitalised_only: bool) -> str:
    stem = word.rstrip("*")
    ending = r"\w*" if word.endswith("*") else ""
    letters = [c for c in stem if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return f"(?-i:{re.escape(stem)}){ending}"  # an acronym: capitals only
    if capitalised_only and stem[0].isupper():
        return f"(?-i:{re.escape(stem[0])}){re.escape(stem[1:])}{ending}"
    return re.escape(stem) + ending


def spelling_regex(variant: str) -> re.Pattern:
    """The pattern of one variant (no brackets left), matched on folded text.
    Raises SpellingError."""
    words = _words(variant)
    if not words:
        raise SpellingError(f"« {variant} » : aucun mot")
    body = _SEPARATOR.join(_word_regex(w, capitalised_only=len(words) == 1) for w in words)
    exact = _unquoted(variant)[1]
    return re.compile(_BEFORE + body + _AFTER, 0 if exact else re.IGNORECASE)


def check_spelling(spelling: str) -> None:
    """Raises SpellingError when `spelling` cannot be matched (for the admin's form)."""
    for variant in variants(spelling):
        spelling_regex(variant)


def spelling_keys(spelling: str) -> set[str]:
    """What two spellings that match the same words share, variant by variant:
    "Maison-Blanche" and "maison blanche" both give "maison blanche". Raises SpellingError."""
    return {" ".join(_words(variant)).lower() for variant in variants(spelling)}


def own_spellings(organisation: KnownOrganisation) -> list[str]:
    """The name and the spellings; the name goes by its quoted spelling when it
    has one ("Article 19" then matches with its case only)."""
    quoted = {_unquoted(s)[0] for s in organisation.spellings if _unquoted(s)[1]}
    name = [] if organisation.name in quoted else [organisation.name]
    return list(dict.fromkeys([*name, *organisation.spellings]))


def literal_spellings(organisation: KnownOrganisation) -> list[str]:
    """The spellings that are names as written (no "*"), brackets expanded: the
    entity's aliases, so that `organisation:"CBP"` finds every spelling's articles."""
    found = []
    for spelling in own_spellings(organisation):
        if "*" in spelling:
            continue
        try:
            found += [plain_spelling(_unquoted(v)[0]) for v in variants(spelling)]
        except SpellingError:
            continue
    return list(dict.fromkeys(found))


class KnownOrganisations:
    """The list compiled once: each variant of each spelling is a regex, indexed
    by its first word, so that a text costs one dictionary look-up per word."""

    def __init__(self, organisations: Iterable[KnownOrganisation]):
        self.organisations = list(organisations)
        self._by_word: dict[str, list[tuple[re.Pattern, KnownOrganisation]]] = {}
        self._by_prefix: list[tuple[str, re.Pattern, KnownOrganisation]] = []
        self.aliases: dict[str, list[str]] = {}
        self.errors: list[str] = []
        for organisation in self.organisations:
            self.aliases[organisation.name] = literal_spellings(organisation)
            for spelling in own_spellings(organisation):
                try:
                    for variant in variants(spelling):
                        self._add(variant, organisation)
                except SpellingError as error:
                    self.errors.append(str(error))  # the admin refuses these; an old row is skipped

    def _add(self, variant: str, organisation: KnownOrganisation):
        pattern = spelling_regex(variant)
        first = _words(variant)[0]
        lead = re.match(r"\w+", first)[0].lower()
        if first.endswith("*") and first.rstrip("*").isalnum():
            self._by_prefix.append((lead, pattern, organisation))
        else:
            self._by_word.setdefault(lead, []).append((pattern, organisation))

    def __bool__(self):
        return bool(self.organisations)

    def find(self, text: str) -> list[KnownMention]:
        """The known organisations of `text`, left to right, the longest spelling
        where several start at one word, never overlapping."""
        if not self.organisations:
            return []
        folded, origin = _folded(text)
        found, reached = [], 0
        for word in _TEXT_WORD.finditer(folded):
            if word.start() < reached:
                continue
            key = word[0].lower()
            candidates = self._by_word.get(key, [])
            if self._by_prefix:
                candidates = candidates + [(p, o) for lead, p, o in self._by_prefix if key.startswith(lead)]
            best = None
            for pattern, organisation in candidates:
                match = pattern.match(folded, word.start())
                if match and (best is None or match.end() > best[0].end()):
                    best = (match, organisation)
            if best:
                match, organisation = best
                start, end = origin(match.start()), origin(match.end() - 1) + 1
                spelling = plain_spelling(text[start:end])
                found.append(KnownMention(organisation.name, "ORG", start, end, spelling))
                reached = match.end()
        return found


@functools.lru_cache(maxsize=4)
def compiled(organisations: tuple[KnownOrganisation, ...]) -> KnownOrganisations:
    """The list compiled, once per distinct list: importing one article at a time
    (or a batch after an editor's change) does not compile it again."""
    return KnownOrganisations(organisations)


def _folded(text: str):
    """`text` without accents (case kept), and a function from an offset in it
    to the offset of the same character in `text`. Offsets go through a table
    only when a letter folds to two ("œ") or a soft hyphen vanishes."""
    table = {}
    for char in set(text):
        folded = "" if char in _INVISIBLE else fold(char)
        if len(folded) != 1 and not char.isalpha() and char not in _INVISIBLE:
            folded = char  # "…" or "½": no spelling holds them, one character is enough
        table[char] = folded
    if all(len(f) == 1 for f in table.values()):
        return text.translate({ord(c): f for c, f in table.items() if f != c}), lambda i: i
    pieces, offsets = [], []
    for i, char in enumerate(text):
        pieces.append(table[char])
        offsets.extend([i] * len(table[char]))
    return "".join(pieces), offsets.__getitem__


def known_organisations(text: str, organisations) -> list[KnownMention]:
    """The spans of `text` that are organisations of the list (a KnownOrganisations,
    or KnownOrganisation items, compiled for this call), skipping agency credit
    lines ("Le Monde avec AFP"): they credit the article, they are not its subject."""
    if not isinstance(organisations, KnownOrganisations):
        organisations = KnownOrganisations(organisations)
    credits = [m.span() for m in _CREDIT_LINE.finditer(text)]
    return [m for m in organisations.find(text) if not any(a <= m.start < b for a, b in credits)]


def give_way(
    mentions: list[RawMention], known: list[KnownMention], text: str
) -> tuple[list[RawMention], list[KnownMention]]:
    """The recogniser's `mentions` and the `known` spans, once the recogniser gave
    way. A mention overlapping a known span is replaced by it; what it held
    outside the span stays when it starts with a capital ("Border Patrol Rodney
    Scott" keeps the person "Rodney Scott"). When the recogniser called the whole
    an organisation, the rest stays only as a person's full name inside a
    sentence ("a indiqué à l'AFP Balbina Flores, la représentante"): not as a
    complement ("ministère de la Justice des États-Unis"), nor at a line's end,
    where "AFP Geraldine Chinga" is a photo credit. One exception: a
    person whose name holds a one-word spelling that is not an acronym
    ("Marianne Williamson", "Rosa Morena") stays that person, and that known
    span is dropped instead."""
    if not known:
        return list(mentions), []
    people = [(m.start, m.start + len(m.text)) for m in mentions if m.label in ("PER", "PERSON")]
    known = [k for k in known if not any(_inside_a_name(k, start, end, text) for start, end in people)]
    kept = []
    for mention in mentions:
        end = mention.start + len(mention.text)
        covering = sorted((k for k in known if k.start < end and mention.start < k.end), key=lambda k: k.start)
        if not covering:
            kept.append(mention)
            continue
        pieces, cursor = [], mention.start
        for k in covering:
            pieces.append((cursor, k.start))
            cursor = max(cursor, k.end)
        pieces.append((cursor, end))
        for a, b in pieces:
            rest = text[a:b] if b > a else ""
            name = rest.strip(_AROUND_A_NAME)
            if not name[:1].isupper():
                continue
            if mention.label != "ORG":
                kept.append(RawMention(name, mention.label, a + rest.index(name)))
            elif _full_name(name) and text[b : b + 1] not in ("", "\n"):
                # "à l'AFP Balbina Flores": the recogniser ran the agency and the person
                # it quotes into one organisation; the person is who follows.
                kept.append(RawMention(name, "PER", a + rest.index(name)))
    return kept, known


def _full_name(name: str) -> bool:
    """Two to four capitalised words, no particle: "Balbina Flores", not "des États-Unis"."""
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and w[1:].islower() for w in words)


def _inside_a_name(known: KnownMention, start: int, end: int, text: str) -> bool:
    """Whether a person's span (`start`, `end`) holds `known` as part of the name:
    a one-word spelling that is not an acronym, with one more word beside it
    ("Marianne Williamson"). Beside a full name, it was glued to it ("sur
    Twitter Christina Pushaw")."""
    if not (start <= known.start and known.end <= end) or (start, end) == (known.start, known.end):
        return False
    letters = [c for c in known.spelling if c.isalpha()]
    if len(known.spelling.split()) > 1 or (len(letters) >= 2 and all(c.isupper() for c in letters)):
        return False
    rest = text[start : known.start] + " " + text[known.end : end]
    return len(rest.split()) == 1


def known_entities(known: list[KnownMention], organisations: KnownOrganisations) -> list[FoundEntity]:
    """One organisation per name of the list found, named as the list names it,
    with its spellings as aliases (those of the list, and those of the text)."""
    entities: dict[str, FoundEntity] = {}
    for mention in known:
        entity = entities.get(mention.text)
        if entity is None:
            entity = entities[mention.text] = FoundEntity(
                ORGANISATION, mention.text, entity_key(mention.text), first_position=mention.start, canonical=True
            )
            entity.aliases = set(organisations.aliases.get(mention.text, ()))
        entity.count += 1
        entity.positions.append(mention.start)
        entity.aliases.add(mention.spelling)
    for entity in entities.values():
        entity.aliases.discard(entity.name)
    return list(entities.values())


def with_known(found: list[FoundEntity], known: list[FoundEntity]) -> list[FoundEntity]:
    """The recogniser's entities and the known organisations together, in order of
    first mention. A recogniser's entity spelled like a known organisation of the
    article (a span the list did not reach) counts for it."""
    if not known:
        return found
    by_key = {}
    for entity in known:
        for spelling in {entity.name} | entity.aliases:
            by_key.setdefault(entity_key(spelling), entity)
    kept = list(known)
    for entity in found:
        owner = by_key.get(entity.key)
        if owner is None:
            kept.append(entity)
            continue
        owner.count += entity.count
        owner.first_position = min(owner.first_position, entity.first_position)
        owner.positions = sorted(owner.positions + entity.positions)
        owner.aliases |= ({entity.name} | entity.aliases) - {owner.name}
    return sorted(kept, key=lambda e: e.first_position)


def seed_organisations(path: Path = SEED_FILE) -> list[KnownOrganisation]:
    """The list Vigie starts with (the data migration writes it into the database,
    tools/gold/evaluate.py measures with it)."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [KnownOrganisation(row["name"], tuple(row.get("spellings", ())), row.get("note", "")) for row in rows]
