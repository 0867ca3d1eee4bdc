"""Helpers for the tests that need the machine's PostgreSQL and Redis outside the test database:
the production stack and the backup round trip run on databases named after DATABASE_URL's
(``<name>_stack``, ``<name>_restore``) and on the next Redis database."""

from __future__ import annotations

import os
import socket
from urllib.parse import urlparse

import pytest

from batayon.ops.stack import database_with_name, redis_with_db


def postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs PostgreSQL: runs when DATABASE_URL is postgres:// (the second pass of .ci/run)")
    return url


def sibling_database(suffix: str) -> str:
    url = postgres_url()
    return database_with_name(url, urlparse(url).path.lstrip("/") + suffix)


def sibling_redis() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        pytest.skip("needs Redis: runs when REDIS_URL is set (the second pass of .ci/run)")
    db = int(urlparse(url).path.lstrip("/") or 0)
    return redis_with_db(url, db + 1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
