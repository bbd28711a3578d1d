"""Latency of pages and API answers over loopback HTTP, one request at a time."""

import http.client
import time
from urllib.parse import urlsplit

TIMEOUT = 60


def fetch(base: str, path: str) -> tuple[int, float, bytes]:
    """Status, seconds and body of one GET on a fresh connection (gunicorn's
    sync workers close every connection after answering)."""
    address = urlsplit(base)
    started = time.perf_counter()
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=TIMEOUT)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    return response.status, time.perf_counter() - started, body


def warm_up(base: str, paths: list[str], times: int) -> list[str]:
    """Request each path `times` times, so every worker has opened its searcher
    and filled its caches; returns the errors seen."""
    errors = []
    for _ in range(times):
        for path in paths:
            status, _, _ = fetch(base, path)
            if status != 200:
                errors.append(f"{status} {path}")
    return errors


def measure(base: str, paths: list[str], rounds: int) -> tuple[dict, list[str]]:
    """{path: [seconds]} of `rounds` requests of each path, taken in turns so a
    disturbance of the machine spreads over every path; and the errors."""
    seconds = {path: [] for path in paths}
    errors = []
    for _ in range(rounds):
        for path in paths:
            status, elapsed, _ = fetch(base, path)
            if status == 200:
                seconds[path].append(elapsed)
            else:
                errors.append(f"{status} {path}")
    return seconds, errors
