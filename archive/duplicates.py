"""Near-duplicates: an article's MinHash signature is stored with its LSH band
keys and the keys of its paragraphs. Its candidates are the articles sharing a
band key (one indexed query); a candidate is linked when the two texts, without
the passages that recur across the archive, are one story republished
(archive/extraction/wire_copies.py). No pair of articles is compared unless
they share a band, so this scales to the whole corpus."""

from django.db.models import Count

from archive.extraction import fingerprint, wire_copies
from archive.models import Article, Fingerprint, FingerprintBand, FingerprintPassage, NearDuplicate


def record_signature(article: Article, signature: bytes | None) -> bool:
    """Store `article`'s signature and link it to its near-duplicates.
    Returns whether its near-duplicates changed."""
    before = set(NearDuplicate.objects.filter(from_article=article).values_list("to_article_id", flat=True))
    Fingerprint.objects.filter(article=article).delete()
    NearDuplicate.objects.filter(from_article=article).delete()
    NearDuplicate.objects.filter(to_article=article).delete()
    if signature is None:
        return bool(before)
    stored = Fingerprint.objects.create(article=article, signature=signature)
    keys = fingerprint.band_keys(signature)
    FingerprintBand.objects.bulk_create(FingerprintBand(fingerprint=stored, key=key) for key in keys)
    passages = wire_copies.passage_keys(article.body)
    FingerprintPassage.objects.bulk_create(FingerprintPassage(fingerprint=stored, key=key) for key in passages)
    candidates = Fingerprint.objects.filter(bands__key__in=keys).exclude(article=article).distinct()
    candidates = candidates.values_list(
        "article_id", "article__body", "article__published_on", "article__date_precision"
    )
    common = common_passages(passages)
    links = set()
    for other_id, other_body, published_on, precision in candidates:
        similarity = wire_copies.resemblance(article.body, other_body, common | common_passages_of(other_body))
        apart = wire_copies.days_apart(article.published_on, article.date_precision, published_on, precision)
        if wire_copies.is_republication(similarity, apart):
            links.add(other_id)
            _link(article.pk, other_id, similarity)
    # A passage of this article may just have become furniture: links that
    # rested on it are judged again.
    _recheck_links_through(common & set(passages), exclude=article.pk)
    return before != links


def common_passages(keys) -> set[int]:
    """The keys among `keys` found in at least COMMON_PASSAGE + 1 articles (the
    article itself and COMMON_PASSAGE others)."""
    counted = (
        FingerprintPassage.objects.filter(key__in=list(keys))
        .values("key")
        .annotate(articles=Count("fingerprint", distinct=True))
        .filter(articles__gt=wire_copies.COMMON_PASSAGE)
    )
    return {row["key"] for row in counted}


def common_passages_of(body: str) -> set[int]:
    return common_passages(wire_copies.passage_keys(body))


def _link(article_id, other_id, similarity):
    NearDuplicate.objects.create(from_article_id=article_id, to_article_id=other_id, similarity=similarity)
    NearDuplicate.objects.create(from_article_id=other_id, to_article_id=article_id, similarity=similarity)


def _recheck_links_through(keys, exclude) -> set[int]:
    """Judge again the links between articles holding one of the passages
    `keys`; returns the articles whose links were removed."""
    if not keys:
        return set()
    holders = FingerprintPassage.objects.filter(key__in=list(keys)).values_list("fingerprint_id", flat=True)
    links = NearDuplicate.objects.filter(from_article_id__in=holders).exclude(from_article_id=exclude)
    pairs = {tuple(sorted(pair)) for pair in links.values_list("from_article_id", "to_article_id")}
    return recheck(pairs)


def recheck(pairs) -> set[int]:
    """Judge the linked `pairs` of article ids again; unlink those that are no
    longer one story, update the others' similarity. Returns the unlinked articles."""
    articles = Article.objects.filter(pk__in={pk for pair in pairs for pk in pair})
    texts = {pk: rest for pk, *rest in articles.values_list("pk", "body", "published_on", "date_precision")}
    unlinked = set()
    for first, second in pairs:
        (body, day, precision), (other_body, other_day, other_precision) = texts[first], texts[second]
        common = common_passages_of(body) | common_passages_of(other_body)
        similarity = wire_copies.resemblance(body, other_body, common)
        apart = wire_copies.days_apart(day, precision, other_day, other_precision)
        between = NearDuplicate.objects.filter(from_article_id__in=(first, second), to_article_id__in=(first, second))
        if wire_copies.is_republication(similarity, apart):
            between.update(similarity=similarity)
        else:
            between.delete()
            unlinked |= {first, second}
    return unlinked


def relink_all(progress=None) -> int:
    """Judge every article's candidates again with the archive as it is now
    (passage counts grow with it): what `extract_metadata` would decide for
    the links, without the rest of the extraction. Returns how many links there are."""
    articles = Article.objects.filter(fingerprint__isnull=False).order_by("pk")
    for done, article in enumerate(articles.select_related("fingerprint").iterator(chunk_size=200), 1):
        record_signature(article, bytes(article.fingerprint.signature))
        if progress:
            progress(done)
    return NearDuplicate.objects.count() // 2
