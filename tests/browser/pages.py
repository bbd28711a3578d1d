"""The pages every quality check visits: accessibility (axe-core in Chromium), HTML
validity (Nu HTML checker) and screenshots (`python -m tests.browser.screenshots`).

Each entry is a name and a function building the page's address from `seed(n)`, the
path of seed article n (0–4). Adding a page to every check is one line here, e.g.
    ("accueil", lambda seed: "/"),
    ("personne", lambda seed: "/personnes/donald-trump/"),
    ("chiffres", lambda seed: "/chiffres/"),
    ("aide", lambda seed: "/aide/"),
The admin is Django's, not ours: it is left out.
"""

# A pasted passage: the opening of seed 001, some 40 words, as a reader pastes it.
PASSAGE = (
    "Plus%20de%205.000%20militaires%20am%C3%A9ricains%20vont%20%C3%AAtre%20d%C3%A9ploy%C3%A9s%20%C3%A0%20la%20"
    "fronti%C3%A8re%20mexicaine%20pour%20emp%C3%AAcher%20l%E2%80%99entr%C3%A9e%20sur%20le%20territoire%20d%E2%80%99une%20"
    "caravane%20de%20migrants%20centram%C3%A9ricains%20fuyant%20la%20violence%20et%20la%20mis%C3%A8re"
)

MAIN_PAGES = [
    ("parcourir", lambda seed: "/recherche/"),
    ("recherche", lambda seed: "/recherche/?q=armee"),
    ("recherche-filtree", lambda seed: "/recherche/?q=caravane&source=belga"),
    ("recherche-sans-resultat", lambda seed: "/recherche/?q=zorglubement"),
    ("article", lambda seed: seed(1)),
    ("article-depuis-recherche", lambda seed: seed(2) + "?q=armee"),
    ("page-introuvable", lambda seed: "/articles/cet-article-n-existe-pas/"),
    ("accueil", lambda seed: "/"),
    ("aide", lambda seed: "/aide/"),
    ("recherche-dates", lambda seed: "/recherche/?q=caravane&date_from=2018&date_to=2021-06&sort=oldest"),
    ("recherche-suggestion", lambda seed: "/recherche/?q=fontiere"),
    ("recherche-tous", lambda seed: "/recherche/?person=donald-trump&person=claudia-sheinbaum&all=person"),
    ("recherche-passage", lambda seed: "/recherche/?q=" + PASSAGE),
    ("entites", lambda seed: "/entites/"),
    ("personne", lambda seed: "/entites/donald-trump/"),
    ("chiffres", lambda seed: "/chiffres/"),
    ("recherche-par-depeche", lambda seed: "/recherche/?q=caravane&stories=1"),
    ("reprises", lambda seed: "/recherche/?story=" + seed(1).strip("/").split("/")[-1] + "&sort=oldest"),
    ("chiffres-filtres", lambda seed: "/chiffres/?force=Garde+nationale&date_from=2018&date_to=hier"),
]

PAGE_NAMES = [name for name, _ in MAIN_PAGES]
