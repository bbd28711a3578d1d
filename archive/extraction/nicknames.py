"""Nicknames and acronyms an article gives a person, read from how it writes them:

    Joaquin Guzman, alias "El Chapo"          Joaquin « El Chapo » Guzman
    Joaquin Guzman – surnommé « El Chapo » –   El Chapo (Joaquin Guzman)
    Andres Manuel Lopez Obrador (« AMLO »)     AMLO, the initials of a person it names

The recogniser calls « El Chapo » an organisation and misses « AMLO » in brackets;
once an article says who they are, each is a spelling of that person, and every
time the article writes it, a mention of them."""

import re
from dataclasses import dataclass

from .entities import (
    ORGANISATIONS,
    PERSON,
    FoundEntity,
    RawMention,
    absorb,
    entity_key,
    is_known_place,
    spells_initials,
)

_NAME = r"[A-ZÀ-Ý][\w'’.-]*(?:\s+(?:de\s+|del\s+|la\s+)?[A-ZÀ-Ý][\w'’.-]*){0,3}"
_QUOTED = r"[«\"“]\s*(?P<nick>" + _NAME + r")\s*[»\"”]"
# After a person's name: ", alias « X »", " – surnommé « X »", " (« X »)". A bare
# word in brackets is not enough: "Sophie Garel (RTL)" names her radio.
_AFTER_PERSON = re.compile(
    r"^\s*(?:[,–—-]\s*)?(?:(?:alias|dit|dite|surnomm[ée]e?|connue? sous le nom d[e'’])\s*)?(?:\(\s*)?" + _QUOTED
)
# Inside a name: "Joaquin « El Chapo » Guzman" (first name, nickname, surname).
_INSIDE = re.compile(r"^\s*" + _QUOTED + r"\s*(?P<surname>[A-ZÀ-Ý][\w'’-]+)")
# A nickname followed by the person in brackets: "El Chapo (Joaquin Guzman)".
_BEFORE_PERSON = re.compile(r"^\s*[»\"”]?\s*\(\s*$")
_ACRONYM = re.compile(r"(?<![\w-])[A-Z]{3,6}(?![\w-])")
_PARTICLES = {"de", "del", "de la", "la", "da", "do", "dos", "van", "von", "y", "e"}


@dataclass(frozen=True)
class Nickname:
    person: str  # the person's name as the article writes it
    nickname: str


def find_nicknames(mentions: list[RawMention], text: str) -> tuple[list[RawMention], list[Nickname]]:
    """The mentions with "Joaquin « El Chapo » Guzman" made one person, and the
    nicknames the article gives the people it names."""
    people = [m for m in mentions if m.label in ("PER", "PERSON")]
    rewritten, nicknames, joined = [], [], set()
    for mention in mentions:
        if id(mention) in joined:
            continue
        end = mention.start + len(mention.text)
        after = text[end : end + 80]
        # A first name, a nickname in quotes, a surname: a person however labelled.
        if len(mention.text.split()) == 1 and mention.text[:1].isupper() and (inside := _INSIDE.match(after)):
            full = f"{mention.text} {inside['surname']}"
            rewritten.append(RawMention(full, "PER", mention.start))
            nicknames.append(Nickname(full, inside["nick"]))
            # The recogniser's pieces of that name (the nickname, the surname) are it.
            stop = end + inside.end()
            joined |= {id(m) for m in mentions if end <= m.start < stop}
            continue
        rewritten.append(mention)
        if mention in people and len(mention.text.split()) > 1 and (found := _AFTER_PERSON.match(after)):
            nicknames.append(Nickname(mention.text, found["nick"]))
        elif mention not in people and _may_be_nickname(mention.text):
            for person in people:
                if person.start > end and _BEFORE_PERSON.match(text[end : person.start]):
                    if spells_initials(person.text, mention.text):
                        break  # « Communauté économique des Etats de l'Afrique de l'Ouest (Cédéao) »: its acronym
                    nicknames.append(Nickname(person.text, mention.text))
                    break
    nicknames += _initials(people, text, {entity_key(n.nickname) for n in nicknames})
    return rewritten, nicknames


def _may_be_nickname(name: str) -> bool:
    """ "El Chapo (Joaquin Guzman)" is a nickname; "France (Nini Vilivong)", a role
    and its actress, and "la Suède (Johanna Skottheim…)", a team, are not: a place
    or an organisation's acronym before a name in brackets is no nickname."""
    key = entity_key(name)
    return not (is_known_place(key) or key in ORGANISATIONS or name.isupper())


def _initials(people: list[RawMention], text: str, known: set[str]) -> list[Nickname]:
    """ "AMLO" where the article names Andres Manuel Lopez Obrador: an acronym that
    spells the initials of exactly one person the article names."""
    by_initials: dict[str, set[str]] = {}
    for person in people:
        words = [w for w in re.split(r"[\s-]+", person.text) if w and w.lower() not in _PARTICLES]
        if len(words) >= 3:
            by_initials.setdefault("".join(w[0] for w in words).upper(), set()).add(person.text)
    found = []
    for acronym in sorted(set(_ACRONYM.findall(text))):
        owners = by_initials.get(acronym, set())
        if len(owners) == 1 and entity_key(acronym) not in known:
            found.append(Nickname(owners.pop(), acronym))
    return found


def nickname_positions(nickname: str, text: str) -> list[int]:
    """Where the article writes `nickname`, whole words only."""
    pattern = r"(?<![\w-])" + re.escape(nickname) + r"(?![\w-])"
    return [m.start() for m in re.finditer(pattern, text)]


def merge_nicknames(entities: list[FoundEntity], nicknames: list[Nickname], text: str) -> list[FoundEntity]:
    """Each nickname's entity (« El Chapo » the organisation) into its person, the
    nickname kept as a spelling of theirs, and its mentions the recogniser missed
    counted as theirs."""
    for nick in nicknames:
        person_key, nick_key = entity_key(nick.person), entity_key(nick.nickname)
        person = next((e for e in entities if e.kind == PERSON and person_key in _keys(e)), None)
        if person is None or nick_key in _keys(person) or not nick_key or is_known_place(nick_key):
            continue
        for other in [e for e in entities if e is not person and nick_key in _keys(e)]:
            absorb(person, other)
            entities.remove(other)
        person.aliases.add(nick.nickname)
        missed = [p for p in nickname_positions(nick.nickname, text) if p not in person.positions]
        person.count += len(missed)
        person.positions = sorted(person.positions + missed)
        person.first_position = person.positions[0] if person.positions else person.first_position
    return entities


def _keys(entity: FoundEntity) -> set[str]:
    return {entity.key, *(entity_key(a) for a in entity.aliases | entity.surnames)}
