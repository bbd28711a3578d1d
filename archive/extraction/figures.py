"""Deployment figures: how many soldiers, troops, National Guard members, agents
or police were sent, stationed, mobilised or withdrawn, with the qualifier, the
unit, the force, who announced it and the sentence that says so.

Two steps. The words find the candidates: a count followed by a noun that
counts members of a force (« 5 200 soldats », « un millier de gardes
nationaux »); "7.000 personnes" or "300 délégués" are never figures. Then the
sentence's dependency parse decides what the count is about: the force noun is
the object of a deployment verb (« envoyer 4 000 soldats »), its passive subject
(« 2 000 militaires seront déployés »), the complement of a deployment noun
(« le déploiement de 5 200 soldats », « renforts de 1 500 gardes nationaux »)…;
people killed, wounded, arrested or sought are not deployments. The parse also
says who announced it: the subject of « annoncer, déclarer, indiquer… », the
« X » of « selon X », or the speaker of the quote the figure is in.

Only the sentences with a candidate are parsed (`candidate_sentences`): the
parse costs far more than the recogniser, and most articles have none.
"""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .numbers import NUMBER_PATTERN, WORDS_PATTERN, parse_number
from .text import paragraphs, sentences

QUALIFIERS = (
    "un maximum de",
    "pas moins de",
    "un peu plus de",
    "un peu moins de",
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
    r"paramilitaires",
    r"troupes?",
    r"marines",
    r"réservistes",
    r"policiers",
    r"gendarmes",
    r"officiers",
    r"effectifs",
    r"hommes",
    r"aviateurs",
    r"légionnaires",
    r"parachutistes",
    r"casques\s+bleus",
    r"personnels?\s+militaires?",
    r"membres\s+des\s+forces\s+(?:armées|de\s+l'ordre|de\s+sécurité)",
)
_UNIT = "(?:" + "|".join(_UNITS) + ")"
# "hommes" counts a force only where the sentence talks about one.
_MILITARY_CONTEXT = re.compile(
    r"\b(arm[ée]e|militaire|troupes?|soldats?|d[ée]ploi|d[ée]ploy|garde nationale|guardia|pentagone|"
    r"forces?|renforts?|police|barkhane|otan)",
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
    # The wider corpus: only where the unit says so, « les Russes » near US troops is not their force.
    (r"arm[ée]e\s+russe|(?:soldats?|militaires|troupes?|hommes|réservistes)\s+russes", "armée russe"),
    (
        r"arm[ée]e\s+fran[çc]aise|(?:soldats?|militaires|troupes?)\s+(?:fran[çc]ais|tricolores)|Barkhane",
        "armée française",
    ),  # noqa: E501
    (r"arm[ée]e\s+ukrainienne|(?:soldats?|militaires|troupes?)\s+ukrainiens", "armée ukrainienne"),
)
_FORCES = [(re.compile(pattern, re.IGNORECASE), name) for pattern, name in FORCES]

_QUALIFIER = "(?P<qualifier>" + "|".join(re.escape(q) for q in QUALIFIERS) + r")\s+"
_COUNT = rf"(?P<count>{NUMBER_PATTERN}|{WORDS_PATTERN})"
_FIGURE = re.compile(
    rf"(?<![\w.,])(?:{_QUALIFIER})?(?:d'|d’|de\s+)?{_COUNT}\s+(?:de\s+|d'|d’)?"
    rf"(?P<unit>{_UNIT})(?P<tail>(?:\s+(?:am[ée]ricain|mexicain|guat[ée]malt[èe]que|russe|fran[çc]ais|ukrainien|tricolore)(?:e)?s?)?"
    rf"(?:\s+(?:suppl[ée]mentaires|de\s+plus|d[ée]j[àa]))?)",
    re.IGNORECASE,
)
# A bare count, for the elliptic figures the parse confirms: « et 6 500 à la
# frontière sud », « de 4 500 à 5 100 militaires », « les 800 évoqués ».
_BARE_COUNT = re.compile(rf"(?<![\w.,])(?:{_QUALIFIER})?(?P<count>{NUMBER_PATTERN})(?![\w%])", re.IGNORECASE)
# Sentences that may hold an elliptic count even without a force noun.
_DEPLOYMENT_WORD = re.compile(
    r"d[ée]ploy|d[ée]ploi|envoy|mobilis|stationn|renfort|dépêch|évoqu|promis|prévus", re.IGNORECASE
)
# "des dizaines de milliers", "quelques centaines": orders of magnitude, not counts.
_VAGUE = re.compile(r"^(?:dizaine|centaine|millier)s$|\b(?:dizaines|centaines|milliers)\b", re.IGNORECASE)
_QUALIFIER_FIX = {"jusqu’à": "jusqu'à", "quelques": "quelque"}

