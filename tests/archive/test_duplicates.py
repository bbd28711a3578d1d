"""Near-duplicate links in the archive: wire copies linked with their
similarity, recurring furniture and follow-up stories never."""

from io import StringIO

from django.core.management import call_command

from archive.duplicates import relink_all
from archive.models import FingerprintPassage, NearDuplicate
from tests.archive.extraction.test_wire_copies import FURNITURE, STORY


def linked(article):
    return {other.slug for other in article.near_duplicates.all()}


def test_a_wire_copy_in_another_paper_the_same_day_is_linked_with_its_similarity(make_article):
    story = make_article(STORY, title="Des soldats à la frontière", date="2018-10-30", source="AFP", ref="a.txt")
    copy = make_article(
        "Washington. " + STORY, title="5.200 soldats envoyés", date="2018-10-30", source="Belga", ref="b.txt"
    )
    assert linked(story) == {copy.slug} and linked(copy) == {story.slug}
    assert NearDuplicate.objects.get(from_article=story, to_article=copy).similarity > 0.95


def test_a_follow_up_a_week_later_reusing_the_story_is_not_linked(make_article):
    story = make_article(STORY, date="2018-10-30", ref="a.txt")
    follow_up = make_article(
        "Une semaine après, les premiers soldats sont arrivés au Texas.\n\n" + STORY, date="2018-11-06", ref="b.txt"
    )
    assert not linked(story) and not linked(follow_up)


def test_articles_sharing_only_a_passage_found_across_the_archive_are_not_linked(make_article):
    cartoons = [
        make_article(
            f"Le dessin paru en une le {day} janvier est signé par le dessinateur numéro {day}.\n\n{FURNITURE}",
            title=f"Vu par… dessinateur {day}",
            date=f"2022-01-{day:02d}",
            ref=f"dessin{day}.txt",
        )
        for day in range(1, 9)
    ]
    # The first ones were linked while the passage was still rare; the later
    # ones made it furniture, and those links were judged again.
    assert not NearDuplicate.objects.exists()
    assert all(not linked(cartoon) for cartoon in cartoons)


def test_relinking_the_archive_keeps_wire_copies_and_the_seeds_pair(seeds):
    assert relink_all() == 1
    assert linked(seeds[1]) == {seeds[2].slug}


def test_preparing_an_archive_from_before_passage_keys_judges_its_links_again(seeds):
    FingerprintPassage.objects.all().delete()
    out = StringIO()
    call_command("prepare_archive", stdout=out)
    assert "Quasi-doublons à recalculer" in out.getvalue()
    assert FingerprintPassage.objects.exists()
    assert linked(seeds[1]) == {seeds[2].slug}
