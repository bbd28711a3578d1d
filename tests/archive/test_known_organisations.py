"""The list of known organisations in the archive: seeded by a migration, edited by
editors in the admin, read by every import and re-extraction, named entities that
keep their name, carried by backups."""

import gzip
import importlib
import io
import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.core.management import call_command

from archive.extraction.organisations import seed_organisations
from archive.models import Alias, Entity, Mention, OrganisationPattern
from archive.resolution import resolve_entities

PASSWORD = "motdepasse-solide-42"
CHANGELIST = "/admin/archive/organisationpattern/"


@pytest.fixture
def editor_client(client, db):
    """An editor as the superuser makes one: staff, in the « éditeur » group, nothing more."""
    user = User.objects.create_user("redactrice", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="éditeur"))
    client.force_login(user)
    return client


def organisations_of(article):
    return {m.entity.name for m in article.mentions.filter(entity__kind="organisation").select_related("entity")}


def kinds_of(article, name):
    return {m.entity.kind for m in article.mentions.select_related("entity") if m.entity.name == name}


def reextract(*slugs):
    call_command("extract_metadata", *slugs, stdout=io.StringIO(), stderr=io.StringIO())


def search(client, query):
    return {r["slug"] for r in client.get("/api/search/", {"q": query}).json()["results"]}


# The list Vigie starts with


def test_a_migration_seeds_the_domain_list(db):
    seed = seed_organisations()
    assert OrganisationPattern.objects.count() == len(seed)
    cbp = OrganisationPattern.objects.get(name="CBP")
    assert "Customs and Border Protection" in cbp.spellings()
    assert cbp.note
    assert OrganisationPattern.objects.get(name="cartel de Sinaloa").spellings()[0] == "cartel* (mexicain) d* Sinaloa"


def test_running_the_seed_again_leaves_an_editors_changes_alone(db):
    migration = importlib.import_module("archive.migrations.0008_seed_organisation_patterns")
    OrganisationPattern.objects.filter(name="CBP").update(patterns="Customs and Border Protection", note="revue")
    OrganisationPattern.objects.filter(name="ICE").delete()
    migration.seed(apps, None)
    assert OrganisationPattern.objects.get(name="CBP").patterns == "Customs and Border Protection"
    assert OrganisationPattern.objects.filter(name="ICE").exists()


def test_editors_may_edit_the_list_as_they_edit_themes(db):
    group = Group.objects.get(name="éditeur")
    codenames = set(group.permissions.values_list("codename", flat=True))
    for action in ("add", "change", "delete", "view"):
        assert f"{action}_organisationpattern" in codenames
        assert f"{action}_theme" in codenames


# The admin


def test_an_editor_lists_and_searches_the_list(editor_client):
    html = editor_client.get(CHANGELIST).content.decode()
    assert "Pueblo Sin Fronteras" in html and "Pueblos Sin Fronteras" in html
    found = editor_client.get(CHANGELIST, {"q": "Customs and Border"}).content.decode()
    assert ">CBP</a>" in found and "Pentagone" not in found