# What the parse reads. Verbs and nouns of a force being sent, kept, withdrawn…
DEPLOYING = frozenset(
    "déployer redéployer envoyer dépêcher mobiliser stationner masser positionner repositionner renforcer "
    "retirer rapatrier affecter poster placer camper acheminer transférer engager prévoir promettre "
    "quadriller patrouiller perquisitionner sécuriser surveiller garder protéger intervenir arriver "
    "ajouter réclamer demander évoquer estimer concerner porter réduire augmenter doubler tripler "
    "déploiement redéploiement envoi renfort retrait contingent présence dispositif mobilisation effectif "
    "empreinte arrivée départ relève alerte mobilisable supplémentaire rappel recrutement déployable "
    "œuvre engager engagé déployé mobilisé stationné".split()
)
# …and of people who are victims, suspects or accused: never deployments.
NOT_DEPLOYING = frozenset(
    "tuer blesser mourir mort décès décéder périr perdre perte arrêter arrestation interpeller interpellation "
    "rechercher recherché condamner condamnation emprisonner incarcérer juger procès détenir détention "
    "capturer enlever enlèvement emmener libérer former entraîner accuser soupçonner inculper poursuivre "
    "abattre exécuter succomber victime bilan prisonnier disparu disparaître otage suspendre limoger "
    "révoquer sanctionner mandat blessé tué mort agresser agression frapper impliquer accueillir".split()
)
# A verb that says a force holds so many: a deployment when the subject is an
# operation or the sentence says where (« Barkhane, qui compte 5 000 soldats »,
# « 190 000 hommes aux abords de l'Ukraine »), not for an army at home.
HOLDING = frozenset("compter disposer réunir rassembler aligner regrouper totaliser".split())
OPERATION_NOUNS = frozenset("force mission opération contingent dispositif présence effectif coalition".split())
PLACES = frozenset("frontière abord territoire sol zone région base front flanc rue pays".split())
ANNOUNCING = frozenset(
    "annoncer déclarer indiquer préciser affirmer estimer assurer expliquer ajouter confirmer dire "
    "rapporter souligner révéler évaluer chiffrer communiquer signaler faire prévenir avertir "
    "informer détailler".split()
)
INSTITUTIONS = frozenset(
    "ministère département préfecture gouvernement armée état-major pentagone présidence police parquet "
    "administration commandement otan alliance ambassade secrétariat marine".split()
)
# Nouns that group a force: « un bataillon d'environ 1 000 militaires ».
GROUPS = frozenset("bataillon contingent brigade régiment division unité détachement escadron groupe".split())
# "hommes" are firefighters or rescuers where the sentence says so.
_CIVILIANS = re.compile(r"\b(?:pompiers|secouristes|sauveteurs|bénévoles|ouvriers)\b", re.IGNORECASE)
# Titles that stand for a person the article named before.
TITLES = frozenset(
    "président présidente ministre secrétaire porte-parole général chef gouverneur gouverneure ambassadeur "
    "ambassadrice maire sénateur sénatrice commandant procureur directeur directrice dirigeant".split()
)
_RELATIVES = {"qui", "lequel", "laquelle", "lesquels", "lesquelles"}
_PERSONAL = {"il", "elle", "ils", "elles", "lui", "eux"}


@dataclass(frozen=True)
class Figure:
    count: int
    qualifier: str
    unit: str
    force: str
    sentence: str
    position: int  # character offset of the sentence in the body
    announcer: str = ""  # who made it public, as the article names them
    announcer_kind: str = ""  # "person", "organisation" or "" (archive.extraction.entities kinds)


SentenceParse = Callable[[list[str]], Sequence]  # sentences -> spaCy Docs
Resolver = Callable[[str, int], str]  # as archive.extraction.quotes's


