"""Which articles a page counts: by default those about the archive's subject
(core and related), or all of them with `?sujet=tout`. The home page's most
cited lists, /entites/, entity pages and /chiffres/ follow it, with a link to
switch that keeps the page's other parameters; the search page counts every
article (its « Sujet de l'archive » facet narrows it)."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from archive.extraction.relevance import ON_TOPIC

PARAMETER = "sujet"
EVERYTHING = "tout"


@dataclass(frozen=True)
class Scope:
    everything: bool
    switch_url: str = ""  # the same page in the other scope, its other parameters kept
    messages: list[str] = field(default_factory=list)

    @property
    def on_topic(self) -> bool:
        return not self.everything

    @property
    def relevance(self) -> tuple[str, ...]:
        """The relevance values counted: () for all."""
        return () if self.everything else ON_TOPIC

    @property
    def query(self) -> str:
        """What links to other scoped pages add to keep this scope ("sujet=tout" or "")."""
        return f"{PARAMETER}={EVERYTHING}" if self.everything else ""

    @property
    def search_query(self) -> str:
        """What links to the search add so that it finds what this page counted."""
        return urlencode([("relevance", value) for value in self.relevance])


def scope_of(request) -> Scope:
    """The scope a request asks for; an unknown value counts the subject, with a message."""
    query = request.GET
    value = (query.get(PARAMETER) or "").strip().lower()
    messages = []
    if value and value != EVERYTHING:
        messages.append(
            f"Paramètre « {PARAMETER} » ignoré : « {value[:40]} » n'est pas une valeur connue "
            f"(« {PARAMETER}={EVERYTHING} » compte toute l'archive). Seuls les articles au sujet sont comptés."
        )
    everything = value == EVERYTHING
    switched = query.copy()  # a QueryDict: repeated parameters are kept
    for name in (PARAMETER, "page"):  # the other scope starts on its first page
        switched.pop(name, None)
    if not everything:
        switched[PARAMETER] = EVERYTHING
    encoded = switched.urlencode()
    return Scope(everything=everything, switch_url=request.path + (f"?{encoded}" if encoded else ""), messages=messages)
