"""What every model admin of the archive shares."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db import DataError


class ArchiveAdmin(admin.ModelAdmin):
    """A list filtered on a number the database cannot hold (« ?id__in=99999999999999999999 »,
    beyond 64 bits: SQLite raises OverflowError; a database that refuses a value raises
    DataError) is a wrong filter, answered as Django answers one (the list again, with
    « ?e=1 »), not a server error. PostgreSQL compares such a number and finds nothing."""

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except (OverflowError, DataError) as error:
            raise IncorrectLookupParameters(error) from error
