"""The search state: validated once from a query string, immutable, and the one
source of every search link (toggles, chips, pages, exports)."""

import pytest
from django.http import QueryDict

from search.engine.backend import FrenchWhooshSearchBackend
from search.query.state import SearchState


def state_of(query_string):
    return SearchState.from_query(QueryDict(query_string))


def test_a_query_string_gives_validated_values_and_defaults():
    state = state_of("q=armée&person=donald-trump&person=jim-mattis&date_from=2018-10&page=2")

    assert state.q == "armée"
    assert state.values("person") == ("donald-trump", "jim-mattis")
    assert state.date_from.start.isoformat() == "2018-10-01" and state.date_from.precision == "month"
    assert state.page == 2
    assert state.sort == "relevance"  # the default with words
    assert state_of("").sort == "newest"  # and without
    assert state.problems == () and state.notes == ()


def test_malformed_and_unknown_parameters_become_problems_and_defaults():
    state = state_of("year=18&person=<b>&page=-3&date_to=hier&colour=blue")

    assert state.filters == () and state.page == 1 and state.date_to is None
    assert len(state.problems) == 5
    assert any("« colour »" in problem for problem in state.problems)


def test_the_query_string_is_canonical_defaults_left_out():
    state = state_of("page=1&sort=relevance&q=mur&source=belga&year=2018&undated=oui")

    # Registry order (year before source), the default sort and first page left out.
    assert state.querystring() == "q=mur&year=2018&source=belga&undated=1"
    assert state_of(state.querystring()) == state


def test_toggling_a_value_adds_or_removes_it_and_goes_back_to_the_first_page():
    state = state_of("q=mur&person=donald-trump&page=3")

    added = state.toggled("person", "jim-mattis")
    assert added.values("person") == ("donald-trump", "jim-mattis") and added.page == 1
    assert added.toggled("person", "donald-trump").values("person") == ("jim-mattis",)
    assert state.toggled("person", "donald-trump").filters == ()
    assert state.values("person") == ("donald-trump",)  # the state itself never changes


def test_chips_name_each_filter_and_lead_to_the_search_without_it():
    state = state_of("q=mur&source=belga&date_from=2018-10&undated=0")

    chips = state.chips({"source": {"belga": "Belga"}})

    assert [(chip.name, chip.label) for chip in chips] == [("Source", "Belga"), ("Depuis", "octobre 2018")]
    assert chips[0].removed.querystring() == "q=mur&date_from=2018-10"
    assert chips[1].phrase == "depuis octobre 2018"


def test_a_coverage_bar_narrows_to_its_period_and_leaves_undated_out():
    state = state_of("q=mur&undated=1").in_period("2018-10")

    assert (state.date_from.text, state.date_to.text, state.undated) == ("2018-10", "2018-10", False)


def test_a_new_query_is_checked_and_parsed_again():
    state = state_of("q=mur")
    changed = state.replace(q="caravane~5")

    assert changed.q == "caravane~2" and changed.parsed is not state.parsed


@pytest.mark.usefixtures("seeds")
def test_a_search_page_parses_its_query_once(client, monkeypatch):
    parsed = []
    original = FrenchWhooshSearchBackend.parse

    def counting(backend, query_string):
        parsed.append(query_string)
        return original(backend, query_string)

    monkeypatch.setattr(FrenchWhooshSearchBackend, "parse", counting)
    response = client.get("/recherche/", {"q": "frontière militaires", "person": "donald-trump"})

    assert response.status_code == 200 and response.context["search"].count > 0
    assert parsed == ["frontière militaires"]


@pytest.mark.usefixtures("seeds")
def test_the_year_facet_is_in_chronological_order(client):
    years = [value["value"] for value in client.get("/api/search/").json()["facets"]["year"]]

    assert years == sorted(years) and len(years) >= 2
