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
    ("entites", lambda seed: "/entites/"),
    ("personne", lambda seed: "/entites/donald-trump/"),
    ("chiffres", lambda seed: "/chiffres/"),
]

PAGE_NAMES = [name for name, _ in MAIN_PAGES]
