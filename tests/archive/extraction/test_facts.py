"""Facts found in article texts: numbers, figures, quotes, entities, dates, agencies,
themes and fingerprints. No database; the real recogniser runs in one module fixture."""

import datetime as dt
import functools

import pytest
from django.utils.text import slugify

from archive.extraction.agency import byline_agency
from archive.extraction.boilerplate import clean_body
from archive.extraction.dates import DateSource, Precision, date_in_text
from archive.extraction.entities import (
    ORGANISATION,
    PERSON,
    PLACE,
    RawMention,
    clean_name,
    entity_key,
    group_mentions,
    is_noise,
    speaker_resolver,
)
from archive.extraction.figures import find_figures
from archive.extraction.fingerprint import MIN_WORDS, THRESHOLD, band_keys, signature, similarity
from archive.extraction.header import read_header
from archive.extraction.numbers import parse_number
from archive.extraction.organisations import KnownOrganisations, seed_organisations
from archive.extraction.pipeline import RawArticle, analysed_text, extract, find_facts
from archive.extraction.quotes import find_quotes
from archive.extraction.text import normalise
from archive.extraction.themes import MIN_HITS, SEED_THEMES, Lexicon, find_themes, keyword_pattern, parse_keywords
from tests.conftest import SEEDS


def raw_seed(number):
    return next(SEEDS.glob(f"{number:03d}_*.txt")).read_text(encoding="utf-8")


@functools.cache
def seed(number):
    return extract(RawArticle(text=raw_seed(number)))


def seed_body(number):
    """The body as the pipeline cleans it: header read off, boilerplate removed."""
    text = normalise(raw_seed(number))
    if header := read_header(text):
        text = header.rest
    return clean_body(text)


def at(text, span, label, after=""):
    """A recogniser mention of `span`, at its first occurrence after `after`."""
    return RawMention(span, label, text.index(span, text.index(after) if after else 0))


def figures_of(text):
    return [(f.count, f.qualifier, f.unit, f.force) for f in find_figures(text)]


@pytest.mark.parametrize(
    "text, value",
    [("5.200", 5200), ("12 000", 12000), ("5\u00a0200", 5200), ("5\u202f200", 5200), ("800", 800)]
    + [("un millier", 1000), ("deux mille", 2000)],
)
def test_it_reads_french_numbers(text, value):
    assert parse_number(text) == value


def test_the_seed_001_figures_have_their_qualifier_unit_and_force():
    assert figures_of(seed_body(1)) == [
        (5000, "plus de", "militaires", "armée américaine"),
        (5200, "plus de", "soldats", ""),
        (2000, "quelque", "membres de la Garde nationale", "Garde nationale"),
        (4000, "un maximum de", "membres de la Garde nationale", "Garde nationale"),
        (2100, "environ", "membres de la Garde nationale", "Garde nationale"),
    ]


def test_the_seed_002_figures_include_the_800_soldiers_evoked_before():
    figures = figures_of(extract(RawArticle(text=raw_seed(2))).body)
    assert (5000, "", "soldats", "armée américaine") in figures
    assert (800, "", "soldats", "armée américaine") in figures


def test_a_figure_knows_its_sentence_and_where_it_starts():
    body = seed_body(1)
    figure = find_figures(body)[3]
    assert figure.sentence.startswith("En avril")
    assert body[figure.position :].startswith(figure.sentence)


@pytest.mark.parametrize(
    "text, qualifier",
    [("jusqu'à ", "jusqu'à"), ("jusqu’à ", "jusqu'à"), ("environ ", "environ"), ("quelque ", "quelque")]
    + [("plus de ", "plus de"), ("d'un maximum de ", "un maximum de"), ("", "")],
)
def test_a_figure_keeps_its_qualifier(text, qualifier):
    sentence = f"Il a ordonné l'envoi {text}15.000 soldats."
    assert [(f.count, f.qualifier) for f in find_figures(sentence)] == [(15000, qualifier)]


