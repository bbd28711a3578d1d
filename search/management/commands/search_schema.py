import json
from pathlib import Path

from django.core.management.base import BaseCommand
from haystack import connections

from search.engine.server_schema import elasticsearch_index, solr_schema, solr_word_lists


class Command(BaseCommand):
    help = (
        "Écrit la configuration d'un serveur de recherche avec l'analyse française de Vigie : "
        "réglages et mapping de l'index Elasticsearch (JSON), ou schéma Solr (managed-schema) "
        "et ses listes de mots (lang/, à côté du fichier)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--engine", required=True, choices=["elasticsearch", "solr"])
        parser.add_argument("-o", "--output", help="fichier à écrire (sinon la sortie standard)")

    def handle(self, *args, engine, output, **options):
        # The fields come from the search indexes, whatever engine SEARCH_URL names.
        fields = connections["default"].get_unified_index().all_searchfields()
        if engine == "elasticsearch":
            text = json.dumps(elasticsearch_index(fields), ensure_ascii=False, indent=2) + "\n"
            word_lists = {}
        else:
            text, word_lists = solr_schema(fields), solr_word_lists()
        if not output:
            self.stdout.write(text, ending="")
            if word_lists:
                self.stderr.write(f"Le schéma lit {', '.join(word_lists)} : écrivez-les avec -o FICHIER.")
            return
        path = Path(output)
        written = {path: text, **{path.parent / name: content for name, content in word_lists.items()}}
        for target, content in written.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
            self.stdout.write(f"Écrit : {target}")
