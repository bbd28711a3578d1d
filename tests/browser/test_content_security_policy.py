"""Pages run in Chromium under their Content-Security-Policy without one violation:
the stylesheet and copy.js load, nothing inline is blocked."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Chromium reports each blocked resource or inline code on the console.
VIOLATION = "Content Security Policy"


def visit(page, url):
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if VIOLATION in message.text else None)
    response = page.goto(url)
    page.wait_for_load_state("load")
    assert "script-src 'self';" in response.headers["content-security-policy"]
    return blocked


@pytest.mark.parametrize("path", ["/", "/recherche/?q=Trump", "/aide/", "/entites/", "/chiffres/"])
def test_pages_break_no_rule_of_their_policy(live_server, seeds, page, path):
    assert visit(page, f"{live_server.url}{path}") == []
    # vigie.css applied: the stylesheet was allowed.
    assert page.evaluate("[...document.styleSheets].some(sheet => sheet.href && sheet.href.includes('vigie'))")


def test_the_article_page_runs_its_script_under_the_policy(live_server, seeds, page):
    assert visit(page, f"{live_server.url}/articles/{seeds[1].slug}/") == []
    page.get_by_text("Citer cet article").click()
    # The copy buttons stay hidden unless copy.js ran.
    assert page.get_by_role("button", name="Copier la référence").is_visible()


def test_an_inline_script_would_be_reported(live_server, seeds, page):
    # The console watch is not blind: an inline script injected into a page is blocked and reported.
    blocked = visit(page, f"{live_server.url}/aide/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"window.ran=1\">')")
    page.wait_for_timeout(200)
    assert page.evaluate("window.ran") is None
    assert blocked
