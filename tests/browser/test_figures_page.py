"""A researcher narrows /chiffres/ in Chromium: filters from the form, chips
to take them off, pages of the table, and a chart point tapped on a phone."""

import pytest

from archive.models import Figure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def rows(page):
    return page.locator(".figures-table tbody tr")


def test_a_researcher_filters_the_figures_by_period_and_source_then_removes_a_filter(live_server, seeds, page):
    page.goto(f"{live_server.url}/chiffres/")
    assert rows(page).count() == 11
    page.get_by_label("Depuis").fill("2018-10")
    page.get_by_label("Jusqu'à").fill("2019")
    page.get_by_label("Source").select_option("belga")
    page.get_by_role("button", name="Filtrer").click()

    assert "source=belga" in page.url and "date_from=2018-10" in page.url
    assert rows(page).count() == 5
    assert all(text == "Belga" for text in rows(page).locator('td[data-label="Source"]').all_inner_texts())
    assert page.locator(".figures-chart svg.chart-wide circle").count() == 5
    chips = page.get_by_role("list", name="Filtres actifs")
    assert chips.get_by_role("link").count() == 4  # three filters and « Tout effacer »

    chips.get_by_role("link", name="Retirer le filtre Source : Belga").click()
    assert "source=" not in page.url and "date_from=2018-10" in page.url
    assert page.get_by_label("Source").input_value() == ""
    assert rows(page).count() == 5  # seed 1 is the only article dated in the period
    page.get_by_role("link", name="Tout effacer").click()
    assert rows(page).count() == 11


def test_a_bad_date_is_explained_and_kept_in_its_box(live_server, seeds, page):
    page.goto(f"{live_server.url}/chiffres/")
    page.get_by_label("Depuis").fill("hier")
    page.get_by_label("Force", exact=True).select_option("Garde nationale")
    page.get_by_role("button", name="Filtrer").click()
    assert "« hier » n'est pas une date" in page.get_by_role("status").inner_text()
    assert page.get_by_label("Depuis").input_value() == "hier"
    assert rows(page).count() == 5


def test_on_a_phone_a_tapped_point_opens_its_row_on_its_page(live_server, seeds, browser):
    Figure.objects.bulk_create(
        Figure(article=seeds[3], count=100 + n, unit="soldats", force="Marines", sentence="s", key=f"k{n}", position=n)
        for n in range(30)
    )
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, locale="fr-FR")
    page = context.new_page()
    page.goto(f"{live_server.url}/chiffres/?force=Marines")
    assert page.locator(".figures-chart svg.chart-wide").is_hidden()
    narrow = page.locator(".figures-chart svg.chart-narrow")
    assert narrow.is_visible()
    # Labels of the phone's drawing do not overlap.
    boxes = [label.bounding_box() for label in narrow.locator("text").all()]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
            assert apart or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
    assert page.locator(".figures-table tbody tr").count() == 25

    last = Figure.objects.filter(force="Marines").order_by("-count").first()
    point = narrow.locator(f'a[href$="#chiffre-{last.pk}"] circle')
    point.tap()
    page.wait_for_url(f"**/chiffres/?force=Marines&page=2#chiffre-{last.pk}")
    row = page.locator(f"#chiffre-{last.pk}")
    assert row.is_visible() and "129 soldats" in row.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_role("link", name="← Précédente").click()
    assert rows(page).count() == 25 and "page=" not in page.url
    context.close()