@pytest.mark.parametrize(
    "text, unit, force",
    [
        ("Le Pentagone enverra 800 soldats américains.", "soldats", "armée américaine"),
        ("Le Pentagone enverra 800 militaires.", "militaires", "armée américaine"),
        ("Le Texas a mobilisé 800 membres de la Garde nationale.", "membres de la Garde nationale", "Garde nationale"),
        ("Mexico a envoyé 800 membres de la Guardia Nacional.", "membres de la Guardia Nacional", "Guardia Nacional"),
        ("Washington a envoyé 800 agents.", "agents", ""),
        ("La ville a envoyé 800 policiers.", "policiers", ""),
    ],
)
def test_a_figure_names_its_unit_and_force(text, unit, force):
    assert figures_of(text) == [(800, "", unit, force)]


@pytest.mark.parametrize(
    "text, count",
    [("12 000", 12000), ("5\u00a0200", 5200), ("5\u202f200", 5200), ("un millier de", 1000), ("deux mille", 2000)],
)
def test_a_figure_reads_every_way_of_writing_its_count(text, count):
    assert [f.count for f in find_figures(f"Il a déployé {text} soldats.")] == [count]


@pytest.mark.parametrize(
    "text",
    ["Une caravane de 7.000 personnes.", "Quelque 300 délégués.", "Il a 1.743 demandes d'asile.", "5.000 migrants."],
)
def test_counts_of_people_who_are_not_a_force_are_not_figures(text):
    assert find_figures(text) == []


def test_an_elliptic_count_takes_the_unit_of_the_figure_before():
    text = "Il avait ordonné l'envoi de 4.000 membres de la Garde nationale. Environ 2.100 ont été déployés."
    assert figures_of(text)[1] == (2100, "environ", "membres de la Garde nationale", "Garde nationale")


def test_an_elliptic_count_in_the_same_sentence_takes_the_unit_of_its_figure():
    text = "Il enverra 5.000 soldats, bien plus que les 800 évoqués la semaine dernière."
    assert [(f.count, f.unit) for f in find_figures(text)] == [(5000, "soldats"), (800, "soldats")]


def test_an_elliptic_count_without_a_figure_before_is_not_a_figure():
    assert find_figures("Environ 2.100 ont été déployés.") == []


def test_a_quote_in_guillemets_names_the_speaker_after_it():
    quotes = find_quotes("« Nous allons renforcer la frontière sud », a affirmé le général Joseph Dunford.")
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Nous allons renforcer la frontière sud", "le général Joseph Dunford")
    ]


def test_a_quote_in_straight_quotes_names_the_speaker_for_his_part():
    quotes = find_quotes('"Nous ne permettrons pas cette entrée", a pour sa part assuré Kevin McAleenan, le patron.')
    assert [(q.text, q.speaker) for q in quotes] == [("Nous ne permettrons pas cette entrée", "Kevin McAleenan")]


def test_a_quote_takes_its_speaker_from_selon_after_or_before_it():
    after = find_quotes("« Les troupes arriveront avant la fin du mois », selon le porte-parole John Kirby.")
    before = find_quotes("Selon le général Dunford, « les troupes fournissent une expertise en ingénierie ».")
    assert after[0].speaker == "le porte-parole John Kirby"
    assert before[0].speaker == "le général Dunford"


def test_a_quote_takes_its_speaker_from_the_subject_before_it():
    quotes = find_quotes("Le ministre a déclaré : « Nous ne céderons pas à la pression ».")
    assert [(q.text, q.speaker, q.position) for q in quotes] == [
        ("Nous ne céderons pas à la pression", "Le ministre", 24)
    ]


def test_a_pronoun_speaker_is_resolved_to_the_last_person_named():
    text = "Jim Mattis a parlé.\n\n« Les soldats partiront demain matin », a-t-il ajouté."
    resolve = speaker_resolver(group_mentions([at(text, "Jim Mattis", "PER")], text))
    assert find_quotes(text, resolve)[0].speaker == "Jim Mattis"


def test_a_pronoun_speaker_without_resolver_is_the_previous_speaker():
    text = "« Nous ne céderons pas à la pression », a dit Jim Mattis. « Les soldats partiront demain », a-t-il ajouté."
    assert [q.speaker for q in find_quotes(text)] == ["Jim Mattis", "Jim Mattis"]


def test_short_scare_quotes_are_not_quotes():
    assert find_quotes("Il dénonce une « invasion » et parle de « capacités militaires ».") == []


