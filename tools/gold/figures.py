"""Measure the deployment figures against the hand-annotated gold set
(tools/gold/figures.jsonl): precision, recall and F1 of the figures, the force
of those found, and who announced them.

    python -m tools.gold.figures [--details]

The gold set, read and annotated by hand, holds three samples of
../shared/corpus/ (each line: `set`, `file`, `line` in that file, `figures`):
- `topic`: all 60 articles of topic.jsonl;
- `off-topic`: 100 general articles (50 from lemonde_2022, 50 from orangesum_fr,
  drawn with random.Random(15) among those with at least 200 characters,
  topic.jsonl excluded), where nothing should fire: none reports a deployment;
- `deployments`: 40 general articles (20 of each file, drawn with the same seed)
  whose text has a number before a force noun, a deployment word and the word
  « frontière »: Ukraine, the Sahel, police operations. topic.jsonl alone holds
  4 figures, too few to measure anything; these are where extraction is hard.

Annotation conventions:
- A figure is a count of members of a force (soldiers, troops, military,
  guardsmen, police, gendarmes, border guards, agents, marines, reservists,
  paramilitaries, airmen, or « hommes » of such a force) that the text says are
  deployed, sent, stationed, massed, mobilised, placed on alert to deploy,
  reinforcing, withdrawn or to be (planned, announced, asked for), or the
  strength of a force in the field (« Barkhane, qui compte quelque 5 000
  soldats »). Both ends of a change are figures (« passés de 4 500 à 5 100 »).
- Not figures: people killed, wounded, captured, arrested, sought, convicted,
  tried or trained; the size of an army at home (« l'armée égyptienne compte
  450 000 hommes ») or of a standby force; troops taking part in an exercise
  unless the text says they are mobilised or deployed; a camp's capacity;
  firefighters, investigators, crowds; « des dizaines de milliers » and other
  counts that are not a number. « une centaine », « un millier » are 100, 1,000.
- One entry per sentence that states it: the same figure in two sentences is
  two entries, as extraction stores one per sentence. Only the body counts (the
  title is not searched for figures).
- `force`: the force as the text identifies it, or null when it does not
  (« Mexico a déployé 15 000 hommes » names no force). Informative only.
- `announcer`: who the text says made the figure public — the subject of
  « annoncer, déclarer, indiquer, préciser, affirmer, estimer », « selon X », the
  speaker of the quote the figure is in — written as the person's or
  institution's full name from the article (a role or a pronoun resolved to the
  person named: « Selon lui » → the minister quoted just before). Null when no
  one is named (« une source sécuritaire », « des responsables américains ») or
  when the text only says who deployed them (« AMLO a déployé »).
- `words`: the few words that state the figure, to find it again.

Scoring: within an article, found and gold figures are paired on their count
(a multiset: two gold 5,000 need two found 5,000). Precision and recall count
these pairs. An announcer is right when its folded name equals the gold one or
holds all its words or the reverse (« Stoltenberg » for « Jens Stoltenberg »);
announcer accuracy is over every gold figure that names one, a missed figure
counting as wrong.
"""

import argparse
import gzip
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools.bench.corpus import CORPUS

GOLD = Path(__file__).with_name("figures.jsonl")


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    announcers: int = 0  # gold figures that name an announcer
    announcers_right: int = 0
    announcers_extra: int = 0  # an announcer given where the gold names none
    forces: int = 0  # matched figures whose gold names a force
    forces_right: int = 0
    misses: list = field(default_factory=list)
    wrong_announcers: list = field(default_factory=list)  # (article, expected, found)
    false_alarms: list = field(default_factory=list)

    def prf(self) -> tuple[float, float, float]:
        return prf(self.tp, self.fp, self.fn)

    def announcer_accuracy(self) -> float:
        return self.announcers_right / self.announcers if self.announcers else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def fold(name: str) -> list[str]:
    from archive.extraction.entities import entity_key  # noqa: PLC0415 - keeps the module importable alone

    return entity_key(name or "").split()


def same_announcer(found: str, expected: str) -> bool:
    a, b = fold(found), fold(expected)
    return bool(a and b) and (a == b or set(a) <= set(b) or set(b) <= set(a))


