"""Which names an article is about: the rule that keeps an article off the
archive's subject to those (archive/curation.py at extraction, and
archive/relevance.py on stored mentions when its level changes). No model and
no heavy import: web workers read it through the admin."""

SALIENT_COUNT = 2  # mentions that make a name one an article is about, wherever they are


def analysed_text(title: str, body: str) -> str:
    """The text the entity recogniser reads: entity positions are offsets in it."""
    return f"{title}\n\n{body}"


def lead_end(title: str, lead: str) -> int:
    """Where the title and lead end in `analysed_text`: names before it are in them."""
    return len(analysed_text(title, lead))


def salient(entities: list, lead_end: int) -> list:
    """The entities (archive.extraction.entities.FoundEntity) an article is about:
    named at least twice, or in its title or lead (before `lead_end`). An article
    off the archive's subject keeps only these: a Le Monde article on the Covid
    names a dozen people in passing, and a thousand such articles would bury the
    subject's own names in every list."""
    return [entity for entity in entities if entity.count >= SALIENT_COUNT or entity.first_position < lead_end]