def test_seed_001_speakers_are_resolved_through_the_entities():
    article = seed(1)
    text = analysed_text(article.title, article.body)
    mentions = [
        at(text, "Terrence O'Shaughnessy", "PER"),
        at(text, "Kevin McAleenan", "PER"),
        at(text, "Donald Trump", "PER"),
    ]
    facts = find_facts(article.title, article.body, mentions, [])
    assert [q.speaker for q in facts.quotes] == [
        "Terrence O'Shaughnessy",
        "Kevin McAleenan",
        "Donald Trump",  # "a tweeté le président américain"
        "Donald Trump",  # "a-t-il ajouté"
    ]


def test_a_speaker_introduced_by_monsieur_keeps_his_name():
    quotes = find_quotes("« Nous ne céderons pas à la pression », a déclaré M. Trump.")
    assert quotes[0].speaker == "M. Trump"


def test_an_honorific_is_not_a_role_that_names_a_speaker():
    title = "Titre"
    body = "M. Dunford, conseiller du président Donald Trump, a parlé.\n\nSelon M. Trump, « nous ne céderons pas »."
    text = analysed_text(title, body)
    mentions = [at(text, "M. Dunford", "PER"), at(text, "Donald Trump", "PER"), at(text, "Trump", "PER", "Selon")]
    assert find_facts(title, body, mentions, []).quotes[0].speaker == "Donald Trump"


@pytest.mark.parametrize(
    "text, name, role",
    # A form of address is stripped and is no role: it says nothing of who the person is.
    [("M. Dunford", "Dunford", ""), ("M.\u00a0Dunford", "Dunford", "")]
    + [("le général Joseph Dunford", "Joseph Dunford", "général")]
    + [("la vice-présidente Kamala Harris", "Kamala Harris", "vice-présidente")]
    + [("président américain Donald Trump", "Donald Trump", "président américain")],
)
def test_titles_and_honorifics_are_stripped_from_names(text, name, role):
    assert clean_name(text, PERSON) == (name, role)


def test_titles_are_stripped_after_a_capitalised_article():
    assert clean_name("Le général Joseph Dunford", PERSON) == ("Joseph Dunford", "général")


def test_a_surname_is_the_full_name_of_the_same_article_and_counted_with_it():
    text = "Le général Joseph Dunford est venu. M. Dunford a parlé."
    [dunford] = group_mentions([at(text, "général Joseph Dunford", "PER"), at(text, "M. Dunford", "PER")], text)
    assert (dunford.kind, dunford.name, dunford.count) == (PERSON, "Joseph Dunford", 2)
    assert dunford.surnames == {"Dunford"}
    assert "général" in dunford.roles


def test_a_surname_two_people_share_is_left_alone():
    text = "Donald Trump et Melania Trump sont venus. Trump a parlé."
    mentions = [at(text, "Donald Trump", "PER"), at(text, "Melania Trump", "PER"), at(text, "Trump", "PER", "Trump a")]
    assert [e.name for e in group_mentions(mentions, text)] == ["Donald Trump", "Melania Trump", "Trump"]


def test_spellings_with_and_without_accents_are_one_entity_named_with_accents():
    text = "Les Etats-Unis, les Etats-Unis et les États-Unis."
    mentions = [at(text, "Etats-Unis", "LOC"), at(text, "Etats-Unis", "LOC", ", les"), at(text, "États-Unis", "LOC")]
    [usa] = group_mentions(mentions, text)
    assert (usa.kind, usa.name, usa.count, usa.aliases) == (PLACE, "États-Unis", 3, {"Etats-Unis"})
    assert entity_key("Etats-Unis") == entity_key("États-Unis")


@pytest.mark.parametrize("name", ["Il", "J.", "https://t.co/49p1iyChKu", "@VP", "caravane", "l'armée"])
def test_pronouns_initials_urls_handles_and_lowercase_spans_are_noise(name):
    assert is_noise(name, PERSON)


def test_a_name_in_english_tweet_text_is_noise():
    tweet = "The United States sees Mexico as a partner on these issues and we will work with our friends today."
    assert is_noise("Mexico", PLACE, tweet)
    assert not is_noise("Mexique", PLACE, "Les États-Unis voient le Mexique comme un partenaire dans la région.")