def score(gold: list[dict], found: list[list[dict]], scores: Scores | None = None) -> Scores:
    """Score each article's `found` figures (dicts with count, force, announcer)
    against its gold line."""
    scores = scores or Scores()
    for article, figures in zip(gold, found, strict=True):
        left = list(figures)
        # Of two found with one count, each goes to the gold figure it agrees with
        # on the announcer first.
        pairs = {}
        for i, expected in enumerate(article["figures"]):
            same = [f for f in left if f["count"] == expected["count"]]
            match = next((f for f in same if same_announcer(f.get("announcer", ""), expected.get("announcer"))), None)
            if match is not None:
                pairs[i] = match
                left.remove(match)
        for i, expected in enumerate(article["figures"]):
            if i not in pairs:
                same = [f for f in left if f["count"] == expected["count"]]
                pairs[i] = next((f for f in same if not f.get("announcer")), None) or next(iter(same), None)
                if pairs[i] is not None:
                    left.remove(pairs[i])
        for i, expected in enumerate(article["figures"]):
            match = pairs[i]
            if expected.get("announcer"):
                scores.announcers += 1
            if match is None:
                scores.fn += 1
                scores.misses.append((article, expected))
                continue
            scores.tp += 1
            if expected.get("announcer"):
                right = same_announcer(match.get("announcer", ""), expected["announcer"])
                scores.announcers_right += right
                if not right:
                    scores.wrong_announcers.append((article, expected, match))
            elif match.get("announcer"):
                scores.announcers_extra += 1
                scores.wrong_announcers.append((article, expected, match))
            if expected.get("force"):
                scores.forces += 1
                scores.forces_right += fold(match.get("force", "")) == fold(expected["force"])
        scores.fp += len(left)
        scores.false_alarms.extend((article, f) for f in left)
    return scores


def read_articles(gold: list[dict]) -> list[dict]:
    wanted = {}
    for line in gold:
        wanted.setdefault(line["file"], set()).add(line["line"])
    texts = {}
    for name, lines in wanted.items():
        path = CORPUS / name
        if not path.exists():
            raise SystemExit(f"Corpus introuvable : {path} (VIGIE_CORPUS_DIR)")
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as handle:
            for number, text in enumerate(handle):
                if number in lines:
                    texts[name, number] = json.loads(text)
    return [texts[line["file"], line["line"]] for line in gold]


def extract_figures(articles: list[dict]) -> list[list[dict]]:
    """The figures the import would store for each article."""
    from archive.extraction.batch import Task, extract_batch  # noqa: PLC0415 - loads spaCy

    tasks = [Task(_raw(a)) for a in articles]
    found = []
    for start in range(0, len(tasks), 32):
        for _, facts in extract_batch(tasks[start : start + 32], []):
            figures = facts.figures if facts else []
            found.append([{"count": f.count, "force": f.force, "announcer": getattr(f, "announcer", ""),
                           "unit": f.unit, "sentence": f.sentence} for f in figures])  # fmt: skip
    return found


def _raw(article: dict):
    from archive.extraction.pipeline import RawArticle  # noqa: PLC0415

    return RawArticle(text=article["text"], title=article.get("title", ""), source=article.get("source", ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="print each miss and false alarm")
    args = parser.parse_args()
    gold = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    articles = read_articles(gold)
    started = time.perf_counter()
    found = extract_figures(articles)
    elapsed = time.perf_counter() - started

    total = Scores()
    by_set = {}
    for name in dict.fromkeys(line["set"] for line in gold):
        rows = [(g, f) for g, f in zip(gold, found, strict=True) if g["set"] == name]
        by_set[name] = score([g for g, _ in rows], [f for _, f in rows])
        score([g for g, _ in rows], [f for _, f in rows], total)
    print(f"Chiffres de déploiement — {len(gold)} articles annotés, extraits en {elapsed:.1f} s")
    print(
        f"{'échantillon':<14}{'précision':>10}{'rappel':>9}{'F1':>7}{'VP':>6}{'FP':>6}{'FN':>6}{'annonceur':>11}{'force':>8}"
    )
    for name, s in [*by_set.items(), ("tout", total)]:
        p, r, f1 = s.prf()
        announcer = f"{s.announcers_right}/{s.announcers}" if s.announcers else "—"
        force = f"{s.forces_right}/{s.forces}" if s.forces else "—"
        print(f"{name:<14}{p:>10.2f}{r:>9.2f}{f1:>7.2f}{s.tp:>6}{s.fp:>6}{s.fn:>6}{announcer:>11}{force:>8}")
    print(f"annonceur juste (là où le texte en nomme un) : {total.announcer_accuracy():.2f} ; "
          f"annonceur donné sans qu'il y en ait : {total.announcers_extra}")  # fmt: skip
    if args.details:
        for article, expected in total.misses:
            print(f"manqué  {article['file']}:{article['line']}  {expected['count']}  « {expected['words']} »")
        for article, expected, match in total.wrong_announcers:
            where = f"{article['file']}:{article['line']}"
            said, gold = match["announcer"], expected["announcer"]
            print(f"annonceur {where}  {expected['count']}  « {said} » au lieu de « {gold} »")
        for article, extra in total.false_alarms:
            where = f"{article['file']}:{article['line']}"
            print(f"en trop {where}  {extra['count']} {extra['unit']}  « {extra['sentence'][:100]} »")
    return 0


if __name__ == "__main__":
    sys.exit(main())
