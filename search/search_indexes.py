from haystack import indexes

from archive.models import Article
from search.fields import KeywordField, StoredField

UNKNOWN_DATE_NEWEST = 0
UNKNOWN_DATE_OLDEST = 99999999


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    # Title and body, French-analysed (templates/search/indexes/archive/article_text.txt).
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title")
    # What a result page shows comes from these stored fields, not the database.
    body = StoredField(model_attr="body")
    slug = KeywordField(model_attr="slug")
    ref = StoredField(model_attr="ref")
    url = StoredField(model_attr="url")
    date = indexes.DateField(model_attr="published_on", null=True)
    date_precision = KeywordField(model_attr="date_precision")
    year = KeywordField(null=True)
    source = KeywordField(null=True)
    # Sort keys as YYYYMMDD: articles without a date go last whichever the order.
    newest = indexes.IntegerField()
    oldest = indexes.IntegerField()

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        return Article.objects.for_display()

    def read_queryset(self, using=None):
        return Article.objects.for_display()

    def prepare_year(self, article):
        return str(article.published_on.year) if article.published_on else None

    def prepare_source(self, article):
        return article.source.slug if article.source_id else None

    def prepare_newest(self, article):
        return _date_key(article.published_on, UNKNOWN_DATE_NEWEST)

    def prepare_oldest(self, article):
        return _date_key(article.published_on, UNKNOWN_DATE_OLDEST)


def _date_key(day, unknown):
    return int(day.strftime("%Y%m%d")) if day else unknown
