"""Our pages are valid HTML according to the Nu HTML checker (vnu), all checked in one
run of the JVM. The pages are those of tests/browser/pages.py."""

import pytest

from tests.browser import html_check
from tests.browser.pages import MAIN_PAGES

pytestmark = [pytest.mark.html]


@pytest.fixture(scope="module", autouse=True)
def _checker_available():
    problem = html_check.checker_problem()
    if problem:
        pytest.fail(problem)


def test_every_main_page_is_valid_html(client, seeds):
    pages = []
    for name, build in MAIN_PAGES:
        response = client.get(build(lambda n: seeds[n].get_absolute_url()))
        assert response.status_code in (200, 404), (name, response.status_code)
        assert response["Content-Type"].startswith("text/html")
        pages.append((name, response.content.decode()))

    errors = html_check.validate(pages)

    assert set(errors) == {name for name, _ in MAIN_PAGES}
    if any(errors.values()):
        pytest.fail(html_check.describe(errors), pytrace=False)


def test_the_html_check_reports_errors_with_their_page_and_line():
    valid = '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>t</title></head><body><p>x</p></body>'
    broken = valid.replace("<p>x</p>", '\n<p id="a">x</p>\n<span id="a"><div>bloc</div></span>')

    errors = html_check.validate([("valide", valid), ("cassee", broken)])

    assert errors["valide"] == []
    messages = [(error.line, error.message) for error in errors["cassee"]]
    assert (3, "Duplicate ID “a”.") in messages
    assert any(line == 3 and "“div” not allowed as child of element “span”" in message for line, message in messages)
    assert "cassee (ligne 3" in html_check.describe(errors)
