"""A web request never waits for a model: what a gunicorn worker imports to serve
pages must not pull in spaCy nor what only the extraction uses. numpy is
allowed: searches count facets with it (search/engine/snapshot.py)."""

import subprocess
import sys

from django.conf import settings

SERVE_PAGES = """
import sys
import django
from django.core.wsgi import get_wsgi_application
application = get_wsgi_application()
from django.test import Client
from django.urls import get_resolver
get_resolver().url_patterns  # import every view module, as the first request does
import django.contrib.admin
django.contrib.admin.autodiscover()
client = Client(HTTP_HOST="localhost")
for url in ("/recherche/?q=frontiere", "/api/search/?q=armee", "/admin/login/"):
    assert client.get(url).status_code == 200, url
heavy = sorted(name for name in ("spacy", "thinc", "datasketch") if name in sys.modules)
print(",".join(heavy) or "none")
"""


def test_serving_pages_imports_no_model(tmp_path):
    # DEBUG serves static files by their plain names: no collectstatic needed here.
    env = {"VIGIE_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=settings.BASE_DIR, env=env, check=True)
    done = subprocess.run(
        [sys.executable, "-c", SERVE_PAGES], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "none"
