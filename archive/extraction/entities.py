"""People, places and organisations of one article, from the raw mentions a
named-entity recogniser found, made usable: titles stripped, surnames resolved
to the full name, spelling variants folded, noise dropped.

Pure: the caller runs the recogniser (archive/extraction/nlp.py) and passes its
mentions in; everything here is plain string work, tested without a model.
"""

import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .dictionary import is_french_word
from .first_names import is_first_name
from .gazetteer import place_names, town_names
from .text import ABBREVIATIONS, accents, capital_accents, fold

PERSON, PLACE, ORGANISATION = "person", "place", "organisation"
KINDS = {"PER": PERSON, "PERSON": PERSON, "LOC": PLACE, "GPE": PLACE, "ORG": ORGANISATION}

# Titles, honorifics and role words that come before a name and are not part of it.
TITLES = {
    "m",
    "mm",
    "mme",
    "mmes",
    "mlle",
    "mr",
    "mrs",
    "ms",
    "dr",
    "pr",
    "me",
    "mgr",
    "sir",
    "lord",
    "sénor",
    "señor",
    "président",
    "présidente",
    "vice-président",
    "vice-présidente",
    "général",
    "générale",
    "gén",
    "gal",
    "colonel",
    "lieutenant",
    "lieutenant-colonel",
    "capitaine",
    "commandant",
    "amiral",
    "sergent",
    "major",
    "sénateur",
    "sénatrice",
    "député",
    "députée",
    "ministre",
    "secrétaire",
    "gouverneur",
    "gouverneure",
    "maire",
    "juge",
    "procureur",
    "procureure",
    "ambassadeur",
    "ambassadrice",
    "chef",
    "cheffe",
    "directeur",
    "directrice",
    "porte-parole",
    "candidat",
    "candidate",
    "pape",
    "roi",
    "reine",
    "prince",
    "princesse",
    "shérif",
    "conseiller",
    "conseillère",
    "représentant",
    "représentante",
    "élu",
    "élue",
    "patron",
    "patronne",
    "dirigeant",
    "dirigeante",
    "ancien",
    "ancienne",
    "ex",
    "feu",
    "nouveau",
    "nouvelle",
    "futur",
    "future",
    "milliardaire",
    "magnat",
    "homologue",
    "chancelier",
    "chancelière",
    "premier",
    "première",
    "président-élu",
    "présidente-élue",
    "sous-secrétaire",
    "commissaire",
    "leader",
    "chef d'état-major",
    "speaker",
    "attorney",
    "general",
    "president",
    "vice",
    "senator",
    "governor",
    "secretary",
    "sheriff",
}
# Forms of address: stripped from names but not roles ("M." says nothing of who).
HONORIFICS = {"m", "mm", "mme", "mmes", "mlle", "mr", "mrs", "ms", "dr", "pr", "me", "mgr", "sir", "lord"}
# Department words that follow a title ("secrétaire à la Défense Jim Mattis").
_TITLE_COMPLEMENTS = {"défense", "état", "intérieur", "justice", "sécurité", "sécurité intérieure", "homeland"}
PRONOUNS = {
    "il",
    "elle",
    "ils",
    "elles",
    "on",
    "nous",
    "vous",
    "je",
    "tu",
    "lui",
    "leur",
    "eux",
    "celui",
    "celle",
    "ceux",
    "celles",
    "ce",
    "cela",
    "ça",
    "ceci",
    "moi",
    "toi",
    "soi",
}
_ARTICLES = ("le ", "la ", "les ", "l'", "l’", "du ", "des ", "de la ", "de l'", "de l’", "d'", "d’")
# Newspapers whose article is part of their name.
KEEP_ARTICLE = {
    "le monde",
    "le figaro",
    "la croix",
    "le parisien",
    "les echos",
    "le point",
    "le soir",
    "la libre belgique",
    "le temps",
    "le devoir",
    "la presse",
    "la jornada",
    "la repubblica",
    "le journal de montreal",
    "la voix du nord",
    "l'express",
    "l'obs",
    "le canard enchaine",
}
# Institutions the recogniser tends to call places. The archive's own subject (US and
# Mexican forces, agencies, ministries, cartels, NGOs, media) is the editors' list of
# known organisations (admin → Organisations connues, archive/extraction/organisations.py).
ORGANISATIONS = {
    "kremlin",
    "elysee",
    "matignon",
    "onu",
    "otan",
    "union europeenne",
    "nations unies",
    # Channels, stations and platforms, called places ("sur BFM-TV", "sur Instagram")
    # or people ("Tesla prévoyait", "a écrit sur Twitter"): they are organisations.
    "bfm tv",
    "bfmtv",
    "franceinfo",
    "france info",
    "lci",
    "cnews",
    "france inter",
    "instagram",
    "twitter",
    "facebook",
    "tiktok",
    "arte",
    "mediapart",  # a person in 165 articles of the whole corpus
    "youtube",
    "whatsapp",
    "netflix",
    "tesla",
}
# Words left by web pages and wire copy around the text.
BOILERPLATE = {
    "videos associees",
    "archive dans",
    "lire aussi",
    "publicite",
    "partager",
    "abonnez-vous",
    "newsletter",
    "copyright",
    "tous droits reserves",
    "afp-services",
    "cliquez",
    "photo",
    "credit",
    "getty images",
    "afp photo",
    "voir aussi",
    "a lire aussi",
}
_ENGLISH = {
    "the",
    "and",
    "of",
    "to",
    "our",
    "we",
    "is",
    "are",
    "with",
    "for",
    "that",
    "this",
    "i",
    "have",
    "has",
    "will",
    "be",
    "by",
    "from",
    "it",
    "today",
    "my",
    "you",
    "your",
    "on",
    "in",
    "at",
    "was",
}
_FRENCH = {
    "le",
    "la",
    "les",
    "de",
    "des",
    "du",
    "et",
    "un",
    "une",
    "est",
    "sont",
    "a",
    "que",
    "qui",
    "dans",
    "pour",
    "sur",
    "au",
    "aux",
    "en",
    "avec",
    "il",
    "elle",
    "ont",
    "par",
    "ce",
    "cette",
}
_NOISE = re.compile(r"https?:|www\.|@|#|\.com\b|\.fr\b|\d{2,}|^\W+$")
_ROLE_BEFORE = re.compile(
    r"(?:^|[\s,(])(?:[Ll]e|[Ll]a|[Ll]'|[Ll]’)\s*(?P<role>(?:[a-zà-öø-ÿ'’-]+\s+){0,4}?[a-zà-öø-ÿ'’-]+)\s*,?\s*$"
)
# Capitalised common nouns the recogniser takes for names.
GENERIC = {
    "etat",
    "etats",
    "executif",
    "gouvernement",
    "administration",
    "president",
    "presidente",
    "nord",
    "sud",
    "est",
    "ouest",
    "frontiere",
    "republique",
    "nation",
    "pays",
    "ville",
    "region",
    "armee",
    "police",
    "justice",
    "defense",
    "securite",
    "ministere",
    "parlement",
    "capitale",
    "monde",
}
# Capitalised words that name no person, place or organisation, though the recogniser
# tags them as one (seen on Le Monde 2022). Folded keys, matched whole: "Cour suprême",
# "Delta du Mékong" or "Tova Noel" are kept.
# Diseases, variants, tests and masks: "Omicron" came out as Le Monde's second person.
# "Delta" the airline goes with the variant, rarer in the press.
HEALTH_TERMS = {
    "covid",
    "covid 19",
    "coronavirus",  # a person in 303 articles of the whole corpus
    "coronavirus covid 19",
    "sars cov 2",
    "omicron",
    "delta",
    "sars",
    "pcr",
    "ffp2",
    "arn",
    "arnm",
    "ebola",
    "sida",
    "vih",
}
# Words that open a sentence ("Difficile, dans ces conditions…"), address someone
# ("Monsieur ?") or label a section of the page ("Tribune.", "Lire aussi", "L'AVIS DU MONDE").
SENTENCE_OPENERS = {
    "retrouvez",
    "retrouver",
    "difficile",
    "impossible",
    "monsieur",
    "madame",
    "lire",
    "ecouter",
    "voir",
    "avis",
    "tribune",
    "serie",
    "editorial",
    "chronique",
    "entretien",
    "enquete",
    "recit",
    "critique",
    "critiques",
    "analyse",
    "portrait",
    "reportage",
    "podcast",
    "video",
    "decryptage",
    "temoignage",
}
# Number words opening a sentence ("Douze candidats ont récolté…").
NUMBER_WORDS = {
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "vingt",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
    "cent",
    "mille",
}
# Holidays: dates, not places or organisations. "Saint-Sylvestre" the village is lost.
# One word alone may be a person's name ("MM. Noel", Toussaint Louverture): kept as one.
HOLIDAYS = {
    "nouvel an",
    "jour de l'an",
    "saint sylvestre",
    "reveillon",
    "noel",
    "pere noel",
    "paques",
    "toussaint",
    "pentecote",
    "ramadan",
    "hanoucca",
    "halloween",
    "thanksgiving",
}
# An institution's first word standing alone ("la Commission", "l'Autorité"): which
# commission the article means is not in the name, and a lone word would merge every
# council of the archive into one. With its complement ("Cour des comptes") it stays.
LONE_INSTITUTION_WORDS = {
    "conseil",
    "commission",
    "cour",
    "autorite",
    "chambre",
    "tribunal",
    "agence",
    "assemblee",
    "constitution",
}
# The first word of an institution's name: a span it opens is an organisation, whatever
# the recogniser says (« Cour de cassation » and « Santé publique France » as places,
# « Amaury Sport Organisation » as a person). Folded keys.
INSTITUTION_HEADS = LONE_INSTITUTION_WORDS - {"constitution"} | {
    "institut",
    "office",
    "organisation",
    "federation",
    "confederation",
    "ligue",
    "parti",
    "banque",
    "societe",
    "compagnie",
    "universite",
    "ecole",
    "comite",
    "fondation",
    "association",
    "syndicat",
    "ministere",
    "secretariat",
    "observatoire",
    "haut conseil",
    "caisse",
}
# The last word of an organisation's name: « Amaury Sport Organisation », « Amnesty
# International »; a place ending in « France » is a French agency (« Santé publique
# France », « Radio France »), not a person (« Anatole France »).
INSTITUTION_TAILS = {"organisation", "organization", "association", "international", "group", "corporation", "company"}
# The first word of a thing's name: « Affaire Theranos », « Opération Lone Star ».
THING_HEADS = {"affaire", "operation", "plan", "loi", "projet", "programme", "primaire", "prix", "coupe", "festival"}
# "XXe", "XIXe siècle", "IIIe s.": centuries. Upper-case numerals and a lower-case
# ending, matched on the name: the folded key would take "Vice" and "Lille" for numerals.
_CENTURY = re.compile(r"^[IVXLC]+(?:e|ème|eme|er)(?:\s+(?:si[eè]cles?|s\.?))?$")
# A section label glued to the next sentence by the page layout: "EnquêtePour", "RécitRetrouvez".
_GLUED_LABEL = re.compile(
    r"^(?:Enquête|Récit|Tribune|Chronique|Entretien|Analyse|Portrait|Critique|Éditorial|Editorial|Reportage|Série)"
    r"[A-ZÀ-ÖØ-Þ]"
)

