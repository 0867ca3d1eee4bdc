"""The benchmarks' own PostgreSQL database, on the server of DATABASE_URL (or the local one).

Built on the helpers the production stack uses (``batayon.ops.stack``), so there is one way to
name and create a database."""

from __future__ import annotations

import os

from batayon.ops.stack import database_with_name, ensure_database

LOCAL = "postgres://postgres@127.0.0.1:5432/postgres"


def bench_database(name: str) -> str:
    """The URL of database ``name`` next to DATABASE_URL's (PostgreSQL only), created if missing."""
    base = os.environ.get("DATABASE_URL", "")
    url = database_with_name(base if base.startswith("postgres") else LOCAL, name)
    ensure_database(url)
    return url
