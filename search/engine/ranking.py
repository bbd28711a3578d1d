"""Ordering the hits as a researcher expects, and phrases read cheaply.

What a query matches never changes here; only the order does: the hits are
scored by the reader's query, then the first RESCORED of them (whatever the
filters left) get bonuses read at those documents only, so the bonuses cost the
same at any size of archive. The bonuses score:
- the query's words side by side ("garde nationale" as neighbours, not
  « mise en garde » and « éducation nationale » apart), from the `pairs` field
  of neighbouring stems;
- the words as typed ("garde", not « garder ») from the unstemmed `words` field;
- the words in the title, then in the lead, above a passing mention in the body.

A pasted passage (many words, no query syntax) is searched as its most
distinctive words, any of them, with its neighbouring pairs as the bonus: the
article it comes from holds them all and ranks first.

A quoted phrase is matched through its pairs, which are indexed terms, before
positions are read: only the articles holding every pair are checked.
"""

import re

import numpy as np
from whoosh import query as wq

CONTENT, TITLE, LEAD, EXACT, PAIRS = "text", "title", "lead", "words", "pairs"
TITLE_BOOST = 2.0
LEAD_BOOST = 1.0
EXACT_BOOST = 0.5
PAIR_BOOST = 3.0
MAX_PAIRS = 24  # neighbouring pairs scored, at most (a passage has hundreds)
RESCORED = 200  # hits that get the bonuses: ten pages of results

PASSAGE_WORDS = 16  # a query of more words is a pasted passage, unless it uses query syntax
PASSAGE_TERMS = 16  # its rarest words that are searched
# What a pasted text does not hold but a written query does: operators, prefixes,
# fuzzy words, field names. Quotes, colons, dashes and parentheses are a passage's own.
_QUERY_SYNTAX = re.compile(r"\w[*?~]|(?:^|\s)(?:AND|OR|NOT|ET|OU|SAUF)\s|\b[a-zé]+:[^\s/]")


def is_passage(query_string: str) -> bool:
    return len(query_string.split()) > PASSAGE_WORDS and not _QUERY_SYNTAX.search(query_string)


class Passage(wq.Or):
    """A pasted passage: any of its rarest stems; `sequence` keeps every stem in
    the passage's order for the neighbouring-pairs bonus."""

    def __init__(self, subqueries, sequence=(), **kwargs):
        super().__init__(subqueries, **kwargs)
        self.sequence = list(sequence)

    def copy(self):
        return Passage([q.copy() for q in self.subqueries], self.sequence, boost=self.boost)


def passage_query(text: str, analyzer, reader) -> wq.Query:
    """The passage's rarest stems (the ones the archive holds), any of them."""
    sequence = [token.text for token in analyzer(text)]
    known = {stem: reader.doc_frequency(CONTENT, stem) for stem in set(sequence)}
    if not known:
        return wq.NullQuery  # signs and stop words only
    # The rarest words the archive holds; none held, the passage finds nothing.
    rarest = sorted((stem for stem, frequency in known.items() if frequency), key=lambda s: (known[s], s))
    searched = rarest or sorted(known)
    return Passage([wq.Term(CONTENT, stem) for stem in searched[:PASSAGE_TERMS]], sequence)


def positive_leaves(query) -> list:
    """The terms and phrases of `query` an article is wanted for, in the typed
    order: not those under a NOT."""
    if isinstance(query, wq.Not):
        return []
    if isinstance(query, (wq.Term, wq.Phrase)) and not isinstance(query, wq.MultiTerm):
        return [query]
    if isinstance(query, wq.AndNot):
        return positive_leaves(query.a)
    leaves = []
    for child in query.children():
        leaves += positive_leaves(child)
    return leaves


def bonuses(parsed, exact=None) -> list:
    """The optional queries that order the hits of `parsed`; `exact`: the same
    query parsed on the unstemmed `words` field, for the words as typed."""
    if parsed is None or isinstance(parsed, wq.Every) or parsed is wq.NullQuery:
        return []
    if isinstance(parsed, Passage):
        # Its neighbouring pairs single out the source; more bonuses would only cost.
        return _pairs(parsed.sequence)
    leaves = [leaf for leaf in positive_leaves(parsed) if leaf.fieldname == CONTENT]
    found = []
    for field, boost in ((TITLE, TITLE_BOOST), (LEAD, LEAD_BOOST)):
        found += [_on(leaf, field, boost) for leaf in leaves]
    if exact is not None:
        found += [
            wq.Term(EXACT, leaf.text, boost=EXACT_BOOST)
            for leaf in positive_leaves(exact)
            if isinstance(leaf, wq.Term) and leaf.fieldname == EXACT
        ]
    return found + _pairs([word for leaf in leaves for word in _words(leaf)])


def _pairs(sequence) -> list:
    pairs = list(dict.fromkeys(f"{a} {b}" for a, b in zip(sequence, sequence[1:], strict=False) if a != b))
    return [wq.Term(PAIRS, pair, boost=PAIR_BOOST) for pair in pairs[:MAX_PAIRS]]


def bonus_scores(searcher, queries, docnums) -> np.ndarray:
    """What `queries` add to the score of each of `docnums` (ascending), read
    at those documents only: each matcher skips to them through its postings."""
    added = np.zeros(len(docnums))
    for query in queries:
        matcher = query.matcher(searcher, searcher.context())
        for i, docnum in enumerate(docnums):
            if not matcher.is_active():
                break
            if matcher.id() < docnum:
                matcher.skip_to(docnum)
                if not matcher.is_active():
                    break
            if matcher.id() == docnum:
                added[i] += matcher.score()
    return added


def _words(leaf) -> list[str]:
    return list(leaf.words) if isinstance(leaf, wq.Phrase) else [leaf.text]


def _on(leaf, field, boost):
    if isinstance(leaf, wq.Phrase):
        return wq.Phrase(field, leaf.words, slop=leaf.slop, boost=boost)
    return wq.Term(field, leaf.text, boost=boost)


def with_cheap_phrases(query) -> wq.Query:
    """Each phrase of the content field narrowed first by its neighbouring pairs:
    a two-word phrase is its pair; a longer one reads positions only in the
    articles holding all its pairs."""

    def cheap(node):
        if type(node) is not wq.Phrase or node.fieldname != CONTENT or node.slop != 1 or len(node.words) < 2:
            return node
        pairs = [wq.Term(PAIRS, f"{a} {b}") for a, b in zip(node.words, node.words[1:], strict=False)]
        if len(node.words) == 2:
            pairs[0].boost = node.boost
            return pairs[0]
        return wq.And([*pairs, node])

    return query.accept(cheap)
