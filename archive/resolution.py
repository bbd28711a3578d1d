"""One entity per real-world thing, across the archive.

Extraction decides article by article: one article says « Donald Trump », the
next only « Trump »; the recogniser calls « El Chapo » an organisation where no
sentence says who he is, and « Washington » a person now and then. After each
import and re-extraction, `resolve_entities()` merges (archive.entities.merge_entities,
so aliases remember it and the next extraction finds the right entity at once):

1. **fragments**: a person named by a surname alone (« Trump », « Lopez Obrador »)
   into the one person the archive knows by that surname with a fuller name, or
   the one who dominates it (« Emmanuel Macron » over « Brigitte Macron »); and a
   name the recogniser glued a word onto (« LR Bruno Retailleau ») into the name;
2. **shared spellings**: an entity whose name is another entity's spelling
   (« El Chapo », the organisation, is Joaquin Guzman's nickname in some article)
   into that entity, whatever kind the recogniser gave it (but never a person or
   an organisation into a place); two entities of one
   name and different kinds into the kind the archive mostly gives it, or the
   place a gazetteer knows;
3. **acronyms**: « AMLO », « AFP », « OTAN » into the one name whose initials they
   spell.

An entity whose name an editor set, or the list of known organisations gives
(archive/extraction/organisations.py), is never merged away (others may be
merged into it), and an entity no article mentions any more is removed unless
an editor named it.
"""

import re
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count

from archive.entities import drop_orphans, merge_entities
from archive.extraction.entities import ORGANISATION, PERSON, PLACE, entity_key, is_known_place, is_name_fragment
from archive.extraction.text import fold
from archive.models import Alias, Entity, Mention, OrganisationPattern

# A fuller name "dominates" a surname when it has this many times the articles of
# every other person with that surname.
DOMINANCE = 5
# Two entities of one name: the kind with this many times the other's articles wins.
MAJORITY = 2
_SMALL_WORDS = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "pour", "en", "of", "the", "and", "for", "y"}
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


@dataclass(frozen=True)
class Merge:
    source: str  # what was merged, "Trump (personne)"
    target: str
    reason: str


@dataclass
class _Known:
    entity: Entity
    articles: int
    keys: set[str]  # the folded keys of its spellings
    listed: bool = False  # named by the editors' list of known organisations


def resolve_entities(dry_run: bool = False) -> tuple[list[Merge], int]:
    """Merge what the archive knows to be one entity; returns the merges and how
    many entities no article mentions were removed."""
    merges = []
    for rule in (_fragments, _shared_spellings, _acronyms):
        known = _load()
        planned = list(rule(known))
        for source, target, reason in planned:
            merges.append(Merge(_label(source.entity), _label(target.entity), reason))
        if not dry_run:
            _apply(planned)
    removed = 0
    if not dry_run:
        removed = drop_orphans()
    return merges, removed


def _label(entity: Entity) -> str:
    return f"{entity.name} ({entity.get_kind_display()})"


def _load() -> dict[int, _Known]:
    entities = Entity.objects.annotate(articles=Count("mentions__article", distinct=True))
    known = {e.pk: _Known(e, e.articles, {entity_key(e.name)}) for e in entities if e.articles}
    for entity_id, key in Alias.objects.values_list("entity_id", "key"):
        if entity_id in known:
            known[entity_id].keys.add(key)
    listed = set(OrganisationPattern.objects.values_list("name", flat=True))
    for item in known.values():
        item.listed = item.entity.kind == ORGANISATION and item.entity.name in listed
    return known


def _can_go(item: _Known) -> bool:
    # Named by an editor, or by the editors' list of known organisations: it stays.
    return not item.entity.name_edited and not item.listed


