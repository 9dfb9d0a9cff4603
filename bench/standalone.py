"""What a measurement run on its own (`python -m bench.<module>`) shares with the others:
its options, and the database ticketsvc_bench_<rows>, kept from an earlier run or seeded."""

import argparse

from bench import database


def options(description: str, default_rows: int) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=default_rows, help=f"tickets to seed [{default_rows}]")
    parser.add_argument("--server", help="PostgreSQL server URL [127.0.0.1:5432, else embedded]")
    parser.add_argument("--keep", action="store_true", help="keep the database for the next run")
    return parser.parse_args()


def seeded_database(server: str, rows: int) -> tuple[str, str]:
    """(name, URL) of the database holding rows seeded tickets, seeded first unless it
    already does, and vacuumed."""
    name = f"ticketsvc_bench_{rows}"
    url = database.database_url(server, name)
    if not database.holds_seeded(url, rows):
        print(f"Seeding {rows:,} tickets into {name}…", flush=True)
        database.create_seeded(server, name, rows)
    database.vacuum(url)
    return name, url