def test_noise_mentions_are_dropped_from_the_entities():
    text = "Il a vu J. Smith. Suivez @VP et https://t.co/abc sur la caravane."
    mentions = [at(text, "Il", "PER"), at(text, "J.", "PER"), at(text, "@VP", "ORG")]
    mentions += [at(text, "https://t.co/abc", "ORG"), at(text, "caravane", "LOC")]
    assert group_mentions(mentions, text) == []


def test_an_acronym_in_brackets_folds_into_the_long_name():
    text = "Les délégués de l'Organisation du traité de l'Atlantique Nord (OTAN) sont là. L'OTAN décidera."
    long = "Organisation du traité de l'Atlantique Nord"
    mentions = [at(text, long, "ORG"), at(text, "OTAN", "ORG"), at(text, "OTAN", "ORG", "L'OTAN")]
    [nato] = group_mentions(mentions, text)
    assert (nato.name, nato.count, nato.aliases) == (long, 3, {"OTAN"})


@pytest.fixture(scope="module")
def recognised():
    from archive.extraction.nlp import recognise  # noqa: PLC0415 - loads spaCy

    articles = {number: seed(number) for number in (0, 1)}
    texts = [analysed_text(a.title, a.body) for a in articles.values()]
    return {
        number: find_facts(a.title, a.body, mentions, [], organisations=KnownOrganisations(seed_organisations()))
        for (number, a), mentions in zip(articles.items(), recognise(texts), strict=True)
    }


def test_seed_000_counts_dunford_once_and_folds_nato(recognised):
    entities = {e.name: e for e in recognised[0].entities}
    assert entities["Joseph Dunford"].count == 3
    assert entities["Joseph Dunford"].surnames == {"Dunford"}
    assert entities["Organisation du traité de l'Atlantique Nord"].aliases == {"OTAN"}
    assert "OTAN" not in entities
    assert entities["États-Unis"].kind == PLACE


def test_seed_000_pronoun_quote_is_dunford(recognised):
    [quote] = recognised[0].quotes
    assert quote.text.startswith("Nous n'entrons pas en contact")
    assert quote.speaker == "Joseph Dunford"


def test_seed_001_speakers_with_the_real_recogniser(recognised):
    speakers = ["Terrence O'Shaughnessy", "Kevin McAleenan", "Donald Trump", "Donald Trump"]
    assert [q.speaker for q in recognised[1].quotes] == speakers
    pentagon = next(e for e in recognised[1].entities if e.key == "pentagone")
    assert pentagon.kind == ORGANISATION


TWEET = "— Vice President Kamala Harris (@VP) June 8, 2021"


@pytest.mark.parametrize(
    "text, date, evidence",
    [
        (f"Today we discussed security.\n{TWEET}\nLa suite.", dt.date(2021, 6, 8), TWEET),
        ("Aux élections de 2018, le lundi 29 octobre, il a parlé.", dt.date(2018, 10, 29), "lundi 29 octobre"),
        ("Le 1er novembre 2018, il a parlé.", dt.date(2018, 11, 1), "1er novembre 2018"),
    ],
)
def test_a_date_is_reasoned_from_the_text_with_its_evidence(text, date, evidence):
    assert date_in_text(text) == (date, evidence)


@pytest.mark.parametrize(
    "text",
    [
        "Aux élections de 2017, le lundi 29 octobre, il a parlé.",  # 29 October 2017 was a Sunday
        "Le lundi 29 octobre, il a parlé. Le 13 octobre, la caravane est partie.",  # no year anywhere
        raw_seed(0),
        raw_seed(2),
    ],
)
def test_no_date_is_given_when_the_year_is_missing_or_does_not_fit(text):
    assert date_in_text(text) == (None, "")


def test_a_date_in_the_text_gives_the_month_of_seed_003():
    article = seed(3)
    assert article.published_on == dt.date(2021, 6, 1)
    assert article.date_precision == Precision.MONTH
    assert article.date_source == DateSource.TEXT
    assert article.date_evidence == "— Vice President Kamala Harris (@VP) June 8, 2021"


def test_a_metadata_date_wins_over_the_text():
    article = extract(RawArticle(text=raw_seed(3), date="2021-07-15"))
    assert article.published_on == dt.date(2021, 7, 15)
    assert article.date_precision == Precision.DAY
    assert article.date_source == DateSource.METADATA