_CALENDAR = {
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
}
# "Américains", "Mexicaines": inhabitants, not places.
_DEMONYM = re.compile(r"(?:ain|aine|ien|ienne|ais|aise|ois|oise|éen|éenne)s?$", re.IGNORECASE)
# A nationality before a name (« l'Espagnol Rafael Nadal »): demonyms and a few more endings.
_HYPHENATED_INHABITANTS = re.compile(r"^\S+-\S*(?:ains|aines|iens|iennes|ais|aises|ois|oises|éens|éennes)$", re.I)
_NATIONALITY = re.compile(r"(?:ain|aine|ien|ienne|ais|aise|ois|oise|éen|éenne|ol|ole|and|ande)$", re.IGNORECASE)
# A short line crediting the article ("Le Monde avec AFP", "(AFP)"): not the text's own entities.
_CREDIT_LINE = re.compile(r"^.{0,40}\b(?:avec|\(|©)\s*(?:l['’])?(?:AFP|Reuters|AP|Belga)\b.{0,20}$", re.MULTILINE)
_TRAILING_PARTICLES = {"de", "du", "des", "d'", "l'", "la", "le", "les", "et", "à", "au", "aux"}


# Characters that change how a name is written, not which name it is: soft hyphens
# (U+00AD, left by justified web text) and zero-width marks vanish, curly and modifier
# apostrophes are straight, dashes inside a word ("Al–Qaida") are hyphens.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_WORD_DASH = re.compile(r"(?<=\w)[‐‑‒–—−](?=\w)")
# Where a span the recogniser ran too far must be cut: a line break, the end of a
# sentence, a dash or colon standing between words ("Paris – Le président").
_SPAN_BREAK = re.compile(
    r"\n|[.!?…]+(?=[»”\"')]*\s)|\s[-‐‑‒–—:;|•]+\s"
    # A subheading glued to the next sentence by the page's extraction (« une enquête
    # ouverte en FranceEn France, une enquête… »): a lower-case letter, then a capitalised
    # word that opens French sentences, not names (« DeSantis », « LeBron » go on).
    r"|(?<=[a-zà-ÿ])(?=(?:En|La|Le|Les|Un|Une|Des|Dans|Selon|Pour|Au|Aux|Il|Elle|Ils|Elles|Ce|Cette"
    r"|Ces|Sur|Par|Avec|Mais|Et|De|Du|Depuis|Après|Avant|Lors|Alors|Si|Quand)(?![\w'’])|[LD]['’](?=\w))"
)
_ELIDED_END = re.compile(r"(?<=\S)\s+[^\W\d_]+['’ʼ]\W*$")


