"""The benchmark's verdicts, printed tables and JSON record."""

import json
import os
import platform
import subprocess
from collections import Counter
from pathlib import Path

FULL_CORPUS = 33_975 + 30_912 + 60  # OrangeSum, Le Monde 2022, the gold topic set
# Targets of issue 5, set for the whole corpus on this 2-core machine.
SEARCH_P95_MS = 150
ARTICLE_P95_MS = 50
LOAD_RPS = 40
REBUILD_MINUTES = 10
IMPORT_HOURS = 2
WORKER_RSS_MB = 400


def targets(result: dict) -> list[dict]:
    """Each target with the value reached; import and rebuild are projected
    linearly to the whole corpus when fewer articles were measured."""
    rows = []
    if imported := result["stages"].get("import"):
        hours = FULL_CORPUS / imported["articles_per_second"] / 3600
        rows.append(_target("import", hours, f"≤ {IMPORT_HOURS} h", hours <= IMPORT_HOURS))
    if rebuilt := result["stages"].get("rebuild"):
        minutes = rebuilt["seconds"] * FULL_CORPUS / max(rebuilt["documents"] or 1, 1) / 60
        rows.append(_target("rebuild", minutes, f"≤ {REBUILD_MINUTES} min", minutes <= REBUILD_MINUTES))
    worst = max(_worst_p95(query) for query in result["queries"])
    rows.append(_target("search_p95_ms", worst, f"≤ {SEARCH_P95_MS} ms", worst <= SEARCH_P95_MS))
    article = result["articles"]["p95_ms"] or 0
    rows.append(_target("article_p95_ms", article, f"≤ {ARTICLE_P95_MS} ms", article <= ARTICLE_P95_MS))
    if load := result.get("load"):
        rps = load["requests_per_second"]
        met = rps >= LOAD_RPS and not load_failures(load)
        rows.append(_target("load_rps", rps, f"≥ {LOAD_RPS} req/s, 0 erreur", met))
    if workers := result.get("workers"):
        largest = max(worker["rss_mb"] or 0 for worker in workers)
        rows.append(_target("worker_rss_mb", largest, f"< {WORKER_RSS_MB} Mo", largest < WORKER_RSS_MB))
    return rows


def _target(name, value, target, met) -> dict:
    return {"name": name, "value": round(value, 2), "target": target, "met": met}


def _worst_p95(query) -> float:
    return max(query["page"]["p95_ms"] or 0, query["api"]["p95_ms"] or 0)


def checks(queries) -> list[dict]:
    """What each query's probe (tools/bench/mix.py) says beyond its speed: a
    refusal (an error), whether a pasted passage finds its article first,
    whether a typo gets its "Vouliez-vous dire", the messages the page shows.
    `ok` is None where there is nothing to judge."""
    found = []

    def say(query, text, ok=None, error=False):
        found.append({"name": query.name, "text": f"{query.name} : {text}", "ok": ok, "error": error})

    for query in queries:
        probe = query.probe
        if probe["api_status"] != 200:
            say(query, f"l'API répond {probe['api_status']} — {' ; '.join(probe.get('api_errors', []))}", False, True)
        if probe["page_status"] != 200:
            say(query, f"la page répond {probe['page_status']}", False, True)
        if query.name == "passage" and probe["api_status"] == 200:
            rank, slug = probe.get("rank"), query.expect
            if rank == 1:
                say(query, f"l'article d'où vient le passage ({slug}) arrive 1er sur {probe['count']}", True)
            elif rank:
                say(query, f"l'article d'où vient le passage ({slug}) arrive {rank}e (1er : {probe['first']})", False)
            else:
                say(query, f"l'article d'où vient le passage ({slug}) n'est pas en 1re page ({probe['count']})", False)
        if query.name == "suggestion":
            typed = query.params.get("q")
            if suggestion := probe.get("suggestion"):
                shown = "affiché" if probe["page_suggestion"] else "ABSENT"
                say(query, f"« {typed} » → Vouliez-vous dire « {suggestion} » (API ; page : {shown})", True)
            elif probe["api_status"] == 200:
                say(query, f"« {typed} » : aucun « Vouliez-vous dire » ({probe['count']} résultat(s))", False)
        if query.name in ("fuzzy", "both_people") and probe["api_status"] == 200:
            say(query, f"{probe['count']} résultat(s)", bool(probe["count"]))
        for message in probe.get("page_messages", []):
            say(query, f"la page dit : {message}")
    return found


def grouped_errors(errors: list[str]) -> list[str]:
    """The same failure once, with how many times it happened (long addresses cut)."""
    counted = Counter(errors)
    return [f"{_cut(error)} (×{count})" if count > 1 else _cut(error) for error, count in counted.items()]


def _cut(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def load_failures(load: dict) -> int:
    return load["non_2xx_3xx"] + sum(load["socket_errors"].values())


def machine() -> dict:
    info = {
        "cpus": os.cpu_count(),
        "cpu": _proc_field("/proc/cpuinfo", "model name"),
        "memory_mb": round(int((_proc_field("/proc/meminfo", "MemTotal") or "0 kB").split()[0]) / 1024),
        # Another process busy on the machine shows here.
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "spacy_model": os.environ.get("VIGIE_SPACY_MODEL", "fr_core_news_sm"),
    }
    done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=Path(__file__).parent, capture_output=True, text=True)
    info["git_commit"] = done.stdout.strip() or None
    return info


def _proc_field(path: str, name: str) -> str | None:
    try:
        for line in Path(path).read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == name:
                return value.strip()
    except OSError:
        pass
    return None


