"""Web boilerplate left in copied article texts: widget labels, tag footers,
footnote markers, embedded tweets. The raw text is kept elsewhere; this cleans
the body that is indexed and shown."""

import re

from .text import paragraphs

# Widget labels that stand alone on a line: dropped, the text around them kept.
_LABEL_LINES = re.compile(
    r"^(vid[ée]os? associ[ée]es?|lire aussi|[àa] lire aussi|voir aussi|publicit[ée]|"
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
        ):
            continue
        kept.append(line)
    body = "\n\n".join(paragraphs("\n\n".join(kept)))
    if has_footnote:
        body = _FOOTNOTE_MARK.sub("", body)
    return body
