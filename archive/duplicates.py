"""Near-duplicates: an article's MinHash signature is stored with its LSH band
keys; its candidates are the articles sharing a band key (one indexed query),
kept when their signatures agree enough. No pair of articles is compared unless
they share a band, so this scales to the whole corpus."""

from archive.extraction import fingerprint
from archive.models import Article, Fingerprint, FingerprintBand, NearDuplicate


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
    candidates = Fingerprint.objects.filter(bands__key__in=keys).exclude(article=article).distinct().only("signature")
    links = []
    for candidate in candidates:
        similarity = fingerprint.similarity(signature, bytes(candidate.signature))
        if similarity >= fingerprint.THRESHOLD:
            links.append(candidate.pk)
            NearDuplicate.objects.create(from_article=article, to_article_id=candidate.pk, similarity=similarity)
            NearDuplicate.objects.create(from_article_id=candidate.pk, to_article=article, similarity=similarity)
    return before != set(links)