def write_json(result: dict, folder: Path) -> Path:
    """bench-<N>-<timestamp>.json (N: the documents of a --data run), to compare runs, and latest.json."""
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    stamp = result["started"].replace("-", "").replace(":", "")
    path = folder / f"bench-{result['n'] or result['documents']}-{stamp}.json"
    path.write_text(text, encoding="utf-8")
    (folder / "latest.json").write_text(text, encoding="utf-8")
    return path


# Printing ------------------------------------------------------------------


def render(result: dict) -> str:
    verdicts = {row["name"]: row for row in result["targets"]}
    table = [(stage, value, _verdict(verdicts.get(name))) for stage, value, name in _stage_rows(result)]
    queries = [
        (
            f"{q['name']}: {q['label']}"[:80],
            _pair(q["page"]),
            _pair(q["api"]),
            _pair(q["whoosh"]["plain"]),
            _pair(q["whoosh"]["facets"]),
            f"× {q['ratio']}" if q["ratio"] else "—",
            str(q["whoosh"]["hits"]),
        )
        for q in result["queries"]
    ]
    machine = result["machine"]
    index = result.get("index") or {}
    segments = f", {index['segments']} segment(s) ({index['built']})" if index else ""
    lines = [
        f"Vigie — banc d'essai, {result['documents']} documents indexés{segments} "
        f"({machine['cpus']} CPU, charge {machine['load_average'][0]} au départ)",
        "",
        *_columns(("Étape", "Valeur", f"Cible (fixée pour {FULL_CORPUS} articles)"), table),
        "",
        "Latence par requête, p50 / p95 en ms (ratio : API p50 / Whoosh avec facettes p50)",
        "",
        *_columns(("Requête", "Page", "API", "Whoosh", "Whoosh+facettes", "Ratio", "Résultats"), queries),
    ]
    if found := result.get("checks"):
        marks = {True: "ok ", False: "NON", None: " · "}
        lines += ["", "Vérifications", *(f"  {'ERR' if c['error'] else marks[c['ok']]}  {c['text']}" for c in found)]
    if result["errors"]:
        lines += ["", f"{len(result['errors'])} erreur(s) :", *(f"  {error}" for error in result["errors"][:20])]
    return "\n".join(lines)


def _stage_rows(result):
    """(stage, value, name of its target) for what this run measured."""
    stages = result["stages"]
    if imported := stages.get("import"):
        runs = f" en {imported['runs']} imports" if imported.get("runs", 1) > 1 else ""
        yield (
            f"Import ({imported['articles_read']} articles{runs})",
            f"{imported['articles_per_second']} articles/s, {imported['seconds']} s, pic {imported['peak_rss_mb']} Mo",
            "import",
        )
    for run in stages.get("imports", []):
        yield f"  {run['label']}", f"{run['articles_read']} articles en {run['seconds']} s", None
    if rebuilt := stages.get("rebuild"):
        yield (
            "Reconstruction de l'index",
            f"{rebuilt['documents']} documents en {rebuilt['seconds']} s, pic {rebuilt['peak_rss_mb']} Mo",
            "rebuild",
        )
    if regrown := stages.get("regrow"):
        yield (
            f"Index réécrit en {len(regrown['batches'])} lots",
            f"{regrown['documents']} documents en {regrown['seconds']} s, pic {regrown['peak_rss_mb']} Mo",
            None,
        )
    if index := result.get("index"):
        sizes = " + ".join(map(str, index["segment_documents"]))
        deleted = f", {index['deleted']} supprimé(s)" if index["deleted"] else ""
        yield (
            "Index mesuré",
            f"{index['segments']} segment(s) ({index['built']}) : {index['documents']} documents ({sizes}){deleted}",
            None,
        )
    worst = max(result["queries"], key=_worst_p95)
    yield "Recherche p95, pire requête", f"{_worst_p95(worst)} ms ({worst['name']})", "search_p95_ms"
    articles = result["articles"]
    yield (
        f"Page d'article ({articles['pages']} pages)",
        f"p50 {articles['p50_ms']} ms, p95 {articles['p95_ms']} ms",
        "article_p95_ms",
    )
    if load := result.get("load"):
        yield (
            f"Charge (wrk {load['threads']}×{load['connections']}, {load['seconds']} s)",
            f"{load['requests_per_second']} req/s, p50 {load.get('p50_ms')} ms, p99 {load.get('p99_ms')} ms, "
            f"{load_failures(load)} erreur(s)",
            "load_rps",
        )
    if workers := result.get("workers"):
        memory = ", ".join(f"{w['rss_mb']} Mo (pic {w['peak_rss_mb']})" for w in workers)
        yield "Workers gunicorn après la charge", memory, "worker_rss_mb"
    if ratios := sorted(q["ratio"] for q in result["queries"] if q["ratio"]):
        yield "API p50 / Whoosh p50, médiane", f"× {ratios[len(ratios) // 2]}", None


def _verdict(verdict) -> str:
    if not verdict:
        return "—"
    text = f"{verdict['target']} : {'ok' if verdict['met'] else 'MANQUÉ'}"
    unit = {"import": "h", "rebuild": "min"}.get(verdict["name"])
    return f"{text} (projection : {verdict['value']} {unit})" if unit else text


def _pair(figures: dict) -> str:
    return f"{figures['p50_ms']} / {figures['p95_ms']}" if figures["count"] else "—"


def _columns(header, rows) -> list[str]:
    widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(len(header))]

    def line(cells):
        return "  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    return [line(header), line("-" * width for width in widths), *(line(row) for row in rows)]
