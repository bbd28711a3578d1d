"""One entity per real-world thing across the archive (archive/resolution.py):
articles imported one by one, with the real recogniser, then resolved."""

import io

import pytest
from django.core.management import call_command

from archive.models import Article, Entity, Mention
from archive.resolution import resolve_entities

pytestmark = pytest.mark.django_db

FULL = (
    "Le président américain Donald Trump a annoncé l'envoi de soldats à la frontière avec le Mexique. "
    "Donald Trump a signé le décret mardi à Washington."
)
SHORT = "À la frontière, Trump veut des soldats. Selon Trump, le Mexique ne fait rien pour arrêter les migrants."
NICKNAMED = (
    'Le narcotrafiquant mexicain Joaquin Guzman, alias "El Chapo", a été condamné à la perpétuité à New York. '
    "Les avocats d'El Chapo feront appel."
)
NICKNAME_ALONE = (
    "Selon la justice américaine, El Chapo s'était évadé deux fois de prison au Mexique. "
    "Le baron El Chapo dirigeait le cartel de Sinaloa."
)


def people(name):
    return list(Entity.objects.filter(name=name).values_list("kind", flat=True))


def articles_of(name):
    return set(Mention.objects.filter(entity__name=name).values_list("article__title", flat=True))


def test_a_surname_alone_becomes_the_one_full_name_the_archive_knows(make_article):
    full = make_article(FULL, title="Trump envoie des soldats")
    short = make_article(SHORT, title="Trump et la frontière")
    assert Entity.objects.filter(name="Trump").exists()  # each article alone: two entities

    merges, _ = resolve_entities()

    assert any(m.source == "Trump (personne)" and m.target == "Donald Trump (personne)" for m in merges)
    assert not Entity.objects.filter(name="Trump").exists()
    assert articles_of("Donald Trump") == {full.title, short.title}
    # The next article that says "Trump" alone finds him at once, through the alias.
    again = make_article(SHORT + " Trump insiste.", title="Trump encore")
    assert again.mentions.filter(entity__name="Donald Trump").exists()


def test_a_surname_two_people_share_stays_itself(make_article):
    make_article(FULL, title="Donald")
    make_article("Melania Trump a visité un centre de rétention au Texas. Melania Trump était seule.", title="Melania")
    make_article(SHORT, title="Court")

    resolve_entities()

    assert Entity.objects.filter(name="Trump", kind="person").exists()


def test_a_nickname_seen_alone_is_the_person_another_article_named(make_article):
    named = make_article(NICKNAMED, title="Condamnation")
    alone = make_article(NICKNAME_ALONE, title="Évasions")
    guzman = Entity.objects.get(name="Joaquin Guzman")
    assert named.mentions.get(entity=guzman).count == 3  # "Joaquin Guzman" and twice "El Chapo"
    assert guzman.aliases.filter(name="El Chapo").exists()

    resolve_entities()

    assert not Entity.objects.filter(name="El Chapo").exists()
    assert articles_of("Joaquin Guzman") == {named.title, alone.title}
    assert Entity.objects.get(pk=guzman.pk).kind == "person"


def test_an_acronym_is_the_name_whose_initials_it_spells(make_article):
    make_article(
        "Le président mexicain, Andres Manuel Lopez Obrador, a reçu les chefs de l'armée. "
        "Andres Manuel Lopez Obrador a défendu la garde nationale.",
        title="Le président",
    )
    alone = make_article(
        "AMLO a déployé des soldats à la frontière. Pour AMLO, la garde nationale doit rester sous "
        "contrôle militaire, a répété AMLO jeudi.",
        title="AMLO",
    )
    assert alone.mentions.filter(entity__name="AMLO").exists()  # each article alone: two entities

    resolve_entities()

    assert alone.mentions.filter(entity__name="Andres Manuel Lopez Obrador").exists()
    assert not Entity.objects.filter(name="AMLO").exists()


def test_an_editors_name_is_never_merged_away(make_article):
    make_article(FULL, title="Donald")
    make_article(SHORT, title="Court")
    Entity.objects.filter(name="Trump").update(name_edited=True)

    merges, _ = resolve_entities()

    assert Entity.objects.filter(name="Trump").exists()
    assert not any(m.source.startswith("Trump ") for m in merges)


def test_dry_run_changes_nothing_and_the_command_reports(make_article):
    make_article(FULL, title="Donald")
    make_article(SHORT, title="Court")
    before = Entity.objects.count()
    out = io.StringIO()

    call_command("resolve_entities", "--dry-run", stdout=out)

    assert "Trump (personne) → Donald Trump (personne) (nom de famille seul)" in out.getvalue()
    assert Entity.objects.count() == before
    call_command("resolve_entities", stdout=io.StringIO())
    assert Entity.objects.count() < before


def test_import_resolves_and_the_search_follows(make_article, client, tmp_path):
    make_article(FULL, title="Donald")
    path = tmp_path / "short.txt"
    path.write_text(SHORT, encoding="utf-8")

    call_command("import_articles", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    short = Article.objects.get(title__startswith="À la frontière")
    trump = Entity.objects.get(name="Donald Trump")
    assert short.mentions.filter(entity=trump).exists()
    response = client.get("/api/search/", {"person": trump.slug})
    assert short.slug in {r["slug"] for r in response.json()["results"]}


def test_a_known_place_is_never_merged_into_a_person_nor_a_big_entity_into_a_small_one(make_article):
    from archive.entities import add_alias

    for n in range(3):
        make_article(f"La France a voté la loi {n}. La France attend. Paris a protesté.", title=f"France {n}")
    make_article("L'actrice Nini Vilivong joue dans ce film. Nini Vilivong est remarquable.", title="Film")
    france = Entity.objects.get(name="France", kind="place")
    # One article's slip gave the actress the spelling "France" (a role she plays).
    add_alias(Entity.objects.get(name="Nini Vilivong"), "France")

    resolve_entities()

    assert Entity.objects.filter(pk=france.pk, kind="place").exists()
    assert len(articles_of("France")) == 3


def test_an_organisations_acronym_cited_apart_from_the_name_it_spells_stays_apart(make_article):
    make_article(
        "Les normaliens de l'École normale d'Ayotzinapa ont manifesté à Iguala. "
        "L'École normale d'Ayotzinapa réclame justice pour ses 43 étudiants.",
        title="Ayotzinapa",
    )
    elsewhere = make_article(
        "Emmanuel Macron a annoncé la suppression de l'ENA en 2021. L'ENA formait les hauts fonctionnaires "
        "depuis 1945, et l'ENA sera remplacée par un institut.",
        title="La fin de l'ENA",
    )
    resolve_entities()
    assert elsewhere.mentions.filter(entity__name="ENA").exists()
    assert not elsewhere.mentions.filter(entity__name="École normale d'Ayotzinapa").exists()