@dataclass(frozen=True)
class Candidate:
    sentence: str
    position: int


def candidate_sentences(body: str) -> list[Candidate]:
    """The sentences of `body` that may hold a figure, in reading order: those
    with a count before a force noun, or with a count and a deployment word."""
    found, offset = [], 0
    for paragraph in paragraphs(body):
        offset = body.find(paragraph, offset)
        for sentence in sentences(paragraph):
            position = body.find(sentence, offset)
            if _FIGURE.search(sentence) or (_DEPLOYMENT_WORD.search(sentence) and _BARE_COUNT.search(sentence)):
                found.append(Candidate(sentence, position))
    return found


def find_figures(
    body: str,
    parse: SentenceParse | None = None,
    resolve: Resolver | None = None,
    quotes: Iterable = (),
    kinds: Callable[[str], str] | None = None,
) -> list[Figure]:
    """Every deployment figure of a body text, in reading order.

    `parse` turns sentences into spaCy Docs (archive.extraction.nlp.parse by
    default); `resolve(phrase, position)` names the person or organisation a
    phrase or, for "", a pronoun at `position` points to; `quotes` (with
    `position`, `text`, `speaker`) give the speaker of a figure said in a
    quote; `kinds(name)` says whether a name is a person or an organisation."""
    candidates = candidate_sentences(body)
    if not candidates:
        return []
    if parse is None:
        from .nlp import parse  # noqa: PLC0415 - the model loads on first use only
    resolve = resolve or (lambda phrase, position: "")
    quotes = list(quotes)
    figures = []
    for candidate, doc in zip(candidates, parse([c.sentence for c in candidates]), strict=True):
        preceding = body[: candidate.position]
        figures.extend(_figures_in(candidate, doc, figures[-1] if figures else None, resolve, quotes, kinds, preceding))
    return figures


def _figures_in(candidate, doc, previous, resolve, quotes, kinds, preceding="") -> list[Figure]:
    sentence, found, taken, units = candidate.sentence, [], [], []
    matches = list(_FIGURE.finditer(sentence))
    for i, match in enumerate(matches):
        count = parse_number(match["count"])
        unit = " ".join(match["unit"].split())
        taken.append(match.span("count"))
        if not count or count < 2 or _VAGUE.search(match["count"]) or _is_year(match["count"], unit):
            continue
        if unit.lower() in ("hommes", "effectifs") and (
            not _MILITARY_CONTEXT.search(sentence) or _CIVILIANS.search(sentence)
        ):
            continue
        units.append(unit)
        noun = _token_at(doc, match.start("unit"))
        last = _token_at(doc, match.end("unit") - 1)
        if noun is None or not _deployed(noun, _token_at(doc, match.start("count")), last, count):
            continue
        # The force is named in the unit ("soldats américains") or in this
        # figure's own stretch of the sentence, not next to another figure.
        after = sentence[match.end() : matches[i + 1].start() if i + 1 < len(matches) else len(sentence)]
        before = sentence[matches[i - 1].end() if i else 0 : match.start()]
        force = _force(unit + match["tail"]) or _force(after) or _force(before)
        found.append((match.start("unit"), Figure(count, _qualifier(match), unit, force, sentence, candidate.position)))
    # A bare count takes the unit of the figure before it, or of a count of the
    # same sentence that was not a deployment (« 128 000 militaires impliqués
    # dans des manœuvres, 300 000 mobilisés »).
    anchor = found[-1][1] if found else previous
    unit, force = (anchor.unit, anchor.force) if anchor else (units[-1], _force(sentence)) if units else ("", "")
    if unit:
        near = [doc.char_span(s, s + 1, alignment_mode="expand") for s, _ in found]
        near = [span[0].i for span in near if span is not None and len(span)]
        for match in _BARE_COUNT.finditer(sentence):
            if any(a <= match.start("count") < b for a, b in taken):
                continue
            count = parse_number(match["count"])
            if count and count >= 2 and _elliptic(doc, match, near):
                figure = Figure(count, _qualifier(match), unit, force, sentence, candidate.position)
                found.append((match.start("count"), figure))
    found.sort(key=lambda item: item[0])
    if not found:
        return []
    announcer = _announcer(doc, [doc.char_span(s, s + 1, alignment_mode="expand") for s, _ in found], candidate)
    name = _name(announcer, candidate, resolve, preceding) if announcer is not None else _quoted_by(candidate, quotes)
    kind = _kind(name, announcer, kinds)
    return [_with_announcer(figure, name, kind) for _, figure in found]