def plain_spelling(name: str) -> str:
    """`name` with one apostrophe, one hyphen and one space whatever the typography:
    "Hauts-\u00adde-Seine" is "Hauts-de-Seine", "Jean\u202fCastex" is "Jean Castex"."""
    name = _INVISIBLE.sub("", name).translate(_APOSTROPHES)
    return " ".join(_WORD_DASH.sub("-", name).split())


def name_span(text: str, start: int) -> tuple[str, int] | None:
    """The part of a recognised span (`text`, at offset `start`) that can be a name, and
    its offset; None when nothing is left. The recogniser runs spans across lines and
    sentences ("Donald Trump\nTant", "Al-Qaida\nCet été") and takes in the dash or
    quote beside a name ("Emmanuel Macron –", "S'"): the span is cut at the first
    boundary, its first piece with letters kept, and punctuation trimmed off both ends.
    Initials and abbreviations ("J. Biden", "M. Dunford", "U.S. Army") are no boundary."""
    cuts = [0]
    for match in _SPAN_BREAK.finditer(text):
        word = text[: match.start()].split()[-1:] or [""]
        if match[0].startswith(".") and ("." in word[0] or len(word[0]) < 2 or word[0].lower() in ABBREVIATIONS):
            continue
        cuts += [match.start(), match.end()]
    cuts.append(len(text))
    for begin, end in zip(cuts[::2], cuts[1::2], strict=True):
        piece = text[begin:end]
        # An elided word at the end ("Mexique jusqu'", "Donald Trump n'") is the next
        # clause's, whole: trimming only its apostrophe would leave "Donald Trump n".
        piece = _ELIDED_END.sub("", piece)
        name = _trim_edges(piece)
        if plain_spelling(name):
            return plain_spelling(name), start + begin + piece.index(name)
    return None


def _trim_edges(text: str) -> str:
    """`text` without the punctuation, dashes, quotes and spaces at its ends. "@" and
    "#" stay: they mark handles and hashtags, which is_noise drops whole. So does a
    "+" that ends a brand ("Canal+", "OPEP+")."""
    first = next((i for i, c in enumerate(text) if c.isalnum() or c in "@#"), len(text))
    last = next((i for i in range(len(text) - 1, -1, -1) if text[i].isalnum()), -1)
    while last + 1 < len(text) and text[last + 1] == "+":
        last += 1
    return text[first : last + 1]


@dataclass(frozen=True)
class RawMention:
    """A span the recogniser labelled: its text, label (PER, LOC, ORG…) and offset."""

    text: str
    label: str
    start: int


@dataclass
class FoundEntity:
    kind: str
    name: str
    key: str
    count: int = 0
    first_position: int = 0
    aliases: set[str] = field(default_factory=set)  # other spellings worth remembering
    roles: set[str] = field(default_factory=set)  # "président américain", "général"
    surnames: set[str] = field(default_factory=set)  # "Dunford", resolved in this article only
    positions: list[int] = field(default_factory=list)
    canonical: bool = False  # named by the editors' list (archive/extraction/organisations.py): the entity takes it


def entity_key(name: str) -> str:
    """What two spellings of one entity share: "Etats-Unis" and "États-Unis",
    "Le Pentagone" and "Pentagone"."""
    key = fold(plain_spelling(name)).lower()
    key = re.sub(r"[-‐‑‒–—−_.]", " ", key)
    key = re.sub(r"[^\w' ]", "", key)
    key = " ".join(key.split())
    for article in _ARTICLES:
        if key.startswith(article.replace("’", "'")) and key not in KEEP_ARTICLE:
            key = key[len(article) :].strip()
            break
    return key


def clean_name(text: str, kind: str) -> tuple[str, str]:
    """The name without what surrounds it in running text, and the stripped
    role ("président américain") for a person."""
    name = plain_spelling(text).strip(' ,;:.!?«»"“”()[]')
    name = re.sub(r"'s$", "", name)
    words = name.split()
    while len(words) > 1 and (words[-1].lower() in _TRAILING_PARTICLES or words[-1].lower().endswith("'")):
        words.pop()  # "Assemblée parlementaire de l'" cut short by the recogniser
    name = _trim_edges(" ".join(words))
    # « L'Australie » the recogniser called a person becomes a place once the gazetteer
    # knows it: the elided article goes whatever the kind.
    if entity_key(name) not in KEEP_ARTICLE:
        # « L'omerta » loses it too, and is then the common noun it is (is_noise).
        name = re.sub(r"^[LlDd]'(?=\w)", "", name)
    role_words = []
    if kind == PERSON:
        words = name.split()
        while len(words) > 1 and (
            _is_title(words[0]) or words[0][:1].islower() or words[0].lower() in ("le", "la", "les", "l'")
        ):
            role_words.append(words.pop(0))
        while len(words) > 1 and words[0].lower() in _TITLE_COMPLEMENTS and words[1][:1].isupper():
            role_words.append(words.pop(0))
        name = " ".join(words)
        if _is_title(name):
            return "", " ".join(role_words + [name]).lower()
    else:
        lowered = name.lower()
        for article in _ARTICLES:
            if lowered.startswith(article) and entity_key(name) not in KEEP_ARTICLE:
                name = name[len(article) :].strip()
                break
    role = " ".join(
        w.lower()
        for w in role_words
        if w.lower() not in ("le", "la", "les", "l'") and w.lower().rstrip(".") not in HONORIFICS
    )
    return name, role


def _is_title(word: str) -> bool:
    return word.lower().rstrip(".") in TITLES


