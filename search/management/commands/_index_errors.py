"""What the index commands say when the index itself cannot be read or written."""

from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import CommandError
from whoosh.index import IndexError as WhooshIndexError
from whoosh.index import LockError


@contextmanager
def index_errors_explained():
    # A lost disk, a file where the index folder should be, another writer
    # holding the lock: a sentence for the operator, not a traceback.
    connection = settings.HAYSTACK_CONNECTIONS["default"]
    where = connection.get("PATH") or connection.get("URL")
    try:
        yield
    except LockError as error:
        message = f"L'index de recherche est verrouillé par une autre écriture ; réessayez. ({where})"
        raise CommandError(message) from error
    except (OSError, WhooshIndexError) as error:
        raise CommandError(f"L'index de recherche est illisible ou inaccessible ({where}) : {error}") from error
