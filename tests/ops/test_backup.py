"""A backup restored into another database gives back identical content and media."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import sibling_database


def batayon(*argv: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from batayon.cli import main; main()", *argv],
                          env=env, capture_output=True, text=True, check=check)


@pytest.fixture
def source(tmp_path):
    """A real database with the registry, a notice with an attachment and an officer's photo."""
    url = sibling_database("_stack")
    from batayon.ops.stack import ensure_database

    ensure_database(url)
    media = tmp_path / "media-source"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BATAYON_TESTING", "PYTEST"))}
    env.update(DATABASE_URL=url, BATAYON_MEDIA_ROOT=str(media), BATAYON_DATA_DIR=str(tmp_path / "data"),
               DJANGO_SETTINGS_MODULE="batayon.settings")
    env.pop("REDIS_URL", None)
    batayon("migrate", "--no-input", "-v0", env=env)
    batayon("loadgeo", "-v0", env=env)  # idempotent: the registry, on a new database too
    batayon("shell", "-c", """
from django.core.files.base import ContentFile
from batayon.content.models import Notice
from batayon.offices.models import Office
office = Office.objects.get(domain="kushtia.gov.bd")
notice = Notice(office=office, title_bn="ব্যাকআপ পরীক্ষার নোটিশ", title_en="Backup test notice",
                publish_date="2025-01-05", state="published")
notice.attachment.save("backup-test.pdf", ContentFile(b"%PDF-1.4 backup test"), save=False)
notice.save()
""", env=env)
    return env


def test_restore_round_trip_gives_identical_content(source, tmp_path):
    target = sibling_database("_restore")
    backup_dir = tmp_path / "backup"
    made = batayon("backup", str(backup_dir), env=source)
    assert "media files" in made.stdout
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert set(manifest["files"]) == {"database.dump", "media.tar.gz"}
    assert manifest["content"]["content.Notice"]["rows"] >= 1
    assert manifest["media"]["files"] >= 1

    # Without --yes nothing is replaced.
    refused = batayon("restore", str(backup_dir), "--database-url", target, env=source, check=False)
    assert refused.returncode != 0 and "--yes" in refused.stderr

    restored_media = tmp_path / "media-restored"
    done = batayon("restore", str(backup_dir), "--database-url", target, "--media-root", str(restored_media),
                   "--yes", env=source)
    assert "identical" in done.stdout

    # Independently of the command's own check: the same digests on both sides.
    before = json.loads(batayon("contentdigest", "--json", "--media", env=source).stdout)
    after = json.loads(batayon("contentdigest", "--json", "--media",
                               env=dict(source, DATABASE_URL=target, BATAYON_MEDIA_ROOT=str(restored_media))).stdout)
    assert before == after
    assert before["offices.Office"]["rows"] > 17000


    # A damaged backup is refused before anything is touched.
    with (backup_dir / "media.tar.gz").open("ab") as fh:
        fh.write(b"x")
    damaged = batayon("restore", str(backup_dir), "--database-url", target, "--yes", env=source, check=False)
    assert damaged.returncode != 0 and "checksum" in damaged.stderr
