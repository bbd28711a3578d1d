"""A merged entity's page address keeps working: it leads, for good (301), to
the entity kept, even after a further merge."""

from archive.entities import entity_for, merge_entities
from archive.extraction.entities import FoundEntity
from archive.models import Entity


def entity(name):
    return Entity.objects.get(name=name)


def test_the_page_of_a_merged_entity_redirects_for_good_to_the_one_kept(client, seeds):
    trump, biden = entity("Donald Trump"), entity("Biden")
    assert client.get(biden.get_absolute_url()).status_code == 200
    merge_entities(trump, [biden])
    response = client.get(f"/entites/{biden.slug}/")
    assert response.status_code == 301
    assert response["Location"] == "/entites/donald-trump/"
    assert client.get(response["Location"]).status_code == 200


def test_the_redirect_keeps_the_readers_parameters(client, seeds):
    trump, biden = entity("Donald Trump"), entity("Biden")
    merge_entities(trump, [biden])
    response = client.get(f"/entites/{biden.slug}/", {"sujet": "tout", "page": "2"})
    assert response.status_code == 301
    assert response["Location"] == "/entites/donald-trump/?sujet=tout&page=2"


def test_a_page_merged_twice_leads_to_the_last_entity_kept(client, seeds):
    trump, biden, harris = entity("Donald Trump"), entity("Biden"), entity("Kamala Harris")
    merge_entities(harris, [biden])
    merge_entities(trump, [harris])
    for slug in (biden.slug, harris.slug):
        response = client.get(f"/entites/{slug}/")
        assert (response.status_code, response["Location"]) == (301, "/entites/donald-trump/")
    assert sorted(trump.former_slugs.values_list("slug", flat=True)) == sorted([biden.slug, harris.slug])


def test_an_unknown_entity_is_still_not_found(client, seeds):
    assert client.get("/entites/personne-inconnue/").status_code == 404


def test_a_new_entity_never_takes_the_address_of_a_merged_one(seeds):
    trump, biden = entity("Donald Trump"), entity("Biden")
    merge_entities(trump, [biden])
    # A place of the same spelling comes later: its page must not hide the redirect.
    place = entity_for(FoundEntity(kind="place", name="Biden", key="biden", count=1))
    assert place.slug != biden.slug


def test_the_entity_admin_lists_the_addresses_merged_into_it(editor_client, seeds):
    trump, biden = entity("Donald Trump"), entity("Biden")
    merge_entities(trump, [biden])
    html = editor_client.get(f"/admin/archive/entity/{trump.pk}/change/").content.decode()
    assert "anciennes adresses" in html.lower() and biden.slug in html