def _with_announcer(figure: Figure, name: str, kind: str) -> Figure:
    return Figure(**{**vars(figure), "announcer": name[:200], "announcer_kind": kind if name else ""})


def _token_at(doc, char: int):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _lemma(token) -> str:
    return token.lemma_.lower()


_KNOWN_VERBS = sorted(
    {w for w in DEPLOYING | NOT_DEPLOYING | HOLDING | ANNOUNCING if w.endswith(("er", "ir"))},
    key=len,
    reverse=True,
)


def _lemmas(tokens) -> set[str]:
    """The tokens' lemmas; for a verb the small model mislemmatises (« mobilise »,
    « compte »), the known verb whose stem it starts with as well."""
    found = set()
    for token in tokens:
        lemma = _lemma(token)
        found.add(lemma)
        if token.pos_ in ("VERB", "AUX", "NOUN", "ADJ") and lemma not in _KNOWN_VERBS:
            text = token.lower_
            # « les 800 évoqués » may come tagged as a noun.
            if token.pos_ in ("VERB", "ADJ") or text.endswith(("é", "és", "ée", "ées")):
                found.update(v for v in _KNOWN_VERBS if len(v) > 5 and text.startswith(v[:-2]))
            if token.pos_ == "NOUN" and text in ("compte", "comptent", "comptait", "comptaient", "mobilise"):
                found.add({"mobilise": "mobiliser"}.get(text, "compter"))
    return found


def _governors(token, hops: int = 4):
    """The token's heads up to the first verb, and the verb's subject: what the
    sentence says the token does or undergoes."""
    seen = []
    while hops and token.head is not token:
        # Not out of a clause of its own: « sur les 115 000 légionnaires, 15 %
        # étaient volontaires » says nothing of what the main clause's verb does.
        if token.dep_ in _CLAUSES and seen:
            break
        token = token.head
        seen.append(token)
        hops -= 1
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            # « vont repositionner un bataillon » : the verb that says what is done.
            seen.extend(c for c in token.children if c.dep_.startswith("nsubj"))
            if _lemma(token) in _MODALS:
                seen.extend(c for c in token.children if c.dep_ == "xcomp")
            break
    return seen


_CLAUSES = frozenset("ccomp advcl parataxis acl:relcl csubj".split())
_MODALS = frozenset("aller pouvoir devoir vouloir venir falloir permettre décider ordonner prévoir".split())
_SKIPPED_BEFORE = frozenset("DET ADP ADV NUM PRON".split())
_QUALIFIER_WORDS = frozenset(w for q in QUALIFIERS for w in re.split(r"(?<=['’])|\s+", q) if w)
_SKIPPED_AFTER = frozenset("ADJ AUX ADV PART".split())


def _adjacent_verbs(first, last) -> list:
    """The verb just before the count and just after the noun phrase, read from
    the words whatever the parse attached them to: « a déployé 15 000 hommes »,
    « 5 100 militaires sont déployés »."""
    doc, verbs = first.doc, []
    i = first.i - 1
    while (
        i >= 0
        and first.i - i < 8
        and (doc[i].pos_ in _SKIPPED_BEFORE or _lemma(doc[i]) in GROUPS or doc[i].lower_ in _QUALIFIER_WORDS)
    ):
        i -= 1
    # « l'envoi jusqu'à 15 000 soldats »: a deployment noun just before counts too.
    if i >= 0 and (doc[i].pos_ == "VERB" or doc[i].pos_ == "NOUN" and _lemma(doc[i]) in DEPLOYING):
        verbs.append(doc[i])
    i = last.i + 1
    while i < len(doc) and doc[i].pos_ in _SKIPPED_AFTER and i - last.i < 5:
        # « 100 000 militaires russes campent »: a participle the model tagged otherwise.
        verbs.append(doc[i])
        i += 1
    if i < len(doc) and doc[i].pos_ == "VERB":
        verbs.append(doc[i])
    return verbs


