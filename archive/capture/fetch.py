"""Fetch one web address as a reader's browser would, within limits: a
timeout for the whole exchange, a size limit read as the bytes arrive, a
redirect limit (and loops caught), an honest user agent. No Django here."""

import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError, NameResolutionError, NewConnectionError, SSLError, TimeoutError

REDIRECTS = {301, 302, 303, 307, 308}
HTML_TYPES = ("text/html", "application/xhtml+xml")
CHUNK = 64 * 1024
# Headers that described the bytes on the wire: the body is kept decoded, whole.
WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length", "connection", "keep-alive"}


@dataclass(frozen=True)
class FetchLimits:
    timeout: float = 20.0  # seconds for the whole exchange, redirects included
    max_bytes: int = 20_000_000
    max_redirects: int = 5
    user_agent: str = "Vigie/1.0 (archive de presse ; capture d'articles à la demande)"


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    reason: str
    headers: list[tuple[str, str]]  # as received, less the wire's own
    body: bytes

    @property
    def content_type(self) -> str:
        value = next((v for k, v in self.headers if k.lower() == "content-type"), "")
        return value.split(";")[0].strip().lower()


class FetchFailed(Exception):
    """The address gave no page; the message says why, in French."""


def fetch(url: str, limits: FetchLimits = FetchLimits(), headers: dict | None = None) -> Fetched:
    """The page at `url`, its redirects followed; raises FetchFailed.
    `headers` add to or replace the browser's (a feed's Accept, If-None-Match)."""
    deadline = time.monotonic() + limits.timeout
    seen = [url]
    http = urllib3.PoolManager(
        headers={
            "User-Agent": limits.user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            "Accept-Language": "fr,en;q=0.5",
            **(headers or {}),
        },
        retries=False,
    )
    try:
        while True:
            _check_address(url)
            response = _request(http, url, deadline)
            if response.status in REDIRECTS and response.headers.get("Location"):
                response.drain_conn()
                target = urljoin(url, response.headers["Location"])
                if target in seen:
                    raise FetchFailed(f"boucle de redirections ({len(seen)} adresses, retour à {target})")
                if len(seen) > limits.max_redirects:
                    raise FetchFailed(f"trop de redirections (plus de {limits.max_redirects})")
                seen.append(target)
                url = target
                continue
            return _read(response, url, limits, deadline)
    finally:
        http.clear()


def _check_address(url: str):
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FetchFailed(f"adresse non prise en charge : {url} (http:// ou https:// attendu)")


def _request(http, url: str, deadline: float):
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchFailed("délai dépassé : le site n'a pas répondu à temps")
    try:
        return http.request(
            "GET", url, redirect=False, preload_content=False, timeout=urllib3.Timeout(connect=left, read=left)
        )
    except NameResolutionError:
        host = urlsplit(url).hostname
        raise FetchFailed(f"site introuvable : le nom « {host} » ne correspond à aucun serveur") from None
    except NewConnectionError:
        raise FetchFailed(f"site injoignable : connexion refusée par {urlsplit(url).netloc}") from None
    except TimeoutError:  # after NewConnectionError, which urllib3 derives from its connect timeout
        raise FetchFailed("délai dépassé : le site n'a pas répondu à temps") from None
    except SSLError:
        raise FetchFailed("connexion sécurisée impossible (certificat ou TLS invalide)") from None
    except (HTTPError, OSError) as error:
        raise FetchFailed(f"échec de la connexion ({type(error).__name__})") from None


def _read(response, url: str, limits: FetchLimits, deadline: float) -> Fetched:
    try:
        declared = int(response.headers.get("Content-Length") or 0)
        if declared > limits.max_bytes:
            raise FetchFailed(_too_big(limits.max_bytes))
        chunks, size = [], 0
        for chunk in response.stream(CHUNK, decode_content=True):
            size += len(chunk)
            if size > limits.max_bytes:
                raise FetchFailed(_too_big(limits.max_bytes))
            if time.monotonic() > deadline:
                raise FetchFailed("délai dépassé : la page arrive trop lentement")
            chunks.append(chunk)
    except TimeoutError:
        raise FetchFailed("délai dépassé : le site n'a pas répondu à temps") from None
    except (HTTPError, OSError) as error:
        raise FetchFailed(f"page reçue incomplète ({type(error).__name__})") from None
    finally:
        response.release_conn()
    headers = [(k, v) for k, v in response.headers.items() if k.lower() not in WIRE_HEADERS]
    return Fetched(url, response.status, response.reason or "", headers, b"".join(chunks))


def _too_big(limit: int) -> str:
    return f"page trop grosse (plus de {limit // 1_000_000} Mo, VIGIE_CAPTURE_MAX_BYTES)"


def status_problem(status: int, thing: str = "page") -> str | None:
    """What an HTTP status other than 200 says, in French, of the `thing` asked
    for (« page », « flux »), or None. Captures and feeds give the same words."""
    if status in (401, 403):
        return f"accès refusé (HTTP {status}) : réservé aux abonnés ou derrière une connexion"
    if status in (404, 410):
        return f"{thing} introuvable (HTTP {status})"
    if status >= 500:
        return f"erreur du site (HTTP {status}), réessayez plus tard"
    if status != 200:
        return f"réponse inattendue du site (HTTP {status})"
    return None


def refusal_for_status(fetched: Fetched) -> str | None:
    """Why a response is not a page to archive, or None."""
    if problem := status_problem(fetched.status):
        return problem
    if fetched.content_type and fetched.content_type not in HTML_TYPES:
        return f"pas une page HTML ({fetched.content_type})"
    return None
