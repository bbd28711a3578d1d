"""Browser tests drive Debian's Chromium through Playwright, headless."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0–2.2 levels A and AA, and Deque's best practices (landmarks, one h1, …).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_FAILING_IMPACTS = ("serious", "critical")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django must not mistake it for async code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe():
    """`axe(page, context="")` runs axe-core on the page as it is now and fails on each
    serious or critical violation; minor and moderate ones are advice."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} est absent : `make test` lance `npm ci` dans tests/browser.")

    source = AXE_JS.read_text(encoding="utf-8") + "\n;0"

    def check(page, context=""):
        # Evaluated through the DevTools protocol rather than `add_script_tag`, whose inline
        # <script> a strict Content-Security-Policy (script-src 'self') would block.
        page.evaluate(source)
        results = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        violations = [v for v in results["violations"] if v["impact"] in AXE_FAILING_IMPACTS]
        if violations:
            raise AssertionError(describe_axe_violations(violations, context or page.url))

    return check


def describe_axe_violations(violations, where):
    lines = [f"axe-core : {len(violations)} violation(s) grave(s) sur {where}"]
    for violation in violations:
        lines.append(f"  - [{violation['impact']}] {violation['id']} : {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:3]:
            # The summary reads "Fix any of the following:" then one reason a line; the first is the telling one.
            reason = (node.get("failureSummary") or "").strip().splitlines()[1:2]
            lines.append(f"      {' '.join(map(str, node['target']))}  —  {''.join(reason).strip()}")
        if len(violation["nodes"]) > 3:
            lines.append(f"      … et {len(violation['nodes']) - 3} autre(s)")
    return "\n".join(lines)
