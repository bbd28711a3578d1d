"""Quotes in « » or " " with their speaker, where the sentence says who.

Patterns find the quote and the reporting verb: after it (« … », a affirmé X;
« … », dit-elle; « … », selon X), before it (X a déclaré : « … »; selon X,
« … »; X s'est montré intransigeant : « … »). The dependency parse of those few
sentences (archive/extraction/syntax.py) then says who the verb's subject is and
where the speaker's words end: « le chef de l'Etat depuis les jardins de la
Maison Blanche » is a head of state, not the White House. `speakers`, built by the
caller from the article's entities (archive/extraction/entities.py), turns a
name, a surname or a role the article gave someone (« le président américain
Donald Trump ») into that entity. A pronoun, or a role no one was introduced
with (« a confirmé le locataire de la Maison Blanche »), is the person who last
spoke or was last the subject of a sentence. An indefinite speaker (« une
source gouvernementale ») stays as the text words it: it names no one.
"""

import re
from dataclasses import dataclass, replace

from .syntax import NOMINAL, Parse
from .text import paragraphs

MIN_WORDS = 4  # shorter quotes are scare quotes: "invasion", « capacités militaires »
WINDOW_BEFORE = 600  # characters of context parsed before a quote: the sentence before it

_QUOTE = re.compile(r"«\s*(?P<a>[^«»]+?)\s*»|“(?P<b>[^“”]+?)”|\"(?P<c>[^\"\n]+?)\"")
# Past participles after « a », « avait »…: "a affirmé", "avait-il précisé".
_VERBS = (
    r"affirm[ée]|déclar[ée]|dit|assur[ée]|ajout[ée]|expliqu[ée]|soulign[ée]|indiqu[ée]|estim[ée]|"
    r"précis[ée]|tweet[ée]|écrit|annonc[ée]|prévenu|lancé|martel[ée]|insist[ée]|répété|rappel[ée]|"
    r"déplor[ée]|dénonc[ée]|promis|jug[ée]|confi[ée]|rétorqu[ée]|répondu|commenté|résum[ée]|souten[ue]|"
    r"soutenu|averti|assén[ée]|reconnu|fait\s+valoir|fait\s+savoir|poursuivi|conclu|insisté|tranch[ée]|"
    r"racont[ée]|confirm[ée]|accus[ée]|tanc[ée]|témoign[ée]|plaid[ée]|concéd[ée]|admis|glissé|lâché|"
    r"relev[ée]|not[ée]|observ[ée]|regrett[ée]|ironis[ée]|exclam[ée]|indign[ée]|félicit[ée]|renchéri|"
    r"avanc[ée]|interrog[ée]|imploré|répliqu[ée]|mis\s+en\s+garde"
)
# The same verbs conjugated without an auxiliary: « dit-elle », « explique X ».
_SAYS = (
    r"dit|disait|explique|expliquait|affirme|affirmait|assure|assurait|ajoute|ajoutait|souligne|"
    r"soulignait|indique|précise|estime|estimait|raconte|racontait|confie|confiait|poursuit|insiste|"
    r"martèle|lance|tweete|écrit|écrivait|déclare|reconnaît|prévient|avertit|résume|rappelle|note|"
    r"observe|regrette|déplore|dénonce|s'insurge|se\s+souvient|se\s+souvenait|implore|plaide|"
    r"s'interroge|interroge|témoigne|répond|rétorque|commente|conclut|promet|juge|admet|concède|glisse|"
    r"souffle|lâche|tranche|ironise|s'exclame|s'indigne|s'inquiète|se\s+félicite|renchérit|avance|"
    r"soutient|relève|confirme|accuse|réplique"
)
_AUX = r"(?:a|ont|avait|avaient|aurait|auraient)"
_PRONOUN = r"(?:-t-|\s+t-|-t\s-|-)(?P<pronoun>il|elle|ils|elles)\b"
_ADVERBS = (
    r"(?:\s+(?:pour\s+sa\s+part|quant\s+à\s+lui|quant\s+à\s+elle|encore|aussi|également|ensuite|alors|déjà|"
    r"ainsi|notamment|même|enfin|pourtant))*"
)
_REST = r"(?P<rest>(?:[^.!?«»\"]|(?<=\bM)\.|(?<=\d)\.(?=\d))*)"
# After the quote, anywhere before the sentence ends: ", a affirmé le général X",
# ", a-t-il ajouté", ", avait-il précisé", ", dit-elle", ", explique X".
_REPORTING = re.compile(
    rf",\s*(?:{_AUX}(?:{_PRONOUN})?{_ADVERBS}\s+(?P<verb>(?:{_VERBS})(?:e|s|es)?)\b"
    rf"|(?P<says>(?:{_SAYS}))(?:{_PRONOUN.replace('pronoun', 'pronoun2')}|\b)){_REST}",
    re.IGNORECASE,
)
_AFTER_SELON = re.compile(rf"^\s*,?\s*selon\s+{_REST}", re.IGNORECASE)
# Before the quote, in the same sentence: "X a déclaré : « … »", "X a indiqué
# qu'il était « … »", "selon X, « … »", "pour lui, « … »".
_BEFORE_VERB = re.compile(
    rf"\b(?:{_AUX}\s+(?:[\w'’-]+\s+){{0,6}}?(?P<verb>(?:{_VERBS})\w*)|(?P<says>{_SAYS}))\b[^.!?«»\"]*$",
    re.IGNORECASE,
)
_BEFORE_SUBJECT = re.compile(
    rf"(?:^|[.!?»\"]\s+)(?P<who>[^.!?,;:«»\"]{{2,80}}?)\s+{_AUX}\s+(?:[\w'’-]+\s+){{0,6}}?"
    rf"(?:{_VERBS})\w*\b[^.!?«»\"]*$"
)
_BEFORE_SELON = re.compile(r"(?:^|[.!?]\s+|,\s*)selon\s+(?P<who>[^,«»\"]+),?\s*$", re.IGNORECASE)
_FOR_HIM = re.compile(r"^\s*(?:selon|pour)\s+(?:lui|elle|eux|elles)\s*,", re.IGNORECASE)
_COLON = re.compile(r"(?P<colon>:)\s*$")
_PRONOUNS = {"il", "elle", "ils", "elles", "lui", "eux", "-il", "-elle", "-ils", "-elles", "t-il", "t-elle"}
_PLURAL = {"les", "ces", "des", "leurs", "mes", "tes", "ses", "nos", "vos", "plusieurs", "certains", "certaines"}
# Where a speaker phrase ends when no known name is in it.
_SPEAKER_END = re.compile(
    r"\s+(?:lors|dans|devant|pendant|durant|avant|après|depuis|sur|sans|en|à|au|aux|le\s+\d|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd'hui|ce\s+|cette\s+|qui|dont|"
    r"réitérant|dénonçant|ajoutant|soulignant|selon|reprenant)\b|[,;:()]",
    re.IGNORECASE,
)
# The rest of the sentence: "5.000" and "M. Trump" do not end it.
_SENTENCE_TAIL = re.compile(r"^(?:[^.!?]|(?<=\d)\.(?=\d)|(?<=\bM)\.)*")
# Where a sentence starts, glued or not: « possible. "Vous », « prière."Enlevez ».
_SENTENCE_START = re.compile(
    r"(?<!\b[A-Z])(?<!\bMM)(?<!\bMme)(?<!\bDr)[.!?](?=\s*[«\"“]?\s?[A-ZÀ-Ý])\s*|[»\"”]\s+(?=[A-ZÀ-Ý«\"“])"
)


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str
    position: int  # character offset of the quote in the body
    speaker_kind: str = ""  # the speaker entity's kind (person, organisation), "" when the text names no entity
    speaker_key: str = ""  # the speaker entity's key in the article (archive.extraction.entities)