def is_noise(name: str, kind: str, context: str = "") -> bool:
    key = entity_key(name)
    if not key or len(key) < 2 or key in PRONOUNS or key in BOILERPLATE or key in GENERIC:
        return True
    # Runaway spans; institutions run to ten words (« Communauté économique des Etats de l'Afrique de l'Ouest »).
    if len(name) > 80 or len(name.split()) > 10 or _NOISE.search(name):
        return True
    if not name[:1].isupper() and not name[:1].isdigit():
        return True  # "caravane", "l'armée": common nouns the recogniser picked up
    words = name.replace(".", " ").split()
    if all(len(w) == 1 for w in words):
        return True  # lone initials: "J.", "M"
    if kind == PERSON and len(words) == 1 and words[0].isupper() and len(words[0]) <= 3:
        return True
    return is_non_entity(name, kind) or _is_english(context)


def is_non_entity(name: str, kind: str = "") -> bool:
    """A capitalised word or phrase that names no one and nowhere: a disease or variant,
    a sentence opener or section label, a number word, a holiday, a century, an
    institution's first word alone. Whole names only: "Conseil de sécurité" is kept."""
    key = entity_key(name)
    words = key.split()
    if key in HEALTH_TERMS or (len(words) == 2 and words[0] == "variant" and words[1] in HEALTH_TERMS):
        return True
    if key in SENTENCE_OPENERS or key in NUMBER_WORDS or key in LONE_INSTITUTION_WORDS:
        return True
    if key in HOLIDAYS and (kind != PERSON or len(words) > 1):
        return True
    spaced = re.split(r"[\s‐‑-]+", plain_spelling(name))  # « Etats-clés », not « Etats-Unis »
    if words[0] in ("etat", "etats") and len(spaced) > 1 and all(w[:1].islower() for w in spaced[1:]):
        return True  # the common noun: « l'État fédéral », « les États du sud »; states are « État de Mexico »
    return bool(_CENTURY.match(name) or _GLUED_LABEL.match(name) or _CODE.match(name))


_CODE = re.compile(r"[A-Z]-?\d+[A-Z]?$")  # visas and forms: « H-1B », « H-4 »


def _is_english(context: str) -> bool:
    words = re.findall(r"[a-zà-öø-ÿ']+", context.lower())
    english = sum(w in _ENGLISH for w in words)
    return english >= 3 and english > 2 * sum(w in _FRENCH for w in words)


def _is_common_word(name: str, kind: str, lowercase_words: set[str]) -> bool:
    """A single capitalised word the text also writes in lower case ("Crise" opening a
    sentence, "crise" elsewhere), a weekday or month, or an inhabitant's name."""
    if kind == PLACE and _HYPHENATED_INHABITANTS.search(name) and not is_known_place(entity_key(name)):
        return True  # « New-Yorkais », « Latino-Américains »
    if " " in name or "-" in name:
        return False
    # « Ukraine » ends as « Américaine » does: a place the gazetteer knows is no inhabitant.
    if entity_key(name) in _CALENDAR or (
        kind == PLACE and _DEMONYM.search(name) and not is_known_place(entity_key(name))
    ):
        return True
    return name.lower() in lowercase_words


def group_mentions(mentions: list[RawMention], text: str) -> list[FoundEntity]:
    """One FoundEntity per distinct entity of the article, in order of first mention."""
    groups: dict[tuple[str, str], FoundEntity] = {}
    spellings: dict[tuple[str, str], Counter] = defaultdict(Counter)
    credits = [m.span() for m in _CREDIT_LINE.finditer(text)]
    lowercase_words = set(re.findall(r"(?<![\w'’])[a-zà-öø-ÿ]\w*", text))
    things, quoted = set(), named_things(text)
    quotations = quoted_names(text)
    repaired = _split_place_pairs(map(lambda m: _to_word_end(m, text), mentions))
    for mention in _repaired_by_words(list(repaired), text):
        kind = KINDS.get(mention.label)
        span = name_span(mention.text, mention.start)
        if not kind or not span:
            continue
        mention = RawMention(span[0], mention.label, span[1])
        if any(a <= mention.start < b for a, b in credits):
            continue
        name, role = clean_name(mention.text, kind)
        if kind == PERSON:
            name, mention = _without_leading_name(name, mention)
        context = text[max(0, mention.start - 100) : mention.start + len(mention.text) + 100]
        if not name or is_noise(name, kind, context) or _is_common_word(name, kind, lowercase_words):
            continue
        at = text.find(name, mention.start)  # the name itself, after any title (« le général Dunford »)
        if _is_thing(name, text[max(0, at - 8) : at] if at >= 0 else ""):
            # « ressortir le Kärcher »: no one, wherever the article names it (places and
            # organisations take determiners: only the people of that name go).
            things.add(entity_key(name))
        key = entity_key(name)
        if key in quotations and _may_be_a_title(name, kind):
            quoted.add(key)
        if name.isupper() and re.search(r"[»”\"]\s*\($", text[max(0, mention.start - 4) : mention.start]):
            quoted.add(key)  # « Protocoles de protection des migrants » (PPM): a title's acronym
        if key in ORGANISATIONS:
            kind = ORGANISATION
        elif kind != PLACE and is_known_place(key) and not _names_a_person(key, mentions):
            kind = PLACE
        elif kind == ORGANISATION and _is_town(name):
            kind = PLACE  # « Uruapan », which the recogniser takes for a company
        group = groups.setdefault((kind, key), FoundEntity(kind, name, key, first_position=mention.start))
        group.count += 1
        group.positions.append(mention.start)
        spellings[(kind, key)][name] += 1
        if kind == PERSON:
            before = _ROLE_BEFORE.search(text[max(0, mention.start - 60) : mention.start])
            for found in (role, before["role"].lower() if before else ""):
                if found and any(_is_title(w) and w.rstrip(".") not in HONORIFICS for w in found.split()):
                    group.roles.add(found)
    groups = {
        (kind, key): group
        for (kind, key), group in groups.items()
        if (kind != PERSON or key not in things) and key not in quoted
    }
    for (kind, key), group in groups.items():
        group.name = _best_spelling(spellings[(kind, key)])
        group.aliases = set(spellings[(kind, key)]) - {group.name}
    merged = _merge_surnames(list(groups.values()))
    merged = _merge_across_kinds(merged)
    merged = _merge_acronyms(merged, text)
    return sorted((e for e in merged if not _is_word_alone(e)), key=lambda e: e.first_position)


