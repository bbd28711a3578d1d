"""The search engine haystack connects to (Whoosh here, a search server beyond
one machine) and the index of articles it holds."""

from haystack import connections
from haystack.utils import get_identifier

from archive.models import Article


def backend():
    return connections["default"].get_backend()


def article_index():
    return connections["default"].get_unified_index().get_index(Article)


def identifier_for(pk) -> str:
    """The document id of article `pk`."""
    return get_identifier(Article(pk=pk))