@dataclass(frozen=True)
class _Clause:
    """Where the sentence names who speaks."""

    how: str  # "pronoun", "phrase" (the words after a verb or « selon »), "subject" (of a verb before), "colon", ""
    start: int = 0  # body offset of the phrase, the verb or the colon
    phrase: str = ""


class _NoOne:
    """Speakers when the caller knows no entities: phrases stay as written."""

    def named(self, phrase):
        return []

    def last_person(self, position):
        return None

    def mentioned(self, start, end):
        return []


def find_quotes(body: str, speakers=None, parse: Parse | None = None) -> list[Quote]:
    """Quotes of at least MIN_WORDS words in reading order.

    `speakers` (archive.extraction.entities.speaker_resolver) knows the
    article's entities; `parse` holds the parsed sentences around the quotes
    (`parse_windows`). Without them, speakers are the words the text uses."""
    reader = _Reader(body, speakers or _NoOne(), parse or Parse([]))
    quotes, offset = [], 0
    for paragraph in paragraphs(body):
        offset = body.find(paragraph, offset)
        previous = None  # the last quote of this paragraph
        for match in _QUOTE.finditer(paragraph):
            text = " ".join((match["a"] or match["b"] or match["c"]).split())
            if len(_without_incise(text).split()) < MIN_WORDS:
                continue
            position = offset + match.start()
            clause = _clause(paragraph, match, offset)
            if clause.how:
                quote = reader.speaker(clause, _without_incise(text), position)
            elif previous:  # a quote that goes on from the previous one, with no new speaker
                quote = replace(previous, text=_without_incise(text), position=position)
            else:
                quote = Quote(_without_incise(text), "", position)
            quotes.append(quote)
            reader.spoke(quote)
            previous = quote
    return quotes