def _deployed(noun, number, last=None, count: int = 0) -> bool:
    """Whether the parse says the force `noun` (counted by `number`) is deployed."""
    # The count may be parsed as the head ("soixante-quatre policiers" → nsubj
    # "soixante-quatre"): read from both.
    near = [c for c in noun.children if c.dep_ in ("acl", "amod", "acl:relcl")]
    governors = _governors(noun)
    if number is not None and number.head is not noun and number is not noun:
        governors += [number, *_governors(number)]
    adjacent = _adjacent_verbs(number if number is not None else noun, last or noun)
    lemmas = _lemmas(near + governors + adjacent)
    # « les 5 000 hommes de la force Barkhane »: the strength of a force in the
    # field (not « trois membres des forces spéciales », where it is the unit).
    end = (last or noun).i
    if count >= 100 and any(c.dep_ == "nmod" and c.i > end and _lemma(c) in OPERATION_NOUNS for c in noun.children):
        lemmas.add("présence")
    # « 293 militaires et trois civils sont blessés »: what follows closely, too.
    after = noun.doc[(last or noun).i + 1 : (last or noun).i + 6]
    if (lemmas | _lemmas(t for t in after if t.pos_ in ("VERB", "ADJ"))) & NOT_DEPLOYING:
        return False
    if lemmas & DEPLOYING:
        return True
    holding = [t for t in governors + adjacent if _lemmas([t]) & HOLDING]
    if holding:
        verb = holding[0]
        around = _lemmas(verb.subtree) | (_lemmas(verb.head.subtree) if verb.dep_ == "acl:relcl" else set())
        return bool(around & (OPERATION_NOUNS | PLACES))
    return False


def _elliptic(doc, match, near: list[int]) -> bool:
    """A bare count the parse makes a figure: it counts nothing else (the word
    after it is no noun but a place or a participle) and no victim, and it
    comes close after a figure (token indices `near`) or with a deployment word."""
    text = match["count"]
    if re.fullmatch(r"(?:1[89]|20)\d\d", text):  # a year
        return False
    first = _token_at(doc, match.start("count"))
    last = _token_at(doc, match.end("count") - 1)
    if first is None or last is None:
        return False
    following = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if following is not None and following.pos_ == "ADJ" and last.i + 2 < len(doc):
        if doc[last.i + 2].pos_ in ("NOUN", "PROPN"):  # « 300 jeunes migrants »
            return False
    if (
        following is not None
        and following.pos_ in ("NOUN", "PROPN", "NUM", "SYM")
        and following.text != "«"
        and not _lemmas([following]) & DEPLOYING  # « 200 000 supplémentaires »
    ):
        return False
    lemmas = _lemmas(_governors(first) + _adjacent_verbs(first, last))
    if following is not None and following.pos_ in ("VERB", "ADJ"):
        lemmas |= _lemmas([following])
    if lemmas & NOT_DEPLOYING:
        return False
    close = any(0 < first.i - i <= 25 for i in near)
    return close or bool(lemmas & DEPLOYING)


def _announcer(doc, spans, candidate):
    """The tokens naming who announced the figures at `spans`, or None when the
    sentence names no one. « selon X » wins over a verb's subject."""
    tokens = [s[0] for s in spans if s is not None and len(s)]
    # Only the parser's sentence that holds the figure: the text's sentence may
    # glue several (« … a déclaré X. Le ministre a ajouté que… »).
    own = _own_sentence(doc, tokens)
    for token in own:
        if token.lower_ == "selon" and token.head is not token:
            return ("selon", token.head)
    ancestors = {a.i for t in tokens for a in t.ancestors} | {t.i for t in tokens}
    for verb in own:
        if not _lemmas([verb]) & ANNOUNCING or verb.pos_ != "VERB":
            continue
        if _lemma(verb) == "faire" and not any(c.lower_ in ("savoir", "valoir") for c in verb.children):
            continue
        if any(c.dep_ == "aux:pass" for c in verb.children):  # « sont estimés à 4 000 soldats »
            continue
        if "Inf" in verb.morph.get("VerbForm"):  # « pour assurer la sécurité »: nobody speaks
            continue
        if any(c.dep_.startswith("expl") for c in verb.children):  # « qui s'ajouteront aux 2 000 »
            continue
        # The verb governs the figure, or is said beside it: « …, a annoncé X »
        # (the small model often makes it a second root), « Comme le précise X, … ».
        after = bool(tokens) and verb.i > tokens[-1].i
        # An incise after the figure counts whatever the parse attached it to
        # (« …, a annoncé lundi le Pentagone » came out as an adjective of « lundi »).
        beside = (
            verb.dep_ == "ROOT"
            or verb.dep_ in ("parataxis", "ccomp", "advcl")
            and verb.head.i in ancestors
            or after
            and _is_incise(verb)
        )
        if verb.i not in ancestors and not beside:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if after and _is_incise(verb):
            subject = _inverted_subject(verb) or subject
        elif subject is None:  # « Comme le précise La Dépêche du Midi, … »
            subject = _inverted_subject(verb)
        if subject is not None:
            return ("subject", subject)
    return _reported(own, tokens)


