from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Recherche"

    def ready(self):
        # Imported here, once models are loaded: the archive announces, the index listens.
        from search.upkeep.signals import listen_to_the_archive

        listen_to_the_archive()