def parse_windows(body: str) -> list[tuple[int, int]]:
    """The spans of `body` the parser needs: each quote's sentence and the one
    before, merged where they overlap."""
    windows, offset = [], 0
    for paragraph in paragraphs(body):
        offset = body.find(paragraph, offset)
        for match in _QUOTE.finditer(paragraph):
            if len(_without_incise(match["a"] or match["b"] or match["c"]).split()) < MIN_WORDS:
                continue  # a scare quote has no speaker to find
            back = 2 if _may_point_back(_clause(paragraph, match, 0), paragraph, match.start()) else 1
            start = _last_sentence_start(paragraph, max(0, match.start() - WINDOW_BEFORE), match.start(), back=back)
            end = match.end() + len(_SENTENCE_TAIL.match(paragraph[match.end() :]).group()) + 1
            start, end = offset + start, offset + min(end, len(paragraph))
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
            else:
                windows.append((start, end))
    return windows


def _may_point_back(clause: _Clause, paragraph: str, position: int) -> bool:
    """Whether a speaker may be a pronoun or a role (« a-t-il ajouté », « a
    confirmé le locataire de la Maison Blanche »), whose person the sentence
    before names: only then is that sentence parsed too, which saves a third
    of the parse."""
    if clause.how == "pronoun":
        return True
    if clause.how == "phrase":
        words = clause.phrase
    elif clause.how in ("subject", "colon"):
        words = paragraph[_last_sentence_start(paragraph, 0, position) : position].split(" ", 1)[-1]
    else:
        return False
    return not re.search(r"\b[A-ZÀ-Ý]", _cut(words) if clause.how == "phrase" else words)


def _clause(paragraph: str, match: re.Match, offset: int) -> _Clause:
    """The words that name the speaker of the quote `match`."""
    quoted, before = match.group(), paragraph[: match.start()]
    after = _SENTENCE_TAIL.match(paragraph[match.end() :]).group()
    for text, start in ((quoted, match.start()), (after, match.end())):  # « …, a-t-il soutenu. … »
        if found := _REPORTING.search(text):
            if found["pronoun"] or found["pronoun2"]:
                return _Clause("pronoun", offset + start + found.start())
            return _Clause("phrase", offset + start + found.start("rest"), found["rest"])
    if found := _AFTER_SELON.match(after):
        return _Clause("phrase", offset + match.end() + found.start("rest"), found["rest"])
    sentence_start = _last_sentence_start(paragraph, 0, match.start())
    sentence = before[sentence_start:]
    if _FOR_HIM.match(sentence):
        return _Clause("pronoun", offset + sentence_start)
    if found := _BEFORE_SELON.search(sentence):
        return _Clause("phrase", offset + sentence_start + found.start("who"), found["who"])
    if found := _BEFORE_VERB.search(sentence):
        who = _BEFORE_SUBJECT.search(before)
        verb = found.start("verb") if found["verb"] else found.start("says")
        return _Clause("subject", offset + sentence_start + verb, who["who"].strip() if who else "")
    if found := _COLON.search(sentence):
        return _Clause("colon", offset + sentence_start + found.start("colon"))
    return _Clause("")


