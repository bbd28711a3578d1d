"""The `--processes` option of the commands that extract."""

import argparse

from archive.extraction.parallel import available_cores


def add_processes_argument(parser) -> None:
    parser.add_argument(
        "--processes",
        type=_count,
        metavar="N",
        help="processus de reconnaissance des entités en parallèle ; l'écriture reste dans ce processus "
        f"(défaut : les cœurs disponibles, ici {available_cores()} ; 1 : tout dans ce processus)",
    )


def _count(value):
    number = int(value) if value.isdigit() else 0
    if number <= 0:
        raise argparse.ArgumentTypeError(f"un nombre de processus positif est attendu, pas « {value} »")
    return number
