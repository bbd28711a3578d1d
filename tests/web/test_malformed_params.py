"""Every search parameter with malformed values: the page answers 200 with a
French message, the API 400 with the reasons; never a server error."""

import pytest

BAD_VALUES = {
    "q": ['"unbalanced', "(((", "AND", "titre:", "personne:", "*", "~", "a~9", "-", "x" * 5000, "\x00", "<script>"],
    "page": ["0", "-1", "abc", "1e9", "99999999999999999999", "1.5", ""],
    "sort": ["date", "-newest", "<b>", "relevance;drop"],
    "year": ["18", "20188", "deux-mille", "<script>"],
    "source": ["AFP!", "../etc", "a" * 300, "<script>"],
    "person": ["Donald Trump", "x" * 300, "é"],
    "place": ["'; drop table", "%00"],
    "organisation": ["ORG NAME"],
    "theme": ["Thème"],
    "date_from": ["2018-13", "2018-02-30", "hier", "0999", "2018-1-1-1", "<script>", "9" * 30],
    "date_to": ["31/02/2019", "2019-00", "next week"],
    "undated": ["peut-être", "2", "<script>"],
    "inconnu": ["1"],
}
CASES = [(name, value) for name, values in BAD_VALUES.items() for value in values]


# One test per view looping over the cases: importing the seeds per case would
# cost a second each. The failure lists every case that went wrong.


def test_the_search_page_answers_every_bad_parameter_with_a_page(client, seeds):
    failures = []
    for name, value in CASES:
        response = client.get("/recherche/", {name: value})
        body = response.content.decode().split("</head>")[-1]
        if response.status_code != 200 or "<script>" in body:
            failures.append((name, value[:40], response.status_code))
    assert failures == []


def test_the_search_api_answers_every_bad_parameter_with_400_or_a_result(client, seeds):
    failures = []
    for name, value in CASES:
        response = client.get("/api/search/", {name: value})
        payload = response.json() if response.status_code in (200, 400) else {}
        if response.status_code == 400:
            ok = bool(payload.get("errors")) and all(isinstance(e, str) for e in payload["errors"])
        else:
            ok = response.status_code == 200 and "count" in payload
        if not ok:
            failures.append((name, value[:40], response.status_code))
    assert failures == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "hier"}, "n'est pas une date"),
        ({"page": "abc"}, "Paramètre « page » ignoré"),
        ({"sort": "date"}, "Paramètre « Trier par » ignoré"),
        ({"source": "AFP!"}, "valeur non reconnue"),
        ({"inconnu": "1"}, "Paramètre inconnu ignoré : « inconnu »"),
        ({"undated": "1", "date_from": "2018"}, "la période est ignorée"),
    ],
)
def test_a_bad_parameter_is_explained_in_french(client, empty_index, params, message):
    html = client.get("/recherche/", params).content.decode().replace("&#x27;", "'")
    assert message in html
    assert message in " ".join(
        client.get("/api/search/", params).json().get("errors", [])
        + client.get("/api/search/", params).json().get("messages", [])
    )