class _Reader:
    """Speakers of one article's quotes, read in order."""

    def __init__(self, body: str, speakers, parse: Parse):
        self.body, self.speakers, self.parse = body, speakers, parse
        self.quoted = [(m.start(), m.end()) for m in _QUOTE.finditer(body)]
        self.people_who_spoke = []  # (position, entity) of each person quoted so far
        self.last = None  # the last quote read

    def spoke(self, quote: Quote):
        self.last = quote
        if quote.speaker_kind == "person":
            self.people_who_spoke.append((quote.position, _Named(quote.speaker, quote.speaker_kind, quote.speaker_key)))

    def speaker(self, clause: _Clause, text: str, position: int) -> Quote:
        self.sentence_start = _sentence_start(self.body, position)
        entity, words = self._speaker(clause, position)
        if entity is not None:
            return Quote(text, entity.name, position, entity.kind, entity.key)
        return Quote(text, words, position)

    def _speaker(self, clause: _Clause, position: int):
        """The speaker's entity, or None and the words that name them."""
        if clause.how == "pronoun":
            if (person := self.anaphora(position)) is None and self.last:
                return None, self.last.speaker  # no entities known: the one who spoke last
            return person, ""
        if clause.how == "phrase":
            return self.phrase(clause.phrase, clause.start, position)
        head = verb = None
        if clause.how == "subject" and (verb := self.parse.at(clause.start)) is not None:
            head = self.parse.subject(verb)
        elif clause.how == "colon" and (before := self.parse.at(clause.start - 1)) is not None:
            head = self._subject_of_clause(before)
        if head is not None:
            return self.noun_phrase(head, position)
        if verb is not None:  # the parser lost the subject: « Vanessa Saenz, 37 ans, a expliqué »
            named = self.speakers.mentioned(self.sentence_start, clause.start)
            if person := next((e for p, e in named if e.kind == "person" and not self._in_quote(p)), None):
                return person, ""
        if clause.phrase:  # no parse: the words before the verb
            return self.phrase(clause.phrase, self.body.find(clause.phrase, max(0, clause.start - 200)), position)
        return None, ""

    def phrase(self, phrase: str, start: int, position: int):
        """The speaker named by the words after a reporting verb or « selon »."""
        head = self._first_noun(start, start + len(phrase))
        if head is not None:
            return self.noun_phrase(head, position, limit=start + len(phrase))
        return self._named(phrase, position) or (None, _cut(phrase))

    def noun_phrase(self, head: int, position: int, limit: int | None = None):
        """The speaker a noun phrase names: its head word and what the parse attaches to it."""
        words = self.parse.words
        word = words[head]
        if word.pos == "PRON" or word.text.lower() in _PRONOUNS:
            return self.anaphora(position), word.text if word.text.lower() not in _PRONOUNS else ""
        start = min([word.start] + [words[c].start for c in self.parse.children(head) if words[c].dep == "det"])
        end = max(word.end, self._subtree_end(head)) if limit is None else limit
        phrase = self.body[start:end]
        determiner = self.parse.determiner(head)
        if determiner == "Ind":
            return None, _cut(phrase)  # « un haut responsable » names no one
        head_span = (word.start - start, word.end - start)
        if named := self._named(phrase, position, head_span, head_is_noun=word.pos == "NOUN"):
            return named
        if word.pos == "NOUN" and word.text[:1].isupper() and determiner != "Dem":
            return None, self._proper_name(head)  # « la Maison Blanche », not among the entities
        if name := _name_after(phrase[head_span[1] :]) if word.pos == "NOUN" else "":
            return None, name  # « l'association TechNet », a name the recogniser missed
        if word.pos == "PROPN":  # a name the recogniser missed: « Alfonso Durazo »
            return None, self._proper_name(head)
        if word.pos == "NOUN":
            # A role: the person the article gave it before (« le père Fabian
            # Arias … ce pasteur »), else the person the text is about.
            person = self.role_holder(word.text, position) or self.anaphora(position)
            return (person, "") if person else (None, _cut(phrase))
        return None, _cut(phrase)

    def _named(self, phrase: str, position: int, head: tuple[int, int] | None = None, head_is_noun: bool = False):
        """The entity a phrase names: a person in its first clause (or in an
        apposition: « le gouverneur du Texas, Greg Abbott »), else an organisation
        at its `head` (« la Maison Blanche a indiqué », « l'association TechNet »:
        offsets in the phrase), not one the head depends on (« le locataire de la
        Maison Blanche »)."""
        clause = _first_clause(phrase)
        found = sorted(self.speakers.named(clause), key=lambda item: item[0])
        if person := next((e for _, e in found if e.kind == "person"), None):
            return person, ""
        if head is None:  # no parse: the first word after a determiner
            first = re.match(r"\s*(?:(?:le|la|les|l['’])\s*)?", clause).end()
            head = (first, first + len((clause[first:].split() or [""])[0]))
            head_is_noun = clause[first : first + 1].islower()
        for offset, entity in found:
            longest = max(len(spelling) for spelling in {entity.name, *getattr(entity, "aliases", ())})
            at_head = offset <= head[0] < offset + longest and head[0] < head[1] and offset < head[1]
            after_head = head_is_noun and offset >= head[1] and not clause[head[1] : offset].strip()
            if at_head or after_head:
                return entity, ""
        return None

    def role_holder(self, role: str, position: int, before: int | None = None):
        """The person named nearest an earlier use of a role word, in its
        sentence or the one before (« Donald Trump a défendu… Si le président
        américain a évoqué… »), the latest such use first."""
        before = self.sentence_start if before is None else before
        pattern = re.compile(rf"(?<!\w){re.escape(role)}(?!\w)", re.IGNORECASE)
        uses = list(reversed(list(pattern.finditer(self.body, 0, before))))
        for sentences_before in (0, 1):
            for match in uses:
                start = _sentence_start(self.body, match.start())
                if sentences_before:
                    start = _sentence_start(self.body, max(0, start - 2))
                named = self.speakers.mentioned(start, self._sentence_end(match.end()))
                people = [(abs(p - match.start()), e) for p, e in named if e.kind == "person" and not self._in_quote(p)]
                if people:
                    return min(people, key=lambda item: item[0])[1]
        return None

    def anaphora(self, position: int):
        """The person a pronoun or an unnamed role points to: whoever last spoke,
        was the subject of a sentence or was named before the quote's sentence
        (not as the object of someone else's act: « O'Rourke a accusé M. Trump »)."""
        candidates = [(p, e) for p, e in self.people_who_spoke if p < position]
        sentences = set()
        for p, entity in self.speakers.mentioned(max(0, self.sentence_start - 2 * WINDOW_BEFORE), self.sentence_start):
            if entity.kind != "person" or self._in_quote(p) or self._acted_upon(p):
                continue
            # The first person a sentence names is most often its subject; the
            # others are what it is about (« O'Rourke a accusé M. Trump »).
            if (sentence := _sentence_start(self.body, p)) not in sentences:
                sentences.add(sentence)
                candidates.append((p, entity))
        candidates += self._subjects(max(0, self.sentence_start - WINDOW_BEFORE), self.sentence_start)
        if candidates:
            return max(candidates, key=lambda item: item[0])[1]
        return self.speakers.last_person(position)

    def _acted_upon(self, offset: int) -> bool:
        """Whether the parse makes a name part of a thing's name: « le
        gouvernement Trump », not someone who then speaks."""
        if (i := self.parse.at(offset)) is None:
            return False
        head = self.parse.words[self.parse.words[i].head]
        return self.parse.words[i].dep == "nmod" and head.pos == "NOUN" and head.end + 1 == self.parse.words[i].start

    def _subjects(self, start: int, end: int) -> list[tuple[int, object]]:
        """The people the parse makes subjects of sentences between two offsets:
        named (« Victoria ne voulait pas », a name the recogniser may have
        missed) or by a role (« Le président américain a laissé entendre »)."""
        found, words = [], self.parse.words
        for i in self.parse.between(start, end):
            word = words[i]
            if word.dep != "nsubj" or word.pos not in ("NOUN", "PROPN") or self._in_quote(word.start):
                continue
            if word.head < i:  # after its verb, the parser mistook an object: « a accusé M. Trump »
                continue
            clause = _first_clause(self.body[word.start : self._subtree_end(i)])
            if person := next(
                (e for _, e in sorted(self.speakers.named(clause), key=lambda item: item[0]) if e.kind == "person"),
                None,
            ):
                found.append((word.start, person))
            elif word.pos == "PROPN" and not self.speakers.named(clause):
                found.append((word.start, _Named(self._proper_name(i), "", "")))
            elif word.text[:1].islower() and self.parse.determiner(i) not in ("", "Ind") and not self._plural(i):
                if holder := self.role_holder(word.text, word.start, before=word.start):
                    found.append((word.start, holder))
        return found

    def _plural(self, i: int) -> bool:
        """Whether a noun's determiner is plural: « ces discussions » is no one who speaks."""
        words = self.parse.words
        return any(words[c].dep == "det" and words[c].text.lower() in _PLURAL for c in self.parse.children(i))

    def _proper_name(self, i: int) -> str:
        """The run of proper nouns around a word."""
        words = self.parse.words
        first = last = i

        def named(j):  # « Maison Blanche »: the parser may tag its head a noun
            return words[j].pos == "PROPN" or (j == i and words[j].text[:1].isupper())

        while first > 0 and named(first - 1) and words[first - 1].end + 1 >= words[first].start:
            first -= 1
        while last + 1 < len(words) and named(last + 1) and words[last].end + 1 >= words[last + 1].start:
            last += 1
        return self.body[words[first].start : words[last].end]

    def _first_noun(self, start: int, end: int) -> int | None:
        """The head of the speaker in a phrase: its first noun or pronoun not led
        by a preposition (« à l'AFP », « lors d'une conférence »)."""
        for i in self.parse.between(start, end):
            word = self.parse.words[i]
            if word.text in ("-", "'") or word.pos not in NOMINAL or word.dep == "det" or self.parse.has_case(i):
                continue
            if word.dep not in ("obl", "obl:mod", "obl:arg"):
                return i
        return None

    def _subject_of_clause(self, i: int) -> int | None:
        """The subject of the verb a word hangs from: « Trump s'est montré intransigeant : »."""
        words = self.parse.words
        for _ in range(8):
            if (subject := self.parse.subject(i)) is not None:
                return subject
            if words[i].head == i:
                return None
            i = words[i].head
        return None

    def _subtree_end(self, i: int) -> int:
        end, stack = self.parse.words[i].end, [i]
        while stack:
            j = stack.pop()
            end = max(end, self.parse.words[j].end)
            stack.extend(self.parse.children(j))
        return end

    def _sentence_end(self, start: int) -> int:
        return start + len(_SENTENCE_TAIL.match(self.body[start:]).group())

    def _in_quote(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quoted)


