import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.feeds.polling import FeedError, add_feed, due_feeds, poll_feed
from archive.readers import one_line


class Command(BaseCommand):
    help = (
        "Suit les flux RSS et Atom (« Flux » dans l'admin) : chaque nouvel article est capturé et importé, "
        "publié s'il est dans le sujet, mis « à examiner » sinon. Sans option, lit les flux en boucle "
        "(VIGIE_FEED_INTERVAL) jusqu'à Ctrl-C ou SIGTERM ; --once les lit une fois (pour cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--add", metavar="URL", help="suivre le flux à cette adresse (lu une fois pour vérifier)")
        parser.add_argument("--name", default="", help="nom du flux ajouté (défaut : son titre)")
        parser.add_argument("--once", action="store_true", help="lire une fois chaque flux actif dû, puis sortir")
        parser.add_argument(
            "--interval",
            type=int,
            metavar="SECONDES",
            help="entre deux lectures en boucle (défaut : VIGIE_FEED_INTERVAL)",
        )

    def handle(self, *args, add=None, name="", once=False, interval=None, **options):
        if add:
            try:
                feed = add_feed(add, name)
            except FeedError as error:
                raise CommandError(one_line(str(error))) from None
            self.stdout.write(f"Flux ajouté : {feed} ({feed.url})")
            return
        if once:
            self._poll_all()
            return
        self._loop(interval or settings.VIGIE_FEED_INTERVAL)

    def _poll_all(self):
        feeds = list(due_feeds())
        if not feeds:
            self.stdout.write("Aucun flux à lire (aucun flux actif, ou tous attendent après des échecs).")
        for feed in feeds:
            result = poll_feed(feed)
            for line in result.refused:
                self.stderr.write(line)
            line = one_line(f"{feed} : {result.summary()}")
            (self.stderr if result.error else self.stdout).write(line)

    def _loop(self, interval):
        stop = threading.Event()

        def ask_to_stop(signum, frame):
            stop.set()

        # SIGTERM (systemd, docker stop) and Ctrl-C end the loop between two feeds.
        previous = {sig: signal.signal(sig, ask_to_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            self.stdout.write(f"Lecture des flux toutes les {interval} s ; Ctrl-C pour arrêter.")
            while not stop.is_set():
                for feed in due_feeds():
                    if stop.is_set():
                        break
                    result = poll_feed(feed)
                    for line in result.refused:
                        self.stderr.write(line)
                    self.stdout.write(one_line(f"{feed} : {result.summary()}"))
                stop.wait(interval)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.stdout.write("Arrêt demandé : fin de la lecture des flux.")
