"""A web page's HTML to an article: its text, headline, authors and publication
date (trafilatura, and htmldate through it), or a Refusal saying why the page
holds no article (a menu, an index, a login wall). Pure: no Django, no network."""

import datetime as dt
import re

import trafilatura
from trafilatura.utils import load_html

from archive.extraction.pipeline import Capture, RawArticle, Refusal

# Below this, what trafilatura found in a page is menus and footers, not an article.
HTML_MIN_WORDS = 20
AUTHOR_MAX = 200
AUTHORS_MAX = 20
# og:type values that say a page is not one article: a site's home or a section, a person.
NOT_ARTICLE_TYPES = {"website", "profile"}
NO_ARTICLE = "aucun texte d'article trouvé dans la page HTML"
LOGIN_WALL = "page de connexion ou d'abonnement sans article (mur de connexion)"


def html_article(
    html: str | bytes, ref: str, *, url: str = "", max_day: dt.date | None = None, capture: Capture | None = None
) -> RawArticle | Refusal:
    """The article a page holds. `max_day` bounds its publication date (a page
    captured today was not published tomorrow); bytes are decoded as the page
    declares (its <meta charset>), else as UTF-8."""
    try:
        tree = load_html(html)
        if tree is None:
            return Refusal(ref, "page HTML illisible")
        # <template> holds inert markup for scripts to copy; trafilatura would keep its text.
        for template in tree.xpath("//template"):
            template.drop_tree()
        has_password = bool(tree.xpath("//input[translate(@type, 'PASWORD', 'pasword')='password']"))
        date_params = {"extensive_search": False, "original_date": True}  # only dates the page states
        if max_day:
            date_params["max_date"] = max_day.isoformat()
        document = trafilatura.bare_extraction(
            tree,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=date_params,
        )
    except Exception as error:  # trafilatura raises many kinds on broken markup
        return Refusal(ref, f"page HTML illisible ({type(error).__name__})")
    page_text = (document.text or "") if document else ""
    if len(page_text.split()) < HTML_MIN_WORDS:
        return Refusal(ref, LOGIN_WALL if has_password else NO_ARTICLE)
    page_type = (document.pagetype or "").strip().lower()
    if page_type in NOT_ARTICLE_TYPES:
        return Refusal(ref, f"page de type « {page_type} » (og:type) : accueil ou rubrique, pas un article")
    title = (document.title or "").strip()
    lines = page_text.split("\n")
    if title and lines and lines[0].strip() == title:
        lines = lines[1:]  # trafilatura repeats the <h1> as the first line
    return RawArticle(
        text="\n\n".join(lines),
        ref=ref,
        title=title,
        date=_day(document.date, max_day),
        source=(document.sitename or "").strip(),
        url=url or (document.url or ""),
        language=document.language or "",
        authors=page_authors(document.author),
        capture=capture,
    )


def _day(value, max_day: dt.date | None) -> str | None:
    """htmldate's day, dropped if after `max_day`: it bounds what it finds, not what
    trafilatura reads from the page's metadata first."""
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
    return None if max_day and day > max_day else day.isoformat()


def page_authors(value: str | None) -> tuple[str, ...]:
    """trafilatura gives a page's authors as one string, « ; » between names."""
    names = (" ".join(name.split())[:AUTHOR_MAX] for name in re.split(r";|\|", value or ""))
    return tuple(dict.fromkeys(name for name in names if name))[:AUTHORS_MAX]