def _sentence_start(body: str, position: int) -> int:
    """Where the sentence holding `position` starts (a paragraph starts one)."""
    paragraph_start = body.rfind("\n", 0, position) + 1
    return _last_sentence_start(body, max(paragraph_start, position - WINDOW_BEFORE), position)


def _last_sentence_start(text: str, start: int, end: int, back: int = 1) -> int:
    """Where the `back`-th last sentence before `end` starts, `start` at the
    earliest: the next character tells a sentence's end (« possible. "Vous »)."""
    starts = [m.end() for m in _SENTENCE_START.finditer(text, start, end + 4) if m.end() <= end]
    return starts[-back] if len(starts) >= back else start


def _name_after(text: str) -> str:
    """A name right after a noun: « TechNet » in « l'association TechNet qui… »."""
    match = re.match(r"\s+((?:[A-Z][\w'’&.-]*)(?:\s+[A-Z][\w'’&.-]*){0,3})", text)
    return match[1] if match else ""


@dataclass(frozen=True)
class _Named:
    name: str
    kind: str
    key: str


def _first_clause(phrase: str) -> str:
    """A phrase up to its first comma, or its second when an apposition names
    someone: « le gouverneur de cet immense État, Greg Abbott, lors de… »."""
    parts = re.split(r"([,;:(])", phrase)
    clause = parts[0]
    if len(parts) > 2 and parts[1] == "," and re.match(r"\s*(?:[A-Z][\w'’-]+\s*){2,4}$", parts[2]):
        clause += parts[1] + parts[2]
    return clause


def _without_incise(text: str) -> str:
    """« Nous n'entrons pas…, a-t-il soutenu. Notre travail… » without the incise."""
    if match := _REPORTING.search(text):
        return " ".join((text[: match.start()] + "…" + text[match.end() :]).split()).replace("….", "… ")
    return text


def _cut(phrase: str) -> str:
    if match := _SPEAKER_END.search(" " + phrase):
        phrase = (" " + phrase)[: match.start()]
    return " ".join(phrase.split()[:8])
