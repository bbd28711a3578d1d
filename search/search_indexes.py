from haystack import indexes

from archive.dates import period_end, period_of
from archive.models import Article, EntityKind
from search.engine.fields import (
    KeywordField,
    MultiKeywordField,
    PairsField,
    SearchedTextField,
    StoredField,
    VocabularyField,
)
from search.upkeep.consistency import FINGERPRINT, document_fingerprint
from search.upkeep.index_facts import ArticlesWithFacts, index_facts_of

UNKNOWN_DATE_NEWEST = 0
UNKNOWN_DATE_OLDEST = 99999999


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    # Title and body, French-analysed (templates/search/indexes/archive/article_text.txt).
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title")
    # Scored above the body: an article whose opening says it is about the query
    # comes before a passing mention.
    lead = SearchedTextField(model_attr="lead")
    # Neighbouring words as terms: phrases and words side by side, cheaply.
    pairs = PairsField()
    # The words as written (unstemmed) and the entities' names: where "Vouliez-vous
    # dire" finds its words, and what scores an exact form above a stem's other words.
    words = VocabularyField()
    # What a result page shows comes from these stored fields, not the database.
    body = StoredField(model_attr="body")
    slug = KeywordField(model_attr="slug")
    ref = StoredField(model_attr="ref")
    url = StoredField(model_attr="url")
    # The article's authors, one a line (names may hold commas).
    authors = StoredField()
    # When its page was captured from the web (ISO 8601, UTC), "" if it was not: exports show it.
    captured_at = StoredField()
    date = indexes.DateField(model_attr="published_on", null=True)
    date_precision = KeywordField(model_attr="date_precision")
    year = KeywordField(null=True)
    # The publisher, and the agencies whose copy the article runs (both Source slugs).
    source = KeywordField(null=True)
    agency = MultiKeywordField()
    # Entities and themes as slugs, to filter and facet on (labels come from the database).
    person = MultiKeywordField()
    place = MultiKeywordField()
    organisation = MultiKeywordField()
    theme = MultiKeywordField()
    # The slug of the first article of its wire story: a search may show each story once.
    story = KeywordField(null=True)
    # The people and institutions quoted in the article (archive Quote.speaker_entity).
    speaker = MultiKeywordField()
    # core, related or off_topic: the article's relevance to the archive's subject.
    relevance = KeywordField(model_attr="relevance")
    # Names and spellings, searched as words: `personne:trump`, `lieu:"Ciudad Juárez"`.
    person_name = SearchedTextField()
    place_name = SearchedTextField()
    organisation_name = SearchedTextField()
    source_name = SearchedTextField()
    theme_name = SearchedTextField()
    # The coverage chart counts articles by month ("2018-10"), or by year ("2018")
    # for those dated to the year only.
    period = KeywordField(null=True)
    # Sort keys as YYYYMMDD: articles without a date go last whichever the order.
    newest = indexes.IntegerField()
    oldest = indexes.IntegerField()
    # The last day of the period an article is dated to (31 Oct for "octobre
    # 2018"): a date range keeps an article whose period overlaps it.
    until = indexes.IntegerField()
    # A hash of the other fields, so `check_index` finds documents that differ
    # from their article without reading them back (search/upkeep/consistency.py).
    fingerprint = StoredField()

    def get_model(self):
        return Article

    def full_prepare(self, obj, with_string_facet=True):
        document = super().full_prepare(obj, with_string_facet)
        document[FINGERPRINT] = document_fingerprint(document)
        return document

    def index_queryset(self, using=None):
        # Entities, spellings and themes come with each chunk of articles, in
        # four queries (search/upkeep/index_facts.py).
        articles = Article.objects.public().for_display()
        articles._iterable_class = ArticlesWithFacts
        return articles

    def read_queryset(self, using=None):
        return Article.objects.public().for_display()

    def prepare_words(self, article):
        # Every word of the text and every spelling of its entities: a name
        # cited once, late in an article ("Sheinbaum"), is still suggested.
        facts = index_facts_of(article)
        names = [name for _slug, _kind, spellings in facts.entities for name in spellings]
        return "\n".join([article.title, article.body, *names])

    def prepare_pairs(self, article):
        return f"{article.title}\n\n{article.body}"

    def prepare_authors(self, article):
        return "\n".join(article.authors or [])

    def prepare_captured_at(self, article):
        return article.captured_at.isoformat() if article.captured_at else ""

    def prepare_year(self, article):
        return str(article.published_on.year) if article.published_on else None

    def prepare_source(self, article):
        return article.source.slug if article.source_id else None

    def prepare_story(self, article):
        return index_facts_of(article).story or article.slug

    def prepare_agency(self, article):
        return [slug for slug, _name in index_facts_of(article).agencies]

    def prepare_person(self, article):
        return _entity_slugs(article, EntityKind.PERSON)

    def prepare_place(self, article):
        return _entity_slugs(article, EntityKind.PLACE)

    def prepare_organisation(self, article):
        return _entity_slugs(article, EntityKind.ORGANISATION)

    def prepare_theme(self, article):
        return [slug for slug, _name in index_facts_of(article).themes]

    def prepare_speaker(self, article):
        return index_facts_of(article).speakers

    def prepare_person_name(self, article):
        return _entity_names(article, EntityKind.PERSON)

    def prepare_place_name(self, article):
        return _entity_names(article, EntityKind.PLACE)

    def prepare_organisation_name(self, article):
        return _entity_names(article, EntityKind.ORGANISATION)

    def prepare_source_name(self, article):
        # `source:afp` finds what AFP supplied as well as what it published.
        names = [article.source.name] if article.source_id else []
        return "\n".join(dict.fromkeys([*names, *(name for _slug, name in index_facts_of(article).agencies)]))

    def prepare_theme_name(self, article):
        return "\n".join(name for _slug, name in index_facts_of(article).themes)

    def prepare_period(self, article):
        return period_of(article.published_on, article.date_precision)

    def prepare_newest(self, article):
        return _date_key(article.published_on, UNKNOWN_DATE_NEWEST)

    def prepare_oldest(self, article):
        return _date_key(article.published_on, UNKNOWN_DATE_OLDEST)

    def prepare_until(self, article):
        return _date_key(period_end(article.published_on, article.date_precision), UNKNOWN_DATE_NEWEST)


def _date_key(day, unknown):
    return int(day.strftime("%Y%m%d")) if day else unknown


def _entity_names(article, kind):
    # Every spelling, so `personne:"M. Trump"` or an old variant still finds the article.
    return "\n".join(index_facts_of(article).names(kind))


def _entity_slugs(article, kind):
    return index_facts_of(article).slugs(kind)