@pytest.mark.parametrize(
    "text, agency",
    [
        (" date 2018-10 (Belga) Plus de 5.000 militaires américains vont être déployés.", "Belga"),
        ("WASHINGTON (AFP) - Le Pentagone a annoncé lundi l'envoi de troupes.", "AFP"),
        ("Le Pentagone a annoncé lundi l'envoi de troupes.\nLe Monde avec AFP", "AFP"),
        ("Le Pentagone a annoncé lundi l'envoi de troupes. © Reuters", "Reuters"),
    ],
)
def test_a_byline_names_the_agency(text, agency):
    assert byline_agency(text) == agency


@pytest.mark.parametrize(
    "text",
    ["Selon NBC News, l'opération inclurait des frappes.", "EL PASO (Texas) - Des soldats sont arrivés.", raw_seed(4)],
)
def test_a_cited_medium_or_a_state_in_brackets_is_not_an_agency(text):
    assert byline_agency(text) == ""


def test_seed_004_has_no_source():
    assert seed(4).source_name == ""


def test_the_seed_001_header_names_belga():
    assert byline_agency(raw_seed(1)) == "Belga"
    assert read_header(normalise(raw_seed(1))).source == "Belga"


def test_a_prefix_keyword_matches_the_words_it_starts():
    pattern = keyword_pattern("migrant*")
    assert pattern.findall("migrant migrants migrante immigrants migratoire") == ["migrant", "migrants", "migrante"]


def test_keywords_match_without_accents_either_way():
    assert find_themes("Le déploiement et le deploiement.", [Lexicon("d", ("deploiement",))]) == [("d", 2)]
    assert find_themes("Le deploiement et le déploiement.", [Lexicon("d", ("déploiement",))]) == [("d", 2)]


def test_a_keyword_of_several_words_matches_them_in_sequence():
    lexicon = Lexicon("asile", ("demandeur* d'asile",))
    text = "Des demandeurs d’asile et un demandeur d'asile. Un demandeur, un asile."
    assert find_themes(text, [lexicon]) == [("asile", 2)]


def test_a_theme_needs_min_hits_keywords():
    lexicon = Lexicon("garde", ("Garde nationale",))
    assert MIN_HITS == 2
    assert find_themes("La Garde nationale est là.", [lexicon]) == []
    assert find_themes("La Garde nationale est là.", [lexicon], min_hits=1) == [("garde", 1)]
    assert find_themes("La Garde nationale et la garde nationale.", [lexicon]) == [("garde", 2)]


def test_keywords_are_typed_one_per_line_or_separated_by_commas():
    assert parse_keywords("cartel*, drogue*\nfentanyl;  Sinaloa\n\n") == ("cartel*", "drogue*", "fentanyl", "Sinaloa")


def test_seed_004_is_about_cartels_and_drugs():
    lexicons = [Lexicon(slugify(name.replace("–", "-")), parse_keywords(kw)) for name, kw in SEED_THEMES.items()]
    article = seed(4)
    themes = find_themes(analysed_text(article.title, article.body), lexicons)
    assert themes[0][0] == "cartels-et-drogue"


def test_a_wire_story_and_its_update_are_near_duplicates():
    first, second = signature(seed(1).body), signature(seed(2).body)
    assert similarity(first, second) >= THRESHOLD
    assert set(band_keys(first)) & set(band_keys(second))


def test_unrelated_articles_are_not_near_duplicates():
    first, second = signature(seed(0).body), signature(seed(4).body)
    assert similarity(first, second) < THRESHOLD
    assert not set(band_keys(first)) & set(band_keys(second))


def test_a_text_shorter_than_min_words_shingles_has_no_signature():
    words = " ".join(f"mot{i}" for i in range(MIN_WORDS + 1))  # MIN_WORDS - 1 shingles of three words
    assert signature(words) is None
    assert signature(words + " mot_a mot_b") is not None


def test_signatures_are_deterministic():
    body = seed(0).body
    assert signature(body) == signature(body)
    assert band_keys(signature(body)) == band_keys(signature(body))
    assert similarity(signature(body), signature(body)) == 1.0
