"""Every main page passes axe-core at phone and desktop widths, fits a phone screen,
and can be used from the keyboard. The pages are listed in tests/browser/pages.py:
add one there and it is checked here, by the HTML validator and in the screenshots."""

import pytest

from tests.browser.pages import MAIN_PAGES, PAGE_NAMES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def address(live_server, seeds, build):
    return live_server.url + build(lambda n: seeds[n].get_absolute_url())


@pytest.mark.parametrize("build", [build for _, build in MAIN_PAGES], ids=PAGE_NAMES)
def test_each_main_page_has_no_serious_accessibility_violation_on_desktop_and_phone(
    live_server, seeds, page, axe, build
):
    url = address(live_server, seeds, build)
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        page.goto(url)
        axe(page, f"{url} à {viewport['width']} px")


@pytest.mark.parametrize("build", [build for _, build in MAIN_PAGES], ids=PAGE_NAMES)
def test_each_main_page_fits_a_360_px_phone_without_sideways_scrolling(live_server, seeds, page, build):
    page.set_viewport_size(PHONE)
    page.goto(address(live_server, seeds, build))
    # What sticks out of the screen, leaving aside what a scrolling box (a wide chart) holds.
    too_wide = page.evaluate(
        """() => {
            const inScroller = el => {
                for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                    if (getComputedStyle(p).overflowX !== 'visible') return true;
                }
                return false;
            };
            return [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .filter(el => !inScroller(el))
                .map(el => el.tagName.toLowerCase() + (el.getAttribute('class') ? '.' + el.getAttribute('class') : ''));
        }"""
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"la page fait {width} px de large ; dépassent : {', '.join(too_wide[:12])}"
    assert too_wide == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["bureau", "telephone"])
def test_the_first_tab_reaches_a_visible_skip_link_that_leads_to_the_content(live_server, seeds, page, viewport):
    page.set_viewport_size(viewport)
    # The article page has the header's search form to skip over.
    page.goto(live_server.url + seeds[1].get_absolute_url())

    page.keyboard.press("Tab")
    focused = page.evaluate("({text: document.activeElement.textContent.trim(), href: document.activeElement.hash})")
    assert focused == {"text": "Aller au contenu", "href": "#contenu"}
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0
    assert box["x"] + box["width"] <= viewport["width"] and box["height"] > 0
    assert has_visible_outline(page)

    page.keyboard.press("Enter")
    assert page.url.endswith("#contenu")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null"), "Tab après le lien d'évitement"
    main_top = page.locator("main").bounding_box()["y"]
    assert main_top <= viewport["height"]


@pytest.mark.parametrize(
    "build", [lambda seed: "/recherche/?q=caravane&source=belga", lambda seed: seed(1)], ids=["recherche", "article"]
)
def test_every_element_reached_with_tab_shows_a_focus_outline(live_server, seeds, page, build):
    page.goto(address(live_server, seeds, build))
    reached = []
    for _ in range(25):
        page.keyboard.press("Tab")
        element = page.evaluate("document.activeElement.tagName.toLowerCase()")
        if element == "body":
            break
        reached.append(element)
        label = page.evaluate("(document.activeElement.textContent || document.activeElement.name || '').trim()")
        assert has_visible_outline(page), f"pas de contour visible sur <{element}> « {label} »"
    assert {"a", "input", "button"} <= set(reached), reached


def has_visible_outline(page):
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return {style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"""
    )
    return style["style"] != "none" and style["width"] >= 2


def test_the_axe_check_fails_on_serious_violations_and_names_them(page, axe):
    page.set_content(
        '<!doctype html><html lang="fr"><head><title>t</title></head>'
        '<body><main><h1>t</h1><img src="carte.png"><input type="text"></main></body></html>'
    )
    with pytest.raises(AssertionError) as failure:
        axe(page, "page piégée")
    assert "image-alt" in str(failure.value)
    assert "label" in str(failure.value)
    assert "page piégée" in str(failure.value)


def test_the_axe_check_lets_minor_and_moderate_issues_pass(page, axe):
    # Content outside any landmark is a moderate "region" issue, and a skipped heading level is moderate.
    page.set_content(
        '<!doctype html><html lang="fr"><head><title>t</title></head>'
        "<body><h1>t</h1><h3>sous-titre</h3><p>texte</p></body></html>"
    )
    axe(page)


def test_the_axe_check_runs_under_a_strict_content_security_policy(page, axe):
    page.route(
        "http://vigie.test/",
        lambda route: route.fulfill(
            content_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": "default-src 'self'; script-src 'self'"},
            body='<!doctype html><html lang="fr"><head><title>t</title></head>'
            '<body><main><h1>t</h1><img src="carte.png"></main></body></html>',
        ),
    )
    page.goto("http://vigie.test/")
    with pytest.raises(AssertionError, match="image-alt"):
        axe(page)
