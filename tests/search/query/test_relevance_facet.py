"""The `relevance` facet in the registry and the search state: its values, their
order and labels, and what an unknown value becomes."""

from django.http import QueryDict

from search.query.facets import FACETS, facet_lists, labels_of
from search.query.state import SearchState


def state_of(query_string):
    return SearchState.from_query(QueryDict(query_string))


def test_relevance_values_are_read_and_combined_with_or():
    state = state_of("relevance=core&relevance=related&relevance=core")
    assert state.values("relevance") == ("core", "related")
    assert state.combine("relevance") == "OR"
    assert state.problems == ()
    assert state.querystring() == "relevance=core&relevance=related"


def test_an_unknown_relevance_value_is_a_problem_that_names_the_values_there_are():
    state = state_of("relevance=hors_sujet&q=mur")
    assert state.values("relevance") == ()
    assert state.q == "mur"
    assert state.problems == (
        "Paramètre « Sujet de l'archive » ignoré : valeur non reconnue : « hors_sujet » "
        "(valeurs possibles : core, related, off_topic)",
    )


def test_relevance_cannot_be_required_all_together():
    state = state_of("relevance=core&relevance=related&all=relevance")
    assert state.all_of == () and state.problems


def test_relevance_values_come_in_their_own_order_with_french_labels():
    counts = {"relevance": [("off_topic", 900), ("related", 40), ("core", 20)]}
    listed = facet_lists(counts, {"relevance": ("core",)}, labels_of({"relevance": ["core", "related", "off_topic"]}))
    assert [(v["value"], v["label"], v["count"], v["selected"]) for v in listed["relevance"]] == [
        ("core", "au cœur du sujet", 20, True),
        ("related", "lié au sujet", 40, False),
        ("off_topic", "hors sujet", 900, False),
    ]


def test_the_chip_of_a_relevance_filter_reads_in_french():
    [chip] = state_of("relevance=off_topic").chips()
    assert (chip.name, chip.label) == ("Sujet de l'archive", "hors sujet")
    assert FACETS["relevance"].values == ("core", "related", "off_topic")