# A short quotation on one line: « Narcos : Mexico », "Daca", "Keep America great".
# A straight quote opens after no letter and closes before no lower-case letter, so
# that the end of one quotation and the start of the next are no quotation.
_QUOTATION = re.compile(
    r"«\s*(?P<angled>[^«»\n]{2,60}?)\s*»|“\s*(?P<curly>[^“”\n]{2,60}?)\s*”"
    r"|(?<!\w)\"(?=\S)(?P<straight>[^\"\n]{2,60}?)(?<=\S)\"(?![a-zà-ÿ])"
)


def quoted_names(text: str) -> set[str]:
    """The keys of what `text` puts in quotes whole, and of a title's part before its
    colon (« Narcos » of « Narcos : Mexico »); not nicknames (alias « Rigoberto »)."""
    keys = set()
    for match in _QUOTATION.finditer(text):
        if re.search(r"\b(?:alias|dite?|surnommée?|appelée?)\s*$", text[max(0, match.start() - 20) : match.start()]):
            continue
        quoted = match["angled"] or match["curly"] or match["straight"]
        keys |= {entity_key(quoted), entity_key(quoted.split(":")[0])}
    return keys - {""}


def _may_be_a_title(name: str, kind: str) -> bool:
    """Whether a name in quotes may be a title, a slogan or a programme's name (« Sister
    Morphine », « Narcos », « Sunshine State », « Dreamers ») rather than a name: not a
    known place or organisation, not a first name and a surname, no acronym; an
    organisation only when it holds a lower-case word (« Ingérence inexplicable ») or
    an English slogan's word (« Keep America Great »), since newspapers' titles go in
    quotes too (« Proceso »)."""
    key = entity_key(name)
    if is_known_place(key) or key in ORGANISATIONS or opens_with_first_name(name) or name.isupper():
        return False  # an acronym in quotes is a nickname (« AMLO ») or an organisation
    if kind == ORGANISATION:
        words = name.split()
        return any(w[:1].islower() and w.lower() not in _NAME_PARTICLES | _TRAILING_PARTICLES for w in words) or any(
            w.lower() in _english_slogan_words() for w in words
        )
    return True


# Words of organisations' English names (« The Washington Post », « Bank of America »),
# which the slogans test leaves out of spaCy's English stop words.
_ENGLISH_NAME_WORDS = {"the", "of", "and", "for", "in", "on", "at", "to", "a", "an", "by", "with", "from", "first"}


@functools.cache
def _english_slogan_words() -> frozenset[str]:
    """English function words that slogans have and names do not: « Make America
    Great Again », « Keep America Great », « Yes We Can » (spaCy's list, on first use)."""
    from spacy.lang.en.stop_words import STOP_WORDS  # noqa: PLC0415 - web workers import no spaCy

    return frozenset(STOP_WORDS - _ENGLISH_NAME_WORDS)


def _is_thing(name: str, before: str) -> bool:
    """A one-word « person » that is a thing: French words joined by a hyphen
    (« Racontez-nous », a newsletter's call), or a word after a determiner or a
    possessive (« ressortir le Kärcher », « L’omerta », « son Scarface »): people are
    not « le X »."""
    if " " in name:
        return False
    parts = re.split(r"[-‐‑]", name)
    words = [p for p in parts if p.lower() not in _PRONOUNS_AFTER_VERB]
    if len(parts) > 1 and words and not is_known_place(entity_key(name)) and all(is_french_word(w) for w in words):
        return True
    # « L’omerta règne », « son Scarface », « cette Bourse »: a determiner, a possessive.
    return bool(
        re.search(
            r"(?:^|\s)(?:(?:le|la|les|au|aux|du|un|une|son|sa|ses|leur|leurs|ce|cet|cette|ces)\s+[«“\"]?\s*|[Ll]['’])$",
            before,
        )
    )


_PRONOUNS_AFTER_VERB = {"nous", "vous", "moi", "toi", "le", "la", "les", "lui", "leur", "en", "y"}


def _to_word_end(mention: RawMention, text: str) -> RawMention:
    """The recogniser stops some spans at a hyphen inside a word: « Kim Jong » of
    « Kim Jong-un »; the name goes on to the end of the word."""
    end = mention.start + len(mention.text)
    rest = _HYPHENATED_END.match(text, end)
    if not rest or not text.startswith(mention.text, mention.start):
        return mention
    return RawMention(mention.text + rest[0], mention.label, mention.start)


_HYPHENATED_END = re.compile(r"(?:[-‐‑]\w+)+")


def _split_place_pairs(mentions):
    """« Mexique-USA », « Mexique Russie »: two known places the recogniser took as
    one span (a match, a relationship, a route) are two places."""
    for mention in mentions:
        parts = re.split(r"\s*[-‐‑–/]\s*|\s+", mention.text.strip())
        if (
            KINDS.get(mention.label) == PLACE
            and len(parts) == 2
            and not is_known_place(entity_key(mention.text))
            and all(len(part) > 1 and is_known_place(entity_key(part)) for part in parts)
        ):
            second = mention.text.rindex(parts[1])
            yield RawMention(parts[0], mention.label, mention.start + mention.text.index(parts[0]))
            yield RawMention(parts[1], mention.label, mention.start + second)
        else:
            yield mention


# A noun that says what the capitalised name after it is, with up to two adjectives
# between: « la chaîne KYMA News », « le site d'information Noticias Web »,
# « l'association TechNet », « sa page Facebook », « de marque autrichienne Glock ».
_ORGANISATION_CUE = re.compile(
    r"(?:(?<![\w'’])(?:[Ll]a|[Ll]e|[Ll]['’]|[Dd]u|[Aa]u|[Ss]a|[Ss]on|[Ll]eur)\s*"
    r"(?:chaîne|radio|télévision|quotidien|journal|hebdomadaire|mensuel|magazine|revue|site|portail|média|page|compte"
    r"|agence|ONG|association|collectif|organisation|entreprise|société|groupe|compagnie|firme|marque"
    r"|brasserie|club|parti|syndicat|banque|cabinet|institut|think tank|laboratoire|constructeur|fabricant)"
    r"|\bde marque)"
    r"(?:\s+(?:d['’]information|d['’]infos|d['’]investigation|en ligne|internet|web|de plage|de télévision"
    r"|de presse|locale?|publique?|privée?|indépendante?|humanitaire|spécialisée?|criminelle?|conservat(?:eur|rice)"
    r"|[a-zà-ÿ-]+(?:ain|aine|ien|ienne|ais|aise|ois|oise|éen|éenne|ol|ole|and|ande)s?)){0,2}"
    r"\s+[«“\"]?\s*(?P<name>[A-ZÀ-Ý][\w'’&.+-]*(?:\s+(?:(?:de|du|des|of|the|y|&)\s+)?[A-ZÀ-Ý0-9][\w'’&.+-]*){0,4})"
)


