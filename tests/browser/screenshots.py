"""Full-page screenshots of the main pages at phone (360 px) and desktop (1280 px) widths,
to look at what readers see:

    .venv/bin/python -m tests.browser.screenshots --base http://127.0.0.1:8000 --out var/screenshots

It needs a running server holding the seed articles (`make run`, then `make screenshots`).
The pages are those of tests/browser/pages.py; `--page NAME` (repeatable) takes a few.
"""

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urljoin
from urllib.request import urlopen

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.pages import MAIN_PAGES

VIEWPORTS = {
    "telephone": {"width": 360, "height": 740},
    "bureau": {"width": 1280, "height": 900},
}


def seed_paths(base):
    """{seed number: article path}, read from the JSON API like any client would: the
    seeds are the articles imported from files named 000_….txt to 004_….txt."""
    paths, page, num_pages = {}, 1, 1
    while page <= num_pages:
        with urlopen(urljoin(base, f"/api/search/?sort=oldest&page={page}"), timeout=30) as response:
            answer = json.load(response)
        for result in answer["results"]:
            name = (result.get("ref") or "").rsplit("/", 1)[-1]
            if name[:3].isdigit():
                paths.setdefault(int(name[:3]), f"/articles/{result['slug']}/")
        num_pages, page = answer.get("num_pages", 1), page + 1
    return paths


def take(base, out, names=None):
    from playwright.sync_api import sync_playwright

    seeds = seed_paths(base)

    def seed(n):
        if n not in seeds:
            raise SystemExit(f"L'article d'exemple {n:03d} est absent de {base} : lancez `make run`.")
        return seeds[n]

    pages = [(name, build(seed)) for name, build in MAIN_PAGES if not names or name in names]
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for label, viewport in VIEWPORTS.items():
            context = browser.new_context(locale="fr-FR", viewport=viewport)
            page = context.new_page()
            for name, path in pages:
                page.goto(urljoin(base, path))
                target = out / f"{name}-{label}.png"
                page.screenshot(path=str(target), full_page=True)
                saved.append(target)
            context.close()
        browser.close()
    return saved


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000", help="adresse du serveur Vigie")
    parser.add_argument("--out", default="var/screenshots", type=Path, help="dossier des PNG")
    parser.add_argument("--page", action="append", dest="names", metavar="NOM", help="une page de pages.py")
    args = parser.parse_args(argv)
    unknown = set(args.names or []) - {name for name, _ in MAIN_PAGES}
    if unknown:
        parser.error(f"pages inconnues : {', '.join(sorted(unknown))}")
    for path in take(args.base, args.out, args.names):
        print(path)


if __name__ == "__main__":
    sys.exit(main())
