"""What an editor types in the admin inlines gets a message, never a server error."""

import pytest

from archive.models import Alias, Entity, Figure, Mention, Origin, Review
from tests.archive.test_curation import change_form, change_url


def figure_rows(*rows):
    data = {"figures-TOTAL_FORMS": str(len(rows)), "figures-INITIAL_FORMS": "0"}
    for i, (count, sentence) in enumerate(rows):
        data |= {
            f"figures-{i}-count": str(count), f"figures-{i}-unit": "soldats", f"figures-{i}-sentence": sentence,
            f"figures-{i}-review": "pending", f"figures-{i}-qualifier": "", f"figures-{i}-force": "",
        }  # fmt: skip
    return data


def test_an_editor_can_add_several_figures_at_once(editor_client, seeds):
    article = seeds[0]
    rows = figure_rows((300, "Trois cents soldats partent."), (400, "Quatre cents soldats suivent."))
    response = editor_client.post(change_url(article), change_form(article) | rows)
    assert response.status_code == 302
    added = Figure.objects.filter(article=article, origin=Origin.EDITOR)
    assert sorted(added.values_list("count", flat=True)) == [300, 400]
    assert all(f.key and f.review == Review.ACCEPTED for f in added)


def test_a_figure_the_article_already_has_is_refused_with_a_message(editor_client, seeds):
    article = seeds[1]
    known = Figure.objects.filter(article=article).first()
    rows = figure_rows((known.count, known.sentence))
    rows["figures-0-unit"] = known.unit
    response = editor_client.post(change_url(article), change_form(article) | rows)
    assert response.status_code == 200
    assert "Cet élément figure déjà dans l" in response.content.decode()
    assert Figure.objects.filter(article=article).count() == article.figures.count()


def test_the_same_new_figure_twice_is_refused_with_a_message(editor_client, seeds):
    article = seeds[0]
    rows = figure_rows((300, "Trois cents soldats partent."), (300, "Trois cents soldats partent."))
    response = editor_client.post(change_url(article), change_form(article) | rows)
    assert response.status_code == 200
    assert not Figure.objects.filter(article=article).exists()


def entity_form(entity, *names):
    data = {"name": entity.name, "kind": entity.kind, "aliases-INITIAL_FORMS": "0"}
    data["aliases-TOTAL_FORMS"] = str(len(names))
    data |= {f"aliases-{i}-name": name for i, name in enumerate(names)}
    return data


def test_a_spelling_another_entity_owns_is_refused_with_advice_to_merge(editor_client, seeds):
    dunford = Entity.objects.get(name="Joseph Dunford")
    response = editor_client.post(f"/admin/archive/entity/{dunford.pk}/change/", entity_form(dunford, "Donald Trump"))
    assert response.status_code == 200
    assert "fusionnez les deux entités" in response.content.decode()
    assert Alias.objects.get(kind="person", key="donald trump").entity.name == "Donald Trump"


def test_a_spelling_without_letters_is_refused(editor_client, seeds):
    dunford = Entity.objects.get(name="Joseph Dunford")
    response = editor_client.post(f"/admin/archive/entity/{dunford.pk}/change/", entity_form(dunford, "«—»"))
    assert response.status_code == 200
    assert "aucune lettre" in response.content.decode()


def test_a_new_spelling_is_saved_with_its_key(editor_client, seeds):
    dunford = Entity.objects.get(name="Joseph Dunford")
    response = editor_client.post(
        f"/admin/archive/entity/{dunford.pk}/change/", entity_form(dunford, "Général Dunford")
    )
    assert response.status_code == 302
    assert Alias.objects.get(kind="person", key="general dunford").entity == dunford


def test_an_entity_mentioned_twice_in_the_inline_is_refused_with_a_message(editor_client, seeds):
    article = seeds[3]
    trump = Entity.objects.get(name="Donald Trump")
    data = change_form(article) | {"mentions-TOTAL_FORMS": "2", "mentions-INITIAL_FORMS": "0"}
    for i in range(2):
        data |= {f"mentions-{i}-entity": str(trump.pk), f"mentions-{i}-count": "1",
                 f"mentions-{i}-first_position": "0", f"mentions-{i}-review": "pending"}  # fmt: skip
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert not Mention.objects.filter(article=article, entity=trump).exists()


def test_an_entity_the_article_already_mentions_is_refused_with_a_message(editor_client, seeds):
    article = seeds[1]
    trump = Entity.objects.get(name="Donald Trump")
    data = change_form(article) | {"mentions-TOTAL_FORMS": "1", "mentions-INITIAL_FORMS": "0"}
    data |= {"mentions-0-entity": str(trump.pk), "mentions-0-count": "1", "mentions-0-first_position": "0",
             "mentions-0-review": "pending"}  # fmt: skip
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert Mention.objects.filter(article=article, entity=trump).count() == 1


@pytest.mark.parametrize("path", ["/admin/archive/article/", "/admin/archive/entity/", "/admin/archive/feed/"])
def test_a_filter_on_a_number_beyond_64_bits_is_a_wrong_filter_not_an_error(editor_client, seeds, path):
    # Found by tests/web/test_property_views.py: SQLite raised OverflowError, a 500. It now
    # answers as to any wrong filter; PostgreSQL compares the number and finds nothing.
    response = editor_client.get(path, {"id__in": "9999999999999999999999999"})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"].endswith("?e=1")
    assert editor_client.get(path, {"id__in": "9999999999999999999999999", "e": "1"}).status_code == 200