def test_saving_a_change_says_that_re_extraction_applies_it(editor_client):
    response = editor_client.post(
        f"{CHANGELIST}add/",
        {"name": "Colectivo Solecito", "patterns": "Solecito de Veracruz\nSolecito", "note": "Mères de disparus."},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    added = OrganisationPattern.objects.get(name="Colectivo Solecito")
    assert added.spellings() == ("Solecito de Veracruz", "Solecito")
    message = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "manage.py extract_metadata --all" in message and "Ré-extraire" in message


def test_deleting_one_says_it_too(editor_client):
    pattern = OrganisationPattern.objects.get(name="Proceso")
    response = editor_client.post(f"{CHANGELIST}{pattern.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert "extract_metadata --all" in " ".join(str(m) for m in get_messages(response.wsgi_request))


@pytest.mark.parametrize(
    "patterns, error",
    [
        ("cartel (de Solecito", "parenthèse"),
        ("Sole*cito", "fin d&#x27;un mot"),
        ("Customs and Border Protection", "est déjà une graphie de « CBP »"),
        ("customs-and-border protection", "est déjà une graphie de « CBP »"),
    ],
)
def test_a_spelling_that_cannot_be_matched_or_names_another_organisation_is_refused(editor_client, patterns, error):
    response = editor_client.post(f"{CHANGELIST}add/", {"name": "Colectivo Solecito", "patterns": patterns})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not OrganisationPattern.objects.filter(name="Colectivo Solecito").exists()


# Extraction reads the list


def test_an_import_finds_the_organisations_of_the_list_under_their_name(make_article, client):
    article = make_article(
        "Des agents de Customs and Border Protection ont arrêté 300 migrants près d'El Paso.\n\n"
        "Selon l'ONG Pueblos Sin Fronteras, la caravane poursuit sa route vers le nord."
    )
    assert {"CBP", "Pueblo Sin Fronteras"} <= organisations_of(article)
    assert kinds_of(article, "Pueblo Sin Fronteras") == {"organisation"}
    cbp = Entity.objects.get(kind="organisation", name="CBP")
    # The list's spellings are the entity's: the acronym finds the article that spells it out.
    assert {"Customs and Border Protection", "CBP"} <= set(cbp.aliases.values_list("name", flat=True))
    assert search(client, 'organisation:"CBP"') == {article.slug}
    assert search(client, 'organisation:"Customs and Border Protection"') == {article.slug}


def test_a_line_added_to_the_list_applies_to_the_next_import(make_article):
    OrganisationPattern.objects.create(name="Colectivo Solecito", patterns="Solecito")
    article = make_article("Les mères du Solecito fouillent les fosses clandestines de Veracruz depuis 2016.")
    assert "Colectivo Solecito" in organisations_of(article)


def test_re_extraction_applies_an_edited_list(seeds):
    article = seeds[4]
    assert kinds_of(article, "Tren de Aragua") == {"organisation"}
    OrganisationPattern.objects.get(name="Tren de Aragua").delete()
    reextract(article.slug)
    assert "Tren de Aragua" not in organisations_of(article)  # the recogniser's place
    OrganisationPattern.objects.create(name="Tren de Aragua", patterns="Tren de Aragua")
    reextract(article.slug)
    assert kinds_of(article, "Tren de Aragua") == {"organisation"}


def test_an_entity_found_under_a_spelling_of_the_list_takes_the_list_name(make_article, client):
    old = Entity.objects.create(kind="organisation", name="Customs and Border Protection", slug="customs")
    Alias.objects.create(entity=old, name="Customs and Border Protection")
    article = make_article("Les agents de Customs and Border Protection patrouillent le long du Rio Grande.")
    old.refresh_from_db()
    assert old.name == "CBP" and Mention.objects.filter(article=article, entity=old).exists()


def test_an_entity_an_editor_named_keeps_its_name(make_article):
    named = Entity.objects.create(kind="organisation", name="Douanes (CBP)", slug="douanes", name_edited=True)
    Alias.objects.create(entity=named, name="CBP")
    make_article("La CBP a intercepté un camion chargé de fentanyl au poste-frontière de Nogales.")
    named.refresh_from_db()
    assert named.name == "Douanes (CBP)"


def test_resolution_never_merges_a_listed_organisation_away(seeds):
    cbp = Entity.objects.get(kind="organisation", name="CBP")
    homonym = Entity.objects.create(kind="organisation", name="Comité de bienfaisance populaire", slug="cbp-homonyme")
    for article in seeds.values():
        Mention.objects.create(article=article, entity=homonym)
    resolve_entities()
    assert Entity.objects.filter(pk=cbp.pk, name="CBP").exists()
    assert Mention.objects.filter(article=seeds[1], entity=cbp).exists()


# Backups


@pytest.mark.django_db(transaction=True)
def test_a_backup_carries_the_list_and_one_from_before_it_leaves_the_list_alone(seeds, tmp_path):
    # update_or_create: a transactional test before this one may have flushed what migrations seeded.
    OrganisationPattern.objects.update_or_create(
        name="CBP", defaults={"patterns": "Customs and Border Protection\nla migra"}
    )
    path = tmp_path / "vigie.jsonl.gz"
    call_command("export_archive", str(path), stdout=io.StringIO())
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        manifest, *records = lines.read().splitlines()
    assert any('"model": "archive.organisationpattern"' in record and "la migra" in record for record in records)

    # The same archive as an older Vigie wrote it: no list in it.
    manifest = json.loads(manifest)
    manifest["counts"].pop("archive.organisationpattern")
    older = tmp_path / "older.jsonl.gz"
    with gzip.open(older, "wt", encoding="utf-8") as out:
        out.write(json.dumps(manifest) + "\n")
        out.writelines(r + "\n" for r in records if '"model": "archive.organisationpattern"' not in r)
    OrganisationPattern.objects.create(name="Colectivo Solecito", patterns="Solecito")
    before = list(OrganisationPattern.objects.order_by("pk").values())
    call_command("import_archive", str(older), "--replace", stdout=io.StringIO())
    assert list(OrganisationPattern.objects.order_by("pk").values()) == before

    call_command("import_archive", str(path), "--replace", stdout=io.StringIO())
    assert not OrganisationPattern.objects.filter(name="Colectivo Solecito").exists()
    assert "la migra" in OrganisationPattern.objects.get(name="CBP").patterns