def _fragments(known: dict[int, _Known]):
    people = [k for k in known.values() if k.entity.kind == PERSON]
    by_last_word = defaultdict(list)
    for person in people:
        words = entity_key(person.entity.name).split()
        if len(words) > 1:
            by_last_word[words[-1]].append(person)
    for person in people:
        key = entity_key(person.entity.name)
        if not key or not _can_go(person):
            continue
        owners = [p for p in by_last_word[key.split()[-1]] if p is not person and _is_surname_of(key, p.entity.name)]
        owner = _dominant(owners)
        # A fuller name cited less than the short one is more often the recogniser
        # gluing a word on (« LR Bruno Retailleau ») than the person's full name.
        if owner and owner.articles >= person.articles:
            yield person, owner, "nom de famille seul"
        elif owner and len(key.split()) > 1 and _can_go(owner):
            yield owner, person, "nom précédé d'un mot en trop"


def _is_surname_of(key: str, full_name: str) -> bool:
    full = entity_key(full_name)
    return is_name_fragment(key, full) and full.split()[-len(key.split()) :] == key.split()


def _dominant(candidates: list[_Known]) -> _Known | None:
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda k: -k.articles)
    if len(ranked) == 1 or ranked[0].articles >= DOMINANCE * ranked[1].articles:
        return ranked[0]
    return None


def _shared_spellings(known: dict[int, _Known]):
    holders = defaultdict(list)
    for item in known.values():
        for key in item.keys:
            holders[key].append(item)
    for key, items in holders.items():
        if len(items) < 2:
            continue
        named = [i for i in items if entity_key(i.entity.name) == key]
        # The spelling is another entity's nickname, acronym or surname: that entity.
        owners = [i for i in items if i not in named]
        if len(owners) == 1 and owners[0].entity.kind != PLACE:
            for item in named:
                # Never a better-known entity into a lesser one, nor a known place into a
                # person: one article's slip ("France (Nini Vilivong)", a role and its
                # actress) must not carry France away.
                if _can_go(item) and owners[0].articles >= item.articles and not is_known_place(key):
                    yield item, owners[0], "graphie d'une autre entité"
            continue
        if owners or len({i.entity.kind for i in named}) < 2:
            continue
        winner = _by_kind(key, named)
        for item in named:
            if winner and item is not winner and _can_go(item):
                yield item, winner, "type le plus fréquent dans l'archive"


def _by_kind(key: str, named: list[_Known]) -> _Known | None:
    if is_known_place(key):
        places = [i for i in named if i.entity.kind == PLACE]
        if places:
            return max(places, key=lambda i: i.articles)
    ranked = sorted(named, key=lambda i: -i.articles)
    if ranked[0].articles >= MAJORITY * ranked[1].articles:
        return ranked[0]
    return None


def _acronyms(known: dict[int, _Known]):
    by_initials = defaultdict(list)
    for item in known.values():
        initials = _initials(item.entity)
        if initials:
            by_initials[initials].append(item)
    for item in known.values():
        name = item.entity.name
        if not _ACRONYM.match(name) or not _can_go(item):
            continue
        owners = [o for o in by_initials.get(name, []) if o is not item]
        if item.entity.kind != PERSON and len(name) < 4:
            owners = [o for o in owners if o.entity.kind != PERSON]  # "PS" is no one's initials
        owner = _dominant(owners)
        # An archive of general news knows many « ENA »: an organisation's acronym is
        # the name it spells only where an article cites both (and so, most likely,
        # spells it out). A person's three or four initials (« AMLO ») are theirs.
        if owner and len(owners) == 1 and (owner.entity.kind == PERSON or _cited_together(item.entity, owner.entity)):
            yield item, owner, "sigle"


def _cited_together(one: Entity, other: Entity) -> bool:
    articles = Mention.objects.filter(entity=other).values("article")
    return Mention.objects.filter(entity=one, article__in=articles).exists()


def _initials(entity: Entity) -> str:
    words = [w for w in re.split(r"[\s'’-]+", entity.name) if w and w.lower() not in _SMALL_WORDS]
    if len(words) < 2 or (entity.kind == PERSON and len(words) < 3):
        return ""
    if not all(w[0].isalpha() for w in words):
        return ""
    return "".join(fold(w[0]).upper() for w in words)


@transaction.atomic
def _apply(planned) -> None:
    gone = set()
    for source, target, _reason in planned:
        if source.entity.pk in gone or target.entity.pk in gone or source.entity.pk == target.entity.pk:
            continue
        merge_entities(target.entity, [source.entity])
        gone.add(source.entity.pk)
