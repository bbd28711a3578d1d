"""SEARCH_URL: which search engine haystack talks to, in one variable.

Like DATABASE_URL, a URL names the engine and where it lives:
- unset or empty: Whoosh, in the data folder (one machine);
- whoosh:///absolute/path: Whoosh in that folder;
- elasticsearch://host:9200/index (elasticsearchs:// over HTTPS): an
  Elasticsearch 7 cluster, the index named by the path;
- solr://host:8983/solr/core (solrs:// over HTTPS): a Solr core or collection.
User and password, if any, go in the URL (`elasticsearchs://vigie:secret@es:9200/vigie`).

Read by config/settings.py before Django starts: only the standard library here,
engines named by their dotted path.
"""

from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

WHOOSH_ENGINE = "search.engine.backend.FrenchWhooshEngine"
ELASTICSEARCH_ENGINE = "search.engine.server_backends.FrenchElasticsearchEngine"
SOLR_ENGINE = "search.engine.server_backends.FrenchSolrEngine"

ACCEPTED_FORMS = (
    "SEARCH_URL accepte : (vide) ou whoosh:///chemin/absolu, "
    "elasticsearch://hôte:9200/index (elasticsearchs:// en HTTPS), "
    "solr://hôte:8983/solr/cœur (solrs:// en HTTPS)"
)
DEFAULT_ELASTICSEARCH_INDEX = "vigie"
DEFAULT_PORTS = {"elasticsearch": 9200, "solr": 8983}
SECURE_SCHEMES = {"elasticsearchs": "elasticsearch", "solrs": "solr"}


def haystack_connection(search_url: str, whoosh_path) -> dict:
    """The HAYSTACK_CONNECTIONS entry `search_url` describes; `whoosh_path` is
    the index folder of the default Whoosh engine."""
    search_url = (search_url or "").strip()
    if not search_url:
        return {"ENGINE": WHOOSH_ENGINE, "PATH": str(whoosh_path)}
    parts = urlsplit(search_url)
    scheme = parts.scheme.lower()
    if parts.password:  # error messages end up in logs: never the password
        search_url = search_url.replace(f":{parts.password}@", ":***@", 1)
    if parts.query or parts.fragment:
        raise ImproperlyConfigured(f"SEARCH_URL ne prend pas de paramètres (« {search_url} »). {ACCEPTED_FORMS}.")
    if scheme == "whoosh":
        return _whoosh(parts, search_url, whoosh_path)
    engine = SECURE_SCHEMES.get(scheme, scheme)
    if engine not in DEFAULT_PORTS or not parts.hostname:
        raise ImproperlyConfigured(f"SEARCH_URL non reconnue : « {search_url} ». {ACCEPTED_FORMS}.")
    http = "https" if scheme in SECURE_SCHEMES else "http"
    if engine == "elasticsearch":
        return _elasticsearch(parts, http, search_url)
    return _solr(parts, http, search_url)


def _whoosh(parts, search_url, default_path):
    # `whoosh://relative` would read "relative" as a host: the folder must be absolute.
    if parts.netloc:
        raise ImproperlyConfigured(
            f"SEARCH_URL : le chemin de Whoosh doit être absolu (whoosh:///…), pas « {search_url} »."
        )
    return {"ENGINE": WHOOSH_ENGINE, "PATH": parts.path or str(default_path)}


def _elasticsearch(parts, http, search_url):
    # The last path segment is the index; anything before it is a proxy prefix.
    prefix = [segment for segment in parts.path.split("/") if segment]
    index = prefix.pop() if prefix else DEFAULT_ELASTICSEARCH_INDEX
    if index != index.lower() or index.startswith(("_", "-", "+")):
        raise ImproperlyConfigured(
            f"SEARCH_URL : « {index} » n'est pas un nom d'index Elasticsearch (minuscules, sans _ - + au début)."
        )
    url = urlunsplit((http, _netloc(parts, "elasticsearch"), "/".join(["", *prefix, ""]), "", ""))
    return {"ENGINE": ELASTICSEARCH_ENGINE, "URL": url, "INDEX_NAME": index}


def _solr(parts, http, search_url):
    path = parts.path.rstrip("/")
    if not path.strip("/"):
        raise ImproperlyConfigured(
            f"SEARCH_URL : l'URL Solr doit nommer le cœur (solr://hôte:8983/solr/vigie), pas « {search_url} »."
        )
    return {"ENGINE": SOLR_ENGINE, "URL": urlunsplit((http, _netloc(parts, "solr"), path, "", ""))}


def _netloc(parts, engine):
    # An explicit port is kept as written; a missing one gets the engine's usual port.
    try:
        port = parts.port or DEFAULT_PORTS[engine]
    except ValueError as error:
        raise ImproperlyConfigured(f"SEARCH_URL : port invalide ({error}).") from None
    userinfo = parts.netloc.rpartition("@")[0]
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{userinfo + '@' if userinfo else ''}{host}:{port}"
