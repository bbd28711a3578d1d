"""Quotes in « » or " " with their speaker, where the sentence says who.

The speaker is read from the reporting clause after the quote ("…", a affirmé
le général X), before it (X a déclaré : « … »; selon X, « … ») and, for "a-t-il
ajouté", from the last person named before. A role ("le président américain")
becomes the person the article introduced with it ("le président américain
Donald Trump"), through `resolve`, supplied by the caller from the entities.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from .text import paragraphs

MIN_WORDS = 4  # shorter quotes are scare quotes: "invasion", « capacités militaires »

_QUOTE = re.compile(r"«\s*(?P<a>[^«»]+?)\s*»|“(?P<b>[^“”]+?)”|\"(?P<c>[^\"\n]+?)\"")
_VERBS = (
    r"affirm[ée]|déclar[ée]|dit|assur[ée]|ajout[ée]|expliqu[ée]|soulign[ée]|indiqu[ée]|estim[ée]|"
    r"précis[ée]|tweet[ée]|écrit|annonc[ée]|prévenu|lancé|martel[ée]|insist[ée]|répété|rappel[ée]|"
    r"déplor[ée]|dénonc[ée]|promis|jug[ée]|confi[ée]|rétorqu[ée]|répondu|commenté|résum[ée]|souten[ue]|"
    r"soutenu|averti|assén[ée]|reconnu|fait\s+valoir|fait\s+savoir|poursuivi|conclu|insisté|tranch[ée]"
)
# After the quote, anywhere before the sentence ends: ", a affirmé le général X",
# ", a-t-il ajouté", ", a pour sa part assuré X".
_REPORTING = re.compile(
    rf",\s*(?:a|ont|avait|avaient|aurait)(?:-t-(?P<pronoun>il|elle|ils|elles))?"
    rf"(?:\s+(?:pour\s+sa\s+part|quant\s+à\s+lui|quant\s+à\s+elle|encore|aussi|également|ensuite|alors|déjà))*"
    rf"\s+(?:{_VERBS})(?:e|s|es)?\b(?P<rest>(?:[^.!?«»\"]|(?<=\bM)\.|(?<=\d)\.(?=\d))*)",
    re.IGNORECASE,
)
_AFTER_SELON = re.compile(r"^\s*,?\s*selon\s+(?P<rest>(?:[^.!?«»\"]|(?<=\bM)\.|(?<=\d)\.(?=\d))*)", re.IGNORECASE)
# Before the quote, in the same sentence: "X a déclaré : « … »", "X a indiqué
# qu'il était « … »", "selon X, « … »".
_BEFORE_SUBJECT = re.compile(
    rf"(?:^|[.!?»\"]\s+)(?P<who>[^.!?,;:«»\"]{{2,80}}?)\s+(?:a|ont|avait|avaient)\s+(?:[\w'’-]+\s+){{0,6}}?"
    rf"(?:{_VERBS})\w*\b[^.!?«»\"]*$"
)
_BEFORE_SELON = re.compile(r"(?:^|[.!?]\s+|,\s*)selon\s+(?P<who>[^,«»\"]+),?\s*$", re.IGNORECASE)
_PRONOUNS = {"il", "elle", "ils", "elles"}
# Where a speaker phrase ends when no known name is in it.
_SPEAKER_END = re.compile(
    r"\s+(?:lors|dans|devant|pendant|durant|avant|après|depuis|sur|sans|en|à|au|aux|le\s+\d|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd'hui|ce\s+|cette\s+|qui|dont|"
    r"réitérant|dénonçant|ajoutant|soulignant|selon)\b|[,;:()]",
    re.IGNORECASE,
)
# The rest of the sentence: "5.000" and "M. Trump" do not end it.
_SENTENCE_TAIL = re.compile(r"^(?:[^.!?]|(?<=\d)\.(?=\d)|(?<=\bM)\.)*")


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str
    position: int  # character offset of the quote in the body


Resolver = Callable[[str, int], str]


def find_quotes(body: str, resolve: Resolver | None = None) -> list[Quote]:
    """Quotes of at least MIN_WORDS words in reading order.

    `resolve(phrase, position)` names the speaker a phrase points to: a name
    or role it knows in the phrase, or for an empty phrase (a pronoun) the last
    person named before `position`; "" when it cannot tell."""
    resolve = resolve or (lambda phrase, position: "")
    quotes, offset, last_speaker = [], 0, ""
    for paragraph in paragraphs(body):
        offset = body.find(paragraph, offset)
        previous_in_paragraph = False
        for match in _QUOTE.finditer(paragraph):
            text = " ".join((match["a"] or match["b"] or match["c"]).split())
            phrase, pronoun = _speaker_clause(paragraph[: match.start()], text, paragraph[match.end() :])
            if len(_without_incise(text).split()) < MIN_WORDS:
                continue
            position = offset + match.start()
            if pronoun:
                speaker = resolve("", position) or last_speaker
            elif phrase:
                speaker = resolve(phrase, position) or _cut(phrase)
            else:
                # A quote that goes on from the previous one, with no new speaker.
                speaker = last_speaker if previous_in_paragraph else ""
            quotes.append(Quote(_without_incise(text), speaker, position))
            previous_in_paragraph = True
            last_speaker = speaker or last_speaker
    return quotes


def _speaker_clause(before: str, quoted: str, after: str) -> tuple[str, bool]:
    """The words that name the speaker, and whether the speaker is a pronoun."""
    after = _SENTENCE_TAIL.match(after).group()
    for text in (quoted, after):  # « …, a-t-il soutenu. … » carries its own incise
        if match := _REPORTING.search(text):
            if match["pronoun"]:
                return "", True
            return match["rest"].strip(), False
    if match := _AFTER_SELON.match(after):
        return match["rest"].strip(), False
    if match := _BEFORE_SELON.search(before):
        return match["who"].strip(), False
    if match := _BEFORE_SUBJECT.search(before):
        who = match["who"].strip()
        return ("", True) if who.lower() in _PRONOUNS else (who, False)
    return "", False


def _without_incise(text: str) -> str:
    """« Nous n'entrons pas…, a-t-il soutenu. Notre travail… » without the incise."""
    if match := _REPORTING.search(text):
        return " ".join((text[: match.start()] + "…" + text[match.end() :]).split()).replace("….", "… ")
    return text


def _cut(phrase: str) -> str:
    if match := _SPEAKER_END.search(" " + phrase):
        phrase = (" " + phrase)[: match.start()]
    return " ".join(phrase.split()[:8])
