"""/aide/: the query syntax, with examples that are live searches readers can
open. The examples are kept here, not in the template, so a test can run
every one of them."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET


@dataclass(frozen=True)
class Example:
    query: str
    explanation: str

    @property
    def url(self):
        return reverse("search") + "?" + urlencode({"q": self.query})


EXAMPLES = {
    "Mots": [
        Example("armee", "les formes du mot, avec ou sans accent : « armée », « l'armée », « armées »"),
        Example("militaires frontière", "les deux mots, n'importe où dans l'article (ET implicite)"),
        Example('"Garde nationale"', "l'expression exacte, mots dans cet ordre"),
    ],
    "Opérateurs": [
        Example("caravane OU exode", "l'un ou l'autre mot (OR ou OU)"),
        Example("mur ET Mexique", "les deux mots (AND ou ET, implicite entre deux mots)"),
        Example("Trump -mur", "« Trump » sans « mur » (-mot, NOT ou SAUF)"),
        Example("(caravane OU migrants) ET Honduras", "des parenthèses pour grouper"),
    ],
    "Débuts de mots et recherche approchée": [
        Example("milit*", "les mots qui commencent par « milit » : militaire, militarisation…"),
        Example("frontire~", "à une lettre près (une faute de frappe) ; ~2 pour deux lettres"),
    ],
    "Champs": [
        Example("titre:frontière", "dans le titre seulement"),
        Example("personne:trump", "les articles où une personne de ce nom est citée (noms et graphies connus)"),
        Example('lieu:"Amérique centrale"', "les articles qui mentionnent ce lieu"),
        Example("organisation:pentagone", "les articles qui mentionnent cette organisation"),
        Example("source:afp", "les articles publiés par cette source ou repris de cette agence"),
        Example("theme:caravanes", "les articles classés sous ce thème"),
    ],
}


@require_GET
def help_page(request):
    return render(request, "web/help.html", {"examples": EXAMPLES})
