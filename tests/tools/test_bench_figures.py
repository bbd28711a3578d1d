"""The benchmark's pure parts: percentiles, wrk's output, verdicts and the JSON
record. (The benchmark itself runs with `make bench`, never under pytest.)"""

import json

import numpy
import pytest

from tools.bench import report
from tools.bench.load import parse_wrk
from tools.bench.stats import percentile, summary

WRK_OUTPUT = """Running 30s test @ http://127.0.0.1:8123/recherche/?q=pr%C3%A9sident
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   152.31ms   80.12ms   1.20s    71.02%
    Req/Sec    26.51     10.02    60.00     68.00%
  Latency Distribution
     50%  140.50ms
     75%  190.00ms
     90%  250.00ms
     99%    1.05s
  1590 requests in 30.02s, 40.15MB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:     52.96
Transfer/sec:      1.34MB
"""


def test_percentiles_interpolate_like_numpy():
    values = [0.5, 0.01, 0.2, 0.03, 0.04, 0.9, 0.07]
    for fraction in (0.0, 0.5, 0.95, 1.0):
        assert percentile(values, fraction) == pytest.approx(numpy.percentile(values, fraction * 100))


def test_a_summary_is_in_milliseconds():
    assert summary([0.010, 0.020, 0.030]) == {"count": 3, "p50_ms": 20.0, "p95_ms": 29.0, "max_ms": 30.0}
    assert summary([])["p50_ms"] is None


def test_wrk_output_gives_throughput_latencies_and_every_error():
    load = parse_wrk(WRK_OUTPUT)
    assert (load["threads"], load["connections"], load["requests"]) == (2, 8, 1590)
    assert load["seconds"] == 30.0
    assert load["requests_per_second"] == 52.96
    assert load["p50_ms"] == 140.5
    assert load["p99_ms"] == 1050.0
    assert load["non_2xx_3xx"] == 4
    assert load["socket_errors"] == {"connect": 0, "read": 3, "write": 0, "timeout": 2}
    assert report.load_failures(load) == 9


def test_a_clean_wrk_run_has_no_errors():
    clean = "\n".join(line for line in WRK_OUTPUT.splitlines() if "errors" not in line and "Non-2xx" not in line)
    load = parse_wrk(clean)
    assert load["socket_errors"] == {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    assert report.load_failures(load) == 0


def figures(p50, p95):
    return {"count": 40, "p50_ms": p50, "p95_ms": p95, "max_ms": p95}


@pytest.fixture
def result():
    query = {
        "name": "common",
        "label": "q=président",
        "params": {"q": "président"},
        "page": figures(90.0, 160.0),
        "api": figures(60.0, 80.0),
        "whoosh": {"hits": 12000, "plain": figures(5.0, 9.0), "facets": figures(30.0, 40.0)},
        "ratio": 2.0,
    }
    return {
        "n": 2000,
        "started": "2026-11-21T15:04:25",
        "documents": 2000,
        "machine": {"cpus": 2, "load_average": [1.0, 1.0, 1.0]},
        "stages": {
            "import": {"articles_read": 2000, "seconds": 180.0, "articles_per_second": 11.1, "peak_rss_mb": 430},
            "rebuild": {"documents": 2000, "seconds": 12.0, "peak_rss_mb": 300},
        },
        "queries": [query],
        "articles": {"pages": 50, **figures(20.0, 45.0)},
        "load": parse_wrk(WRK_OUTPUT),
        "workers": [{"pid": 1, "rss_mb": 210, "peak_rss_mb": 220}, {"pid": 2, "rss_mb": 420, "peak_rss_mb": 430}],
        "errors": [],
    }


def test_targets_are_judged_on_the_worst_figure(result):
    verdicts = {row["name"]: row for row in report.targets(result)}
    assert verdicts["search_p95_ms"] == {"name": "search_p95_ms", "value": 160.0, "target": "≤ 150 ms", "met": False}
    assert verdicts["article_p95_ms"]["met"]
    assert not verdicts["load_rps"]["met"]  # 52.96 req/s, but with errors
    assert not verdicts["worker_rss_mb"]["met"]  # the second worker
    # 2,000 articles in 180 s: the whole corpus would take about 1.6 h.
    assert verdicts["import"]["value"] == pytest.approx(1.62, abs=0.01)
    assert verdicts["import"]["met"]
    assert verdicts["rebuild"]["value"] == pytest.approx(6.49, abs=0.01)


def test_the_record_is_written_twice_and_the_tables_name_each_query(result, tmp_path):
    result["targets"] = report.targets(result)
    path = report.write_json(result, tmp_path)
    assert path.name == "bench-2000-20261121T150425.json"
    assert json.loads(path.read_text()) == json.loads((tmp_path / "latest.json").read_text()) == result
    printed = report.render(result)
    assert "common: q=président" in printed
    assert "90.0 / 160.0" in printed
    assert "≤ 150 ms : MANQUÉ" in printed