# A noun that says the name after it is a thing, not a person, place or organisation:
# « la tempête Amanda », « le logiciel espion Pegasus », « la série Narcos ».
_THING_CUE = re.compile(
    r"(?<!\w)(?:tempête|ouragan|cyclone|typhon|logiciel|application|appli|série|film|documentaire|album|chanson"
    r"|roman|livre|émission|opération|programme|dispositif|vaccin|variant|virus|navire|porte-avions|fusil|missile)"
    r"(?:\s+(?P<adjective>[a-zà-ÿ-]+))?\s+[«“\"]?\s*(?P<name>[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý0-9][\w'’-]*){0,3})",
)


def named_things(text: str) -> set[str]:
    """The keys of the names `_THING_CUE` calls things in `text`."""
    return {
        entity_key(match["name"])
        for match in _THING_CUE.finditer(text)
        if not match["adjective"] or match["adjective"] not in _stop_words()
    } - {""}


# A noun that says the name after it is a place: « le village de Potrero Cubias ».
_PLACE_CUE = re.compile(
    r"(?<!\w)(?:village|ville|localité|municipalité|commune|bourgade|hameau|quartier|faubourg|île|archipel"
    r"|province|région|comté|département)\s+(?:de\s+|d['’])"
    r"(?P<name>[A-ZÀ-Ý][\w'’-]*(?:\s+(?:(?:de|del|de la|du|des|las|los|el|la)\s+)?[A-ZÀ-Ý][\w'’-]*){0,3})"
)

# A country's embassy or consulate is an organisation: « l'ambassade de France au Mexique ».
_MISSION = re.compile(
    r"(?<!\w)(?:[Aa]mbassade|[Cc]onsulat)(?:\s+général)?\s+(?:de\s+la\s+|de\s+l['’]|des\s+|du\s+|de\s+|d['’])"
    r"(?P<place>[A-ZÀ-Ý][\w'’]*(?:[\s-][A-ZÀ-Ý][\w'’]*)*)"
)


@functools.cache
def _stop_words() -> frozenset[str]:
    # spaCy's French list; imported on first use, so that web workers import no spaCy.
    from spacy.lang.fr.stop_words import STOP_WORDS  # noqa: PLC0415

    return frozenset(STOP_WORDS)


def with_cued_names(mentions: list[RawMention], text: str) -> list[RawMention]:
    """The recogniser's mentions, with the names a noun says are organisations
    (`_ORGANISATION_CUE`) or places (`_PLACE_CUE`), and a country's embassies
    (`_MISSION`), taken as the noun says: the spans it missed added, those it gave
    another label or other edges replaced."""
    cued = []
    for match in _ORGANISATION_CUE.finditer(text):
        name = re.sub(r"[.’'\s]+$", "", match["name"])
        # « l'ONG Gun violence archives »: a name that goes on in lower case is not whole.
        goes_on = re.match(r"\s+([a-zà-ÿ]+)\b", text[match.start("name") + len(name) :])
        if goes_on and goes_on[1] not in _stop_words():
            continue
        if entity_key(name) and not is_known_place(entity_key(name)):
            cued.append(RawMention(name, "ORG", match.start("name")))
    for match in _PLACE_CUE.finditer(text):
        cued.append(RawMention(match["name"], "LOC", match.start("name")))
    for match in _MISSION.finditer(text):
        if is_known_place(entity_key(match["place"])):
            # Named with a capital, as an institution (« Ambassade de France »): the
            # lower-case word opening a span is otherwise a common noun (is_noise).
            cued.append(RawMention(match[0][0].upper() + match[0][1:], "ORG", match.start()))
    if not cued:
        return list(mentions)
    spans = [(c.start, c.start + len(c.text)) for c in cued]
    kept = [m for m in mentions if not any(m.start < b and a < m.start + len(m.text) for a, b in spans)]
    return sorted(kept + cued, key=lambda m: m.start)


def _repaired_by_words(mentions: list[RawMention], text: str) -> list[RawMention]:
    """The recogniser's spans as their own words say (`_relabelled`), and a name cut
    at its particle (« Romain Le » + « Cour Grandmaison ») joined again."""
    mentions = sorted(mentions, key=lambda m: m.start)
    kept, skip = [], False
    for mention, following in zip(mentions, [*mentions[1:], None], strict=False):
        if skip:
            skip = False
            continue
        words = mention.text.split()
        if (
            following is not None
            and KINDS.get(mention.label) == PERSON
            and len(words) >= 2
            and words[-1][:1].isupper()
            and words[-1].lower() in _NAME_PARTICLES
            and text[mention.start + len(mention.text) : following.start] == " "
        ):
            kept.append(RawMention(f"{mention.text} {following.text}", "PER", mention.start))
            skip = True
            continue
        kept.extend(_relabelled(mention, text))
    return kept


_NAME_PARTICLES = {"de", "del", "della", "der", "di", "da", "do", "dos", "du", "la", "le", "van", "von", "y"}
# Saints' names open places (« San Isidro », « Santa Rosa de Lima »), not people.
_PLACE_OPENERS = {"san", "santa", "santo", "sao", "saint", "sainte", "st", "ste"}


def _relabelled(mention: RawMention, text: str) -> list[RawMention]:
    """The span as its words say, whatever the recogniser's label: none when a
    thing's word opens it (« Affaire Theranos »); an organisation when an
    institution's word opens or ends it (« Cour de cassation »); a person when a
    common first name opens it (« Joe Biden » taken for a place, « Andres Manuel
    Lopez Obrador » for an organisation); a place or organisation and the person run
    into it, split (« El Paso Greg Allen », « à Fresnillo Juan Carlos Muniz »)."""
    kind = KINDS.get(mention.label)
    if kind is None:
        return [mention]
    words = mention.text.split()
    head = entity_key(words[0]) if len(words) > 1 else ""
    if head in THING_HEADS:
        return []
    tail = entity_key(words[-1]) if len(words) > 1 else ""
    if head in INSTITUTION_HEADS or tail in INSTITUTION_TAILS or (tail == "france" and kind == PLACE):
        return [RawMention(mention.text, "ORG", mention.start)]
    # Organisations are named after people more often than places are (« Marine Corps »,
    # « Fondation Bill Gates »): there the first name must be no French word either.
    if kind != PERSON and opens_with_first_name(mention.text, strict=kind == ORGANISATION):
        return [RawMention(mention.text, "PER", mention.start)]
    words = mention.text.split()
    after_a = re.search(r"(?:^|\s)(?:à|au|aux)\s+$", text[max(0, mention.start - 5) : mention.start])
    splits = [(" ".join(words[:size]), size) for size in (1, 2, 3) if len(words) - size >= 2]
    splits = [(head, size) for head, size in splits if opens_with_first_name(" ".join(words[size:]))]
    if not splits or is_first_name(words[0]):
        return [mention]
    # A head the lists know first (« Maison Blanche », not « Maison » + « Blanche Joe Biden »),
    # else the shortest, for a place or after « à » (« à Fresnillo Juan Carlos Muniz »).
    known = [(h, n) for h, n in splits if is_known_place(entity_key(h)) or entity_key(h) in ORGANISATIONS]
    if known:
        head, size = known[0]
    elif kind == PLACE or (after_a and kind == PERSON):
        head, size = splits[0]
    else:
        return [mention]
    label = "ORG" if entity_key(head) in ORGANISATIONS else "LOC"
    at = mention.text.index(words[size], len(head))
    return [RawMention(head, label, mention.start), RawMention(" ".join(words[size:]), "PER", mention.start + at)]