def _reported(own, tokens):
    """« X a de son côté ajouté que … N soldats »: a speech verb followed by
    « que » before the figure, when the parse lost its links; its subject is
    the sentence's first noun phrase."""
    if not tokens:
        return None
    for verb in own:
        if verb.i >= tokens[0].i:
            return None
        following = verb.doc[verb.i + 1 : verb.i + 3]
        if (
            verb.pos_ == "VERB"
            and _lemmas([verb]) & ANNOUNCING
            and any(t.lower_ in ("que", "qu'", "qu’") for t in following)
        ):
            subject = next((t for t in own if t.i < verb.i and t.pos_ in ("NOUN", "PROPN", "PRON")), None)
            return ("subject", subject) if subject is not None else None
    return None


def _own_sentence(doc, tokens) -> list:
    """The tokens between the full stops around the figure's."""
    if not tokens:
        return list(doc)
    start, end = tokens[0].i, tokens[-1].i
    while start > 0 and doc[start - 1].text not in (".", "!", "?"):
        start -= 1
    while end < len(doc) - 1 and doc[end].text not in (".", "!", "?"):
        end += 1
    return list(doc[start : end + 1])


def _is_incise(verb) -> bool:
    """« …, a annoncé X » : the verb (or its auxiliary) comes right after a comma."""
    first = min([verb, *(c for c in verb.children if c.dep_.startswith("aux"))], key=lambda t: t.i)
    return first.i > 0 and first.doc[first.i - 1].text in (",", "»", "”", '"')


_TIME_WORDS = frozenset(
    "lundi mardi mercredi jeudi vendredi samedi dimanche soir matin midi nuit hier semaine mois jour "
    "année encore aussi également ensuite déjà alors récemment".split()
)


def _inverted_subject(verb):
    """« …, a annoncé jeudi soir la Préfecture de police » : the noun phrase after the verb."""
    doc = verb.doc
    governed = False  # « lors d'une conférence de presse », « à l'AFP »: when, where or to whom, not who
    for token in doc[verb.i + 1 :]:
        if token.is_punct:
            return None
        if token.pos_ == "ADP" or token.dep_ == "case" or token.lower_ in ("d'", "d’"):
            governed = True
            continue
        if token.pos_ == "ADV":  # « par ailleurs »
            governed = False
            continue
        if token.lower_ in _TIME_WORDS or token.pos_ in ("NUM", "DET") or token.lower_ in ("l'", "l’"):
            continue
        if token.pos_ in ("NOUN", "PROPN", "PRON") or token.lower_ in INSTITUTIONS:
            if governed or any(c.dep_ == "case" for c in token.children):
                governed = False
                continue
            return token
        if token.pos_ != "ADJ":
            return None
    return None


