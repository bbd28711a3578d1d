"""Reader pages hold together from a phone to a desktop: the article's metadata
cells never run into each other (a long original address wraps), and no page
scrolls sideways."""

import pytest

from archive.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_URL = (
    "https://www.lemonde.fr/election-presidentielle-2022/live/2022/01/13/les-deputes-et-les-senateurs-echouent-a-se-"
    "mettre-d-accord-sur-le-passe-vaccinal-le-texte-repart-a-l-assemblee-jeudi-soir_6109268_6059010.html"
)
WIDTHS = [360, 768, 1280]

OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll('.article-meta > div')].map(cell => cell.getBoundingClientRect());
  const overlapping = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, j) => {
    const apart = a.right - 1 <= b.left || b.right - 1 <= a.left || a.bottom - 1 <= b.top || b.bottom - 1 <= a.top;
    if (!apart) overlapping.push([i, i + 1 + j]);
  }));
  const spilling = [...document.querySelectorAll('.article-meta dd')]
    .filter(dd => dd.scrollWidth > dd.clientWidth + 1).length;
  return {overlapping, spilling, sideways: document.documentElement.scrollWidth > window.innerWidth};
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_article_metadata_never_overlaps_even_with_a_long_original_address(live_server, seeds, browser, width):
    article = seeds[1]
    Article.objects.filter(pk=article.pk).update(url=LONG_URL)
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert page.get_by_role("link", name="https://www.lemonde.fr/election").is_visible()
    assert page.evaluate(OVERLAPS) == {"overlapping": [], "spilling": 0, "sideways": False}
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_the_entity_page_does_not_scroll_sideways(live_server, seeds, browser, width):
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/entites/donald-trump/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
