"""Web boilerplate left in copied article texts: widget labels, tag footers,
footnote markers, embedded tweets, and press-page furniture (mastheads, photo
credits, links to other articles, newsletter blurbs, section labels). The raw
text is kept elsewhere; this cleans the body that is indexed, shown and read by
entity recognition, where such lines became false people, places and
organisations ("LE MONDE", "JULIEN MUGUET", "Retrouvez")."""

import re

from .text import paragraphs

# Widget labels that stand alone on a line: dropped, the text around them kept.
_LABEL_LINES = re.compile(
    r"^(vid[ée]os? associ[ée]es?|lire aussi|[àa] lire aussi|voir aussi|[ée]couter aussi|publicit[ée]|"
    r"partager( cet article)?|newsletter|abonnez-vous)\s*:?\s*$",
    re.IGNORECASE,
)
# Footers after which nothing belongs to the article: tags, related links.
_FOOTER_LINES = re.compile(
    r"^(archiv[ée] dans|mots[- ]cl[ée]s|tags|sur le m[êe]me sujet|[àa] voir [ée]galement)\s*:?.*$",
    re.IGNORECASE,
)
# "*en anglais": the footnote of pages whose links lead to English texts.
_FOOTNOTE_LINE = re.compile(r"^\*\s*(en anglais|in english|lien en anglais)\.?$", re.IGNORECASE)
_FOOTNOTE_MARK = re.compile(r"(?<=[\w»”)])\*(?=[\s,.;:!?»)]|$)")
# An embedded tweet leaves its text with a t.co / pic.twitter.com link, then
# "— Name (@handle) June 8, 2021".
_TWEET_LINK = re.compile(r"(https?://t\.co/\S+|pic\.twitter\.com/\S+)")
_TWEET_ATTRIBUTION = re.compile(r"^[—–-]\s*.{1,80}\(@\w{1,30}\)\s+\w+\s+\d{1,2},\s+\d{4}$")
_BARE_URL = re.compile(r"^(https?://|www\.)\S+$")

# Press-page furniture, matched on whole lines (or a delimited fragment at a
# line's start or end) so that article sentences are never cut.
# A masthead signing a dispatch: "Le Monde avec AFP et Reuters", or "Le Monde".
_MASTHEAD = re.compile(r"^(le monde( afrique)?|[\w’' .-]{2,40} avec (afp|ap|reuters)( et (afp|ap|reuters))*)$", re.I)
# The announcement of a link to another article: "Lire l’enquête :  Article
# réservé à nos abonnés  Titre", "Lire aussi | Titre". Pages put two spaces after
# the colon, which a sentence such as "Lire Proust à 15 ans : voilà…" does not
# have. The linked title stays: it names the article's subject (the gold set
# counts its places).
_LINK_PREFIX = re.compile(
    r"^((lire|voir|retrouvez|suivez|[ée]coutez?|regardez?)\b[^:|\n]{0,80}?\s?:\s{2,}"
    r"|([àa] )?(lire|voir|[ée]couter) aussi\s*[|:]\s*)?"
    r"(article r[ée]serv[ée] [àa] nos abonn[ée]s\s+)?",
    re.I,
)
# Newsletter and channel promotions: "…inscrivez-vous à la newsletter… Chaque
# samedi à 6 heures, retrouvez…", "Suivez l’actualité de la CAN sur WhatsApp",
# "Retrouvez tous nos articles sur…". "Retrouvez-le ce soir à Lille" stays.
_PROMOTION = re.compile(
    r"(\bchaque [^.,;]{1,30}, retrouvez\b|\binscrivez-vous [àa] (la|notre) newsletter\b"
    r"|^suivez\b.{0,80}\bsur (whatsapp|telegram|twitter|facebook|instagram)\W*$"
    r"|^retrouvez (tou(te)?s )?(nos|notre|les contenus)\b)",
    re.I,
)
# An embedded Instagram post: "Voir cette publication sur Instagram", then
# "Une publication partagée par Name (@handle)".
_INSTAGRAM = re.compile(r"^(voir cette publication sur instagram|une publication partag[ée]e par .*\(@[\w.]+\))$", re.I)
# "Cet article est paru dans « Le Monde » du 9 novembre 1991."
_ARCHIVE_NOTE = re.compile(r"^cet article (est|a) paru dans\b", re.I)
# A photo credit after its caption, two spaces apart and in capitals:
# "Le port de Brest.  JULIEN MUGUET / MYOP". The caption stays.
_TRAILING_CREDIT = re.compile(r"(?<=\S)\s{2,}[^a-zß-ÿ0-9\n]*[A-ZÀ-Þ]{2}[^a-zß-ÿ0-9\n]*$")
# A line without a lower-case letter: a credit ("PAUL MARTIN / ZEPHYR", "DR")
# or a section label ("L’AVIS DU « MONDE » – À NE PAS MANQUER"). Not with a
# digit ("PIB : 2,3 %" is a figure), a comma or a colon (a heading such as
# "LE HAVRE, CENTRE DE L'ATTENTION" names things).
_UPPERCASE_LINE = re.compile(r"^[^a-zß-ÿ0-9,:]*[A-ZÀ-Þ]{2}[^a-zß-ÿ0-9,:]*$")
# A section label before the first sentence: "Tribune. Le climat…",
# "ReportageDans la vallée…" (glued by the page), or alone on its line.
_SECTIONS = (
    r"(tribune|chronique|reportage|r[ée]cit|enqu[êe]te|entretien|analyse|portrait"
    r"|d[ée]cryptage|[ée]ditorial|critique|t[ée]moignage)"
)
_SECTION_LINE = re.compile(rf"^{_SECTIONS}\.?$", re.I)
_SECTION_PREFIX = re.compile(rf"^(?i:{_SECTIONS})(\.\s+|(?=[A-ZÀ-Þ«]))")


def clean_body(text: str) -> str:
    """Body text without boilerplate, one paragraph per line of the source,
    paragraphs separated by a blank line."""
    kept, has_footnote = [], False
    for line in (line.strip() for line in text.split("\n")):
        if _FOOTER_LINES.match(line):
            break
        if _FOOTNOTE_LINE.match(line):
            has_footnote = True
            continue
        if (
            _LABEL_LINES.match(line)
            or _TWEET_LINK.search(line)
            or _TWEET_ATTRIBUTION.match(line)
            or _BARE_URL.match(line)
            or _is_press_furniture(line)
        ):
            continue
        line = _SECTION_PREFIX.sub("", _TRAILING_CREDIT.sub("", _LINK_PREFIX.sub("", line)))
        kept.append(line)
    body = "\n\n".join(paragraphs("\n\n".join(kept)))
    if has_footnote:
        body = _FOOTNOTE_MARK.sub("", body)
    return body


def _is_press_furniture(line: str) -> bool:
    return bool(
        _MASTHEAD.match(line)
        or _PROMOTION.search(line)
        or _INSTAGRAM.match(line)
        or _ARCHIVE_NOTE.match(line)
        or _UPPERCASE_LINE.match(line)
        or _SECTION_LINE.match(line)
    )
