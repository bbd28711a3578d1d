"""The search parameters, shared by the page and the API. Anything malformed
becomes a message and a default, never an error page."""

import re

from django import forms
from django.conf import settings

SORTS = {
    "relevance": ("pertinence", None),
    "newest": ("plus récents", "-newest"),
    "oldest": ("plus anciens", "oldest"),
}
FACETS = {
    "year": "Année",
    "source": "Source",
    "person": "Personne",
    "place": "Lieu",
    "organisation": "Organisation",
    "theme": "Thème",
}
MAX_PAGE = 10_000
_SLUG = re.compile(r"^[-a-z0-9_]{1,200}$")
_YEAR = re.compile(r"^\d{4}$")


class ValueListField(forms.Field):
    """Several values of one filter (`?source=afp&source=belga`), each checked."""

    widget = forms.MultipleHiddenInput

    def __init__(self, pattern, **kwargs):
        self.pattern = pattern
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        values = value if isinstance(value, (list, tuple)) else [value] if value else []
        return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))

    def validate(self, values):
        bad = [v for v in values if not self.pattern.match(v)]
        if bad:
            raise forms.ValidationError(f"valeur non reconnue : « {bad[0][:40]} »")


class SearchForm(forms.Form):
    q = forms.CharField(required=False, label="Rechercher", strip=True)
    sort = forms.ChoiceField(
        required=False, label="Trier par", choices=[(key, label) for key, (label, _) in SORTS.items()]
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)
    year = ValueListField(_YEAR, label="Année")
    source = ValueListField(_SLUG, label="Source")
    person = ValueListField(_SLUG, label="Personne")
    place = ValueListField(_SLUG, label="Lieu")
    organisation = ValueListField(_SLUG, label="Organisation")
    theme = ValueListField(_SLUG, label="Thème")

    def __init__(self, data=None):
        if data is not None and hasattr(data, "getlist"):
            data = {key: data.getlist(key) if key in FACETS else data.get(key) for key in data}
        super().__init__(data)
        self.notes = []
        self.unknown = sorted(set(data or {}) - set(self.fields))

    def clean_q(self):
        q = " ".join(self.cleaned_data["q"].split())
        limit = settings.VIGIE_MAX_QUERY_LENGTH
        if len(q) > limit:
            q = q[:limit].rsplit(" ", 1)[0] if " " in q[:limit] else q[:limit]
            self.notes.append(
                f"Votre recherche était trop longue : seuls ses {limit} premiers caractères ont été pris."
            )
        return q

    def params(self) -> dict:
        """The search to run: the valid parameters, defaults for the others."""
        self.is_valid()
        data = {"q": "", "sort": "", "page": 1, **{name: [] for name in FACETS}}
        data.update({k: v for k, v in self.cleaned_data.items() if v not in (None, "")})
        if data["sort"] not in SORTS:
            data["sort"] = "relevance" if data["q"] else "newest"
        return data

    def problems(self) -> list[str]:
        """One sentence per parameter that was ignored."""
        self.is_valid()
        messages = [
            f"Paramètre « {self.fields[name].label or name} » ignoré : {' '.join(errors)}"
            for name, errors in self.errors.items()
        ]
        messages += [f"Paramètre inconnu ignoré : « {name[:40]} »" for name in self.unknown]
        return messages