def _name(announcer, candidate, resolve, preceding: str = "") -> str:
    how, token = announcer
    doc = token.doc
    position = candidate.position + token.idx
    if token.lower_ in _PERSONAL:
        return resolve("", position)
    if token.lower_ in _RELATIVES:
        phrase = _antecedent(token)
        if phrase is None:
            return ""
        token = phrase
    words = _phrase(token)
    if not words:
        return ""
    if len(words) == 1 and token.lower_ in INSTITUTIONS:  # the parse lost « le département d'Etat américain »
        words = _institution_words(token)
    text = doc[words[0].i : words[-1].i + 1].text
    named = resolve(text, position)
    if named:
        return named
    head = words_head(words)
    if _lemma(head) in INSTITUTIONS or head.lower_ in INSTITUTIONS or _is_name(head):
        return _without_determiner(text)
    names = [t for t in words if _is_name(t)]
    if names:  # « une information du Wall Street Journal » is the Journal's
        return resolve(doc[names[0].i : words[-1].i + 1].text, position) or doc[names[0].i : words[-1].i + 1].text
    if _lemma(words_head(words)) in TITLES:
        # « le ministre de la défense » is whom the article introduced with that
        # title (« le ministre de la défense, Milos Vucevic, »), else the person
        # it named just before, as a pronoun would point to them.
        title = re.escape(_without_determiner(text)).replace(r"\ ", r"\s+")
        earlier = preceding + " " + doc.text[: words[0].idx]
        named = re.findall(rf"(?i:{title}),?\s+((?:[A-ZÉÈ][\w'’-]+\s*){{1,3}})", earlier)
        if named:
            return resolve(named[-1].strip(), position) or named[-1].strip()
        return resolve("", position)
    return ""


def _institution_words(token) -> list:
    """« département d'Etat américain », read from the words: up to a preposition other than « de »."""
    words = [token]
    for following in token.doc[token.i + 1 :]:
        if following.lower_ in ("de", "d'", "d’", "du", "des", "la", "l'", "l’") or following.pos_ in (
            "NOUN",
            "PROPN",
            "ADJ",
        ):
            words.append(following)
        else:
            break
    while words[-1].lower_ in ("de", "d'", "d’", "du", "des", "la", "l'", "l’"):
        words.pop()
    return words


def _is_name(token) -> bool:
    """A proper name, or a capitalised word inside the sentence the small model
    tagged as a common noun (« Etats-Unis »)."""
    return token.pos_ == "PROPN" or token.i > 0 and token.text[:1].isupper() and token.pos_ == "NOUN"


def _antecedent(relative):
    """The noun a « qui » or « selon lequel » stands for: the words before it, back to the comma."""
    doc = relative.doc
    start = relative.i - (2 if doc[relative.i - 1].lower_ == "selon" else 1)
    while start >= 0 and doc[start].is_punct:
        start -= 1
    for token in reversed(doc[: start + 1]):
        if token.pos_ in ("NOUN", "PROPN"):
            head = token
            while head.dep_ in ("flat:name", "flat", "amod", "nmod") and head.head.i < head.i:
                head = head.head
            return head
        if token.is_punct:
            break
    return None


def _phrase(token) -> list:
    """The noun phrase `token` heads, without relative clauses, quotes or what
    follows a comma; a name in apposition (« le ministre, Oleksii Reznikov ») first."""
    for child in token.children:
        if child.dep_ in ("appos", "conj") and child.pos_ in ("PROPN", "NOUN") and child.i > token.i:
            names = [t for t in child.subtree if t.pos_ == "PROPN" or t.dep_.startswith("flat")]
            if any(t.pos_ == "PROPN" for t in names):
                return sorted({child, *names}, key=lambda t: t.i)
    words = []
    for t in token.subtree:
        if t.i > token.i and (t.is_punct or t.dep_ in ("acl:relcl", "acl") or t.lower_ in _RELATIVES):
            break
        if t.is_punct:
            continue
        words.append(t)
    return words


def words_head(words):
    return next((t for t in words if t.head not in words or t.head is t), words[0])


def _without_determiner(text: str) -> str:
    return re.sub(r"^(?:(?:les|le|la|une|un|des|du|de\s+la)\s+|(?:l|d|de\s+l)['’]\s*)", "", text, flags=re.I).strip()


def _quoted_by(candidate, quotes) -> str:
    """The speaker of the quote the sentence is in, if any."""
    start, end = candidate.position, candidate.position + len(candidate.sentence)
    for quote in quotes:
        if quote.position <= start + 2 and end <= quote.position + len(quote.text) + 4 and quote.speaker:
            return quote.speaker
    return ""


def _kind(name: str, announcer, kinds) -> str:
    if not name:
        return ""
    kind = kinds(name) if kinds else ""
    if kind:
        return kind
    if announcer is not None:
        words = _phrase(announcer[1]) if announcer[1].lower_ not in _PERSONAL | _RELATIVES else []
        if words and _lemma(words_head(words)) in INSTITUTIONS:
            return "organisation"
    return ""


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
