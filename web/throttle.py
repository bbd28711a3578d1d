"""Per-client request limits on search and exports (`@rate_limited` on the
views they guard), counted in Django's cache.

The gunicorn workers are separate processes, so the counters live in the cache
CACHE_URL names (config/cache_url.py: files in the data folder by default),
never in a worker's memory. A counter is a fixed window: its key carries the
window's number, created by `cache.add` and raised by `cache.incr`. Redis and
Memcached raise it atomically; the file and database caches read then write, so
two workers counting the same client at the same instant may lose one request
each: the limit can be overshot by about the number of workers, never
undershot. A burst straddling two windows may get up to twice the limit.
"""

import functools
import hashlib
import ipaddress
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render

log = logging.getLogger(__name__)

# Read through the module so tests move time forward instead of sleeping.
clock = time.time


def rate_setting(counter: str) -> tuple[int, int]:
    return {"search": settings.VIGIE_SEARCH_RATE, "export": settings.VIGIE_EXPORT_RATE}[counter]


class Window:
    """At most `limit` hits per identity in each window of `seconds`; a limit of 0 is no limit."""

    def __init__(self, name: str, rate: tuple[int, int]):
        self.name = name
        self.limit, self.seconds = rate

    @property
    def enabled(self) -> bool:
        return self.limit > 0 and self.seconds > 0

    def _key(self, identity: str) -> str:
        # Hashed: usernames may hold characters or lengths a cache key may not.
        digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
        return f"vigie:throttle:{self.name}:{digest}:{int(clock() // self.seconds)}"

    # A counter that cannot be read or written (Redis down, the cache folder
    # unwritable) lets the request through and says so in the log: a broken
    # limit must not take search, exports or logins down with it.

    def hit(self, identity: str) -> int:
        """Count one hit; the number of hits in the current window, this one included."""
        key = self._key(identity)
        try:
            cache.add(key, 0, timeout=self.seconds)
            try:
                return cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=self.seconds)
                return 1
        except Exception:
            log.exception("Rate limit %s: the shared cache cannot be written; request let through", self.name)
            return 0

    def count(self, identity: str) -> int:
        try:
            return cache.get(self._key(identity), 0)
        except Exception:
            log.exception("Rate limit %s: the shared cache cannot be read; not blocking", self.name)
            return 0

    def reset(self, identity: str) -> None:
        try:
            cache.delete(self._key(identity))
        except Exception:
            log.exception("Rate limit %s: the shared cache cannot be written", self.name)

    def retry_after(self) -> int:
        """Whole seconds until the current window ends."""
        return max(1, math.ceil(self.seconds - clock() % self.seconds))


def client_address(request) -> str:
    """Who is counted: REMOTE_ADDR, or behind a proxy (VIGIE_BEHIND_PROXY) the
    address the proxy saw, the last X-Forwarded-For hop: earlier hops come from
    the client and could be made up. An IPv6 client counts by its /64, which one
    machine usually holds whole."""
    address = request.META.get("REMOTE_ADDR", "")
    if settings.VIGIE_BEHIND_PROXY:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        address = hops[-1] if hops else address
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    return str(ipaddress.ip_network(f"{ip}/64", strict=False)) if ip.version == 6 else str(ip)


def wait_in_words(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} seconde{'s' if seconds > 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes > 1 else ''}"


def too_many_requests(request, window: Window, answer: str):
    wait = window.retry_after()
    message = (
        f"Trop de requêtes depuis votre adresse : au plus {window.limit} en {wait_in_words(window.seconds)}. "
        f"Réessayez dans {wait_in_words(wait)}."
    )
    if answer == "html":
        response = render(request, "throttled.html", {"message": message}, status=429)
    else:
        response = JsonResponse({"error": message}, status=429, json_dumps_params={"ensure_ascii": False})
    response["Retry-After"] = str(wait)
    response["Cache-Control"] = "no-store"
    return response


def rate_limited(counter: str, answer: str = "json"):
    """Answer 429 once a client goes over the `counter` limit ("search" or
    "export") on the decorated view; `answer`: "html" for a page, "json" otherwise."""

    def decorate(view):
        @functools.wraps(view)
        def limited(request, *args, **kwargs):
            window = Window(counter, rate_setting(counter))
            if window.enabled and window.hit(client_address(request)) > window.limit:
                return too_many_requests(request, window, answer)
            return view(request, *args, **kwargs)

        return limited

    return decorate