def _may_be_surname(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() and (is_first_name(word) or not is_french_word(word))


def opens_with_first_name(name: str, strict: bool = False) -> bool:
    """Whether `name` is a first name and a surname: two to five capitalised words (or
    name particles), the first a common first name (archive.extraction.first_names)
    that opens no place, the rest no French words, the whole no known place. `strict`:
    the first name no French word either (« Marine »)."""
    words = name.split()
    if not 2 <= len(words) <= 5:
        return False
    first = words[0]
    if (
        not is_first_name(first)
        or fold(first).lower() in _PLACE_OPENERS | _NAME_PARTICLES
        or is_known_place(entity_key(first))
        or (strict and is_french_word(first))
    ):
        return False
    # The rest is names: « Marine Corps » or « Rose Garden » are no one.
    if not all(w.lower() in _NAME_PARTICLES or _may_be_surname(w) for w in words[1:]):
        return False
    key = entity_key(name)
    return not is_known_place(key) and key not in ORGANISATIONS


def _without_leading_name(name: str, mention: RawMention) -> tuple[str, RawMention]:
    """ "Twitter Christina Pushaw", "El Paso Greg Allen", "Maison Blanche Joe Biden":
    the recogniser ran a person's span back over the place or organisation before
    it ("sur Twitter Christina Pushaw"); the person is the name that follows."""
    words = name.split()
    if (
        len(words) >= 3
        and _NATIONALITY.search(words[0])
        and is_french_word(words[0])
        and words[1].lower() not in _NAME_PARTICLES  # « Romain Le Cour Grandmaison » is one name
    ):
        # « l'Espagnol Rafael Nadal », « Algérien Adel Haddadi »: the nationality is no name.
        rest = " ".join(words[1:])
        return rest, RawMention(rest, mention.label, mention.start + mention.text.find(words[1]))
    for size in (1, 2):
        head = entity_key(" ".join(words[:size]))
        if len(words) - size >= 2 and (head in ORGANISATIONS or is_known_place(head)):
            rest = " ".join(words[size:])
            return rest, RawMention(rest, mention.label, mention.start + mention.text.find(words[size]))
    return name, mention


def _is_word_alone(entity: FoundEntity) -> bool:
    """A one-word name that is a French common word (« Bilan », « Garder »,
    « Fondation »), when nothing else makes it a name: no other spelling in the
    article, not a known organisation, not a town."""
    # Another spelling of the same word (« Economie », « Économie ») makes no name of it.
    other_names = any(entity_key(alias) != entity.key for alias in entity.aliases)
    if " " in entity.name or "-" in entity.name or other_names or entity.surnames:
        return False
    if entity.key in ORGANISATIONS or entity.key in _town_keys():
        return False
    return is_french_word(entity.name)


def _is_town(name: str) -> bool:
    """A one-word name that is a town of 15,000 people or more and no French word."""
    return " " not in name and entity_key(name) in _town_keys() and not is_french_word(name)


@functools.cache
def _town_keys() -> frozenset[str]:
    return frozenset(filter(None, map(entity_key, town_names())))


@functools.cache
def _place_keys() -> frozenset[str]:
    return frozenset(filter(None, map(entity_key, place_names())))


def is_known_place(key: str) -> bool:
    """Whether the folded name `key` is a country, a state of the Americas or a large
    city (archive.extraction.gazetteer)."""
    return key in _place_keys()


def _names_a_person(key: str, mentions: list[RawMention]) -> bool:
    """Whether a person the article names has `key` as first name or surname: its
    « Charlotte » or « Houston » alone is that person, not the city."""
    return any(is_name_fragment(key, entity_key(m.text)) for m in mentions if KINDS.get(m.label) == PERSON)


def _best_spelling(spellings: Counter) -> str:
    """Accents on capitals first ("États-Unis" over "Etats-Unis"), then the most
    frequent, then the more accented ("Mali" written five times beats one "Mâli")."""
    return max(spellings, key=lambda s: (capital_accents(s) > 0, spellings[s], accents(s), len(s)))


def absorb(target: FoundEntity, other: FoundEntity, keep_alias=True):
    target.count += other.count
    target.first_position = min(target.first_position, other.first_position)
    target.roles |= other.roles
    target.positions = sorted(target.positions + other.positions)
    if keep_alias:
        target.aliases |= other.aliases | {other.name}
    else:
        target.surnames |= {other.name} | other.aliases
    target.aliases.discard(target.name)


def _merge_surnames(entities: list[FoundEntity]) -> list[FoundEntity]:
    """ "Dunford" and "M. Dunford" become Joseph Dunford when the article names one
    person with that surname; "Lopez Obrador" becomes Andres Manuel Lopez Obrador and
    "Kamala" Kamala Harris the same way: a person whose name is the end (or, for one
    word, the first name) of exactly one fuller name of the article is that person."""
    people = [e for e in entities if e.kind == PERSON and len(e.name.split()) > 1]
    kept = []
    for entity in entities:
        if entity.kind == PERSON:
            owners = [p for p in people if p is not entity and is_name_fragment(entity.key, p.key)]
            if len(owners) == 1:
                absorb(owners[0], entity, keep_alias=False)
                continue
        kept.append(entity)
    return kept


def is_name_fragment(fragment: str, full: str) -> bool:
    """Whether the (folded) name `fragment` is the surname part of `full` ("trump",
    "lopez obrador" of "andres manuel lopez obrador") or, alone, its first name."""
    words, whole = fragment.split(), full.split()
    if not words or len(words) >= len(whole):
        return False
    return whole[-len(words) :] == words or (len(words) == 1 and whole[0] == words[0])


def _merge_across_kinds(entities: list[FoundEntity]) -> list[FoundEntity]:
    """The recogniser sometimes calls a person a place ("Trump" as LOC): a name that
    is a person of this article is that person. Unless the article writes it more
    often as the other kind: « Fresnillo » three times a place and once a person
    is a town."""
    people = {e.key: e for e in entities if e.kind == PERSON}
    outvoted = set()
    for entity in entities:
        same = people.get(entity.key)
        if entity.kind != PERSON and same is not None and entity.count > same.count:
            absorb(entity, same)
            outvoted.add(id(same))
            del people[entity.key]
    entities = [e for e in entities if id(e) not in outvoted]
    surnames = {}
    for person in people.values():
        # "Kamala" tagged as a place where the article names Kamala Harris.
        for part in person.surnames | {person.name.split()[-1], person.name.split()[0]}:
            surnames.setdefault(entity_key(part), person)
    kept = []
    for entity in entities:
        if entity.kind != PERSON and entity.key not in ORGANISATIONS and not is_known_place(entity.key):
            owner = people.get(entity.key) or surnames.get(entity.key)
            if owner:
                absorb(owner, entity, keep_alias=False)
                continue
        kept.append(entity)
    return kept


def _merge_acronyms(entities: list[FoundEntity], text: str) -> list[FoundEntity]:
    """ "Organisation du traité de l'Atlantique Nord (OTAN)": one organisation."""
    by_name = {}
    for entity in entities:
        for spelling in {entity.name} | entity.aliases:
            by_name.setdefault(spelling, entity)
    absorbed = set()
    for match in re.finditer(r"\(([A-Z][A-Za-zÀ-ÿ0-9.&-]{1,9})\)", text):
        short = by_name.get(match[1])
        if not short or (short.kind == PERSON and match[1].isupper()):
            continue  # a person's initials are theirs to claim (archive.extraction.nicknames)
        before = plain_spelling(text[max(0, match.start() - 120) : match.start()])
        as_word = not match[1].isupper()
        long = next(
            (
                e
                for e in entities
                if e is not short
                and e.key not in absorbed
                and any(before.endswith(s) for s in {e.name} | e.aliases)
                # « Agence France-Presse (AFP) »; a word written as one (« Cédéao ») must
                # spell the long name's initials, and then takes its kind.
                and (e.kind != PERSON and spells_initials(match[1], e.name) if as_word else e.kind == short.kind)
            ),
            None,
        )
        if long and id(short) not in absorbed:
            absorb(long, short)
            absorbed.add(id(short))
    return [e for e in entities if id(e) not in absorbed]


def spells_initials(acronym: str, name: str) -> bool:
    """Whether `acronym`'s letters are, in order, initials of `name`'s words, starting
    with the first: « Cédéao » and « Communauté économique des Etats de l'Afrique de l'Ouest »."""
    initials = "".join(word[0] for word in re.findall(r"\w+", fold(name).lower()))
    letters = fold(acronym).lower()
    if not initials or letters[:1] != initials[:1]:
        return False
    rest = iter(initials)
    return all(letter in rest for letter in letters)


def speaker_resolver(entities: list[FoundEntity], shift: int = 0) -> "Speakers":
    """The article's people and organisations as archive.extraction.quotes reads
    speakers. `shift` is where the quoted text starts in the text the entities
    were found in."""
    return Speakers(entities, shift)


class Speakers:
    """Who a phrase names, among an article's entities: a known person or
    organisation under any of its spellings or a person's surname, or a role the
    article gave one person only (« le président américain » → Donald Trump)."""

    def __init__(self, entities: list[FoundEntity], shift: int = 0):
        self.people = [e for e in entities if e.kind == PERSON]
        self.organisations = [e for e in entities if e.kind == ORGANISATION]
        self.shift = shift
        names = []
        for entity in entities:
            if entity.kind == PLACE:
                continue
            for spelling in {entity.name} | entity.aliases | entity.surnames:
                names.append((spelling, entity))
            if entity.kind == PERSON and len(entity.name.split()) > 1:
                names.append((entity.name.split()[-1], entity))
        names.sort(key=lambda item: -len(item[0]))
        self.names = [(re.compile(rf"(?<!\w){re.escape(spelling)}(?!\w)"), entity) for spelling, entity in names]
        holders = defaultdict(dict)
        for person in self.people:
            for role in person.roles:
                holders[role][person.key] = person
        self.roles = [
            (re.compile(rf"(?<!\w){re.escape(role)}(?!\w)"), next(iter(h.values())))
            for role, h in holders.items()
            if len(h) == 1
        ]

    def named(self, phrase: str) -> list[tuple[int, FoundEntity]]:
        """The entities named in `phrase`, with where: each name once, the longest
        spelling first ("Donald Trump" rather than "Trump")."""
        found, taken = [], []
        for pattern, entity in self.names:
            for match in pattern.finditer(phrase):
                if not any(a < match.end() and match.start() < b for a, b in taken):
                    found.append((match.start(), entity))
                    taken.append(match.span())
        lowered = phrase.lower()
        for pattern, holder in self.roles:
            if match := pattern.search(lowered):
                found.append((match.start(), holder))
        return found

    def mentioned(self, start: int, end: int) -> list[tuple[int, FoundEntity]]:
        """The people and organisations named between two offsets of the quoted
        text, with where, in reading order."""
        found = [
            (p - self.shift, e) for e in self.people + self.organisations for p in e.positions
            if start <= p - self.shift < end
        ]  # fmt: skip
        return sorted(found, key=lambda item: item[0])

    def __call__(self, phrase: str, position: int) -> str:
        """The name `phrase` gives (the first name or role of its first clause: « la
        vice-présidente le 7 juin, avant sa rencontre avec X » is the vice-president),
        or, for an empty phrase (a pronoun), the last person named before `position`:
        how archive.extraction.figures names who announced a figure."""
        if not phrase:
            person = self.last_person(position)
            return person.name if person else ""
        clause = re.split(r"[,;:(]", phrase, maxsplit=1)[0]
        found = self.named(clause)
        return min(found, key=lambda item: item[0])[1].name if found else ""

    def last_person(self, position: int) -> FoundEntity | None:
        """The last person named before `position` (an offset in the quoted text)."""
        before = [(p, e) for e in self.people for p in e.positions if p < position + self.shift]
        return max(before, key=lambda item: item[0])[1] if before else None
