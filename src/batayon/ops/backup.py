"""Backup and restore: a PostgreSQL dump (custom format) and a tar of MEDIA_ROOT, with a
manifest of checksums and of the content's row counts and digests, so a restore can prove it
gave back identical content.

    batayon backup /backups/2026-12-03         # database.dump, media.tar.gz, manifest.json
    batayon restore /backups/2026-12-03 --yes  # into DATABASE_URL and MEDIA_ROOT (or --database-url, --media-root)
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tarfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone

# The tables whose content a restore must give back exactly (offices, their portals' content,
# accounts and roles, the history of every change, the rulebook).
CONTENT_APPS = ("offices", "content", "accounts", "history", "auth")
CHUNK = 1024 * 1024


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def content_tables() -> list[tuple[str, str]]:
    """(model label, table) of every concrete model of the content apps."""
    tables = []
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.managed and not model._meta.proxy:
                tables.append((model._meta.label, model._meta.db_table))
    return sorted(tables)


def content_summary() -> dict[str, dict[str, object]]:
    """Row count and a digest of every content table (PostgreSQL: each row as text, by key)."""
    summary = {}
    with connection.cursor() as cursor:
        for label, table in content_tables():
            quoted = connection.ops.quote_name(table)
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') FROM {quoted} t"
                )
                rows, digest = cursor.fetchone()
            else:
                cursor.execute(f"SELECT count(*) FROM {quoted}")
                rows, digest = cursor.fetchone()[0], ""
            summary[label] = {"rows": rows, "md5": digest}
    return summary


def media_summary(root: Path) -> dict[str, object]:
    """Number of files under MEDIA_ROOT and one digest over their paths and contents."""
    digest = hashlib.sha256()
    count = 0
    if root.exists():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + sha256_file(path).encode() + b"\n")
            count += 1
    return {"files": count, "sha256": digest.hexdigest()}


def _pg_env(db: Mapping[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def backup(directory: Path, media_root: Path) -> dict[str, object]:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise ValueError("backup needs PostgreSQL (DATABASE_URL=postgres://…); the embedded SQLite "
                         "database is one file: copy var/ while nothing runs")
    directory.mkdir(parents=True, exist_ok=True)
    summary = content_summary()  # before the dump; a busy site should back up from a replica
    args, env = _pg_env(db)
    dump = directory / "database.dump"
    subprocess.run(["pg_dump", *args, "--format=custom", "--no-owner", "--file", str(dump), db["NAME"]],
                   env=env, check=True)
    media = directory / "media.tar.gz"
    with tarfile.open(media, "w:gz") as tar:
        if media_root.exists():
            tar.add(media_root, arcname="media")
    manifest = {
        "format": 1,
        "created": timezone.now().isoformat(),
        "database": db["NAME"],
        "files": {p.name: {"bytes": p.stat().st_size, "sha256": sha256_file(p)} for p in (dump, media)},
        "content": summary,
        "media": media_summary(media_root),
    }
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def verify(directory: Path) -> dict[str, Any]:
    manifest = json.loads((directory / "manifest.json").read_text())
    for name, meta in manifest["files"].items():
        if sha256_file(directory / name) != meta["sha256"]:
            raise ValueError(f"{name}: checksum does not match the manifest; the backup is damaged")
    return manifest


def restore(directory: Path, database_url: str, media_root: Path) -> dict[str, object]:
    """Restore the dump into ``database_url`` (its objects replaced) and the files into
    ``media_root``; returns the manifest after comparing the restored content with it."""
    import dj_database_url

    from .stack import ensure_database

    manifest = verify(directory)
    ensure_database(database_url)
    db = dj_database_url.parse(database_url)
    args, env = _pg_env(db)
    subprocess.run(["pg_restore", *args, "--clean", "--if-exists", "--no-owner", "--exit-on-error",
                    "--dbname", db["NAME"], str(directory / "database.dump")], env=env, check=True)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(directory / "media.tar.gz", "r:gz") as tar:
        members = [m for m in tar.getmembers() if m.name == "media" or m.name.startswith("media/")]
        for member in members:
            member.name = member.name.removeprefix("media").lstrip("/") or "."
        tar.extractall(media_root, members=members, filter="data")
    restored = summary_of(database_url)
    if restored != manifest["content"]:
        differ = sorted(k for k in manifest["content"] if manifest["content"][k] != restored.get(k))
        raise ValueError(f"restored content differs from the backup in: {', '.join(differ)}")
    if media_summary(media_root) != manifest["media"]:
        raise ValueError("restored media differ from the backup (were other files already there?)")
    return manifest


def summary_of(database_url: str) -> dict[str, object]:
    """The content summary of another database (run in a process configured for it)."""
    env = dict(os.environ, DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="batayon.settings")
    out = subprocess.run(
        [sys.executable, "-c", "from batayon.cli import main; main(['contentdigest', '--json'])"],
        env=env, check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out)
