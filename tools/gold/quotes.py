"""Measure quote extraction against the hand-annotated quotes (tools/gold/quotes.jsonl,
conventions in tools/gold/quotes.md): how many gold quotes are found, and how
often their speaker is right.

    python -m tools.gold.quotes [--model fr_core_news_md] [--details]

A speaker is right when its folded name (archive.extraction.entities.entity_key,
and without an indefinite article) is the annotated one or one of its `accept` spellings.
"""

import argparse
import json
import re
from pathlib import Path

from archive.extraction import nlp
from archive.extraction.batch import analyse
from archive.extraction.entities import entity_key
from archive.extraction.organisations import KnownOrganisations, seed_organisations
from archive.extraction.pipeline import RawArticle, extract, publisher_names
from archive.extraction.text import fold
from archive.extraction.themes import SEED_THEMES, Lexicon, parse_keywords
from tools.bench.corpus import topic_articles

GOLD = Path(__file__).with_name("quotes.jsonl")
SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
TARGET = 0.9


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=nlp.MODEL)
    parser.add_argument("--details", action="store_true", help="print each miss and wrong speaker")
    args = parser.parse_args()
    gold = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    found = quotes_of(sorted({g["article"] for g in gold}), args.model)

    detected = right = 0
    for g in gold:
        quote = next((q for q in found[g["article"]] if _words(g["quote"]) in _words(q.text)), None)
        if quote is None:
            if args.details:
                print(f"[{g['article']}] manquée : « {g['quote']} »")
            continue
        detected += 1
        expected = {_speaker_key(name) for name in [g["speaker"], *g.get("accept", [])]}
        if _speaker_key(quote.speaker) in expected:
            right += 1
        elif args.details:
            print(f"[{g['article']}] « {g['quote']} » : « {quote.speaker} » au lieu de « {g['speaker']} »")
    total = len(gold)
    print(f"Citations — {total} annotées, {detected} trouvées (rappel {detected / total:.2f})")
    print(f"Locuteur juste : {right / detected if detected else 0:.2f} des citations trouvées ({right}/{detected}), "
          f"{right / total:.2f} de toutes (objectif ≥ {TARGET})")  # fmt: skip


def quotes_of(articles: list[str], model: str) -> dict:
    """The quotes extraction finds in each gold article, by its reference."""
    corpus = topic_articles()
    raws = []
    for ref in articles:
        if ref.startswith("seeds/"):
            raws.append(RawArticle(text=(SEEDS / ref.removeprefix("seeds/")).read_text(encoding="utf-8")))
        else:
            a = corpus[int(ref.split(":")[1])]
            raws.append(RawArticle(text=a["text"], title=a["title"], source=a["source"]))
    extracted = [extract(raw) for raw in raws]
    nlp.MODEL = model
    lexicon = [Lexicon(name, parse_keywords(keywords)) for name, keywords in SEED_THEMES.items()]
    facts = analyse(
        [(e.title, e.body) for e in extracted],
        lexicon,
        [e.authors + publisher_names(e.source_name) for e in extracted],
        KnownOrganisations(seed_organisations()),
    )
    return {ref: f.quotes for ref, f in zip(articles, facts, strict=True)}


def _speaker_key(name: str) -> str:
    # « une source gouvernementale » names no one: its article is no part of it.
    return re.sub(r"^(?:un|une|des|ce|cet|cette) ", "", entity_key(name))


def _words(text: str) -> str:
    return " ".join(fold(text).lower().replace("’", "'").split())


if __name__ == "__main__":
    main()
