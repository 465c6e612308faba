"""Backups that restore: the database and the uploaded files in one archive, and the way
back into an empty data folder or database.

An archive ``xaso-backup-YYYYMMDD-HHMMSS.tar`` holds:

- ``database.sqlite3`` — SQLite's online backup API (``Connection.backup``): a consistent
  copy taken while the server keeps serving (WAL), or
- ``database.dump`` — ``pg_dump --format=custom`` of PostgreSQL, restored by
  ``pg_restore``;
- ``media.tar`` — every uploaded file (``MEDIA_ROOT``);
- ``manifest.json`` — when, from which database, how many rows of the main tables, and
  each audit chain's last hash, so a restore is checked against what was saved.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

#: The tables whose row counts a restore must reproduce.
COUNTED = (
    "core.OrgUnit",
    "core.User",
    "core.AuditEntry",
    "onestop.Dossier",
    "onestop.DossierDocument",
    "petitions.Petition",
    "petitions.PetitionAttachment",
)


class BackupError(Exception):
    pass


def _counts() -> dict[str, int]:
    found = {}
    for label in COUNTED:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        found[label] = model.objects.count()
    return found


def _chain_heads() -> dict[str, str]:
    from xaso.core.models import AuditChain

    return dict(AuditChain.objects.values_list("key", "last_hash"))


def _postgres_env(db: dict) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore, the password in the environment."""
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
        found = str(candidates[0]) if candidates else None
    if found is None:
        raise BackupError(f"Không tìm thấy {name} (gói postgresql-client).")
    return found


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup(target_dir: Path) -> Path:
    """Write an archive of the database and the uploaded files into ``target_dir``."""
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = target_dir / f"xaso-backup-{stamp}.tar"
    db = settings.DATABASES["default"]
    manifest = {
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "vendor": connection.vendor,
        "counts": _counts(),
        "audit_chain_heads": _chain_heads(),
    }
    with tempfile.TemporaryDirectory() as work, tarfile.open(path, "w") as archive:
        work = Path(work)
        if connection.vendor == "sqlite":
            copy = work / "database.sqlite3"
            connection.ensure_connection()
            destination = sqlite3.connect(copy)
            try:
                # The online backup API: a consistent copy while others keep writing.
                connection.connection.backup(destination)
            finally:
                destination.close()
            archive.add(copy, arcname="database.sqlite3")
        elif connection.vendor == "postgresql":
            args, env = _postgres_env(db)
            dump = work / "database.dump"
            subprocess.run(  # noqa: S603 - fixed argv, no shell
                [_tool("pg_dump"), *args, "--format=custom", "--file", str(dump), db["NAME"]],
                check=True,
                env=env,
                capture_output=True,
            )
            archive.add(dump, arcname="database.dump")
        else:
            raise BackupError(f"Chưa hỗ trợ sao lưu CSDL {connection.vendor}.")
        media = work / "media.tar"
        with tarfile.open(media, "w") as files:
            root = Path(settings.MEDIA_ROOT)
            if root.exists():
                files.add(root, arcname="media")
        archive.add(media, arcname="media.tar")
        _add_bytes(
            archive, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        )
    return path


def read_manifest(path: Path) -> dict:
    with tarfile.open(path) as archive:
        member = archive.extractfile("manifest.json")
        if member is None:
            raise BackupError("Tệp sao lưu thiếu manifest.json.")
        return json.loads(member.read())


def restore(path: Path, *, force: bool = False) -> dict:
    """Put the archive's database and files back. The target must be empty (no tables in
    the database, no uploaded files) unless ``force``. Returns the manifest."""
    manifest = read_manifest(path)
    db = settings.DATABASES["default"]
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"Bản sao lưu của {manifest['vendor']}, CSDL đích là {connection.vendor}."
        )
    tables = connection.introspection.table_names()
    media_root = Path(settings.MEDIA_ROOT)
    if not force and (tables or (media_root.exists() and any(media_root.iterdir()))):
        raise BackupError(
            "Nơi khôi phục đã có dữ liệu: hãy khôi phục vào thư mục dữ liệu hoặc CSDL "
            "trống (hoặc dùng --force để ghi đè)."
        )
    with tempfile.TemporaryDirectory() as work, tarfile.open(path) as archive:
        work = Path(work)
        archive.extractall(work, filter="data")
        if connection.vendor == "sqlite":
            connection.close()
            target = Path(db["NAME"])
            target.parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            source = sqlite3.connect(work / "database.sqlite3")
            destination = sqlite3.connect(target)
            try:
                source.backup(destination)
            finally:
                source.close()
                destination.close()
        else:
            connection.close()
            args, env = _postgres_env(db)
            subprocess.run(  # noqa: S603 - fixed argv, no shell
                [
                    _tool("pg_restore"),
                    *args,
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--dbname",
                    db["NAME"],
                    str(work / "database.dump"),
                ],
                check=True,
                env=env,
                capture_output=True,
            )
        with tarfile.open(work / "media.tar") as files:
            media_root.parent.mkdir(parents=True, exist_ok=True)
            staging = work / "media-out"
            files.extractall(staging, filter="data")
            if (staging / "media").exists():
                shutil.copytree(staging / "media", media_root, dirs_exist_ok=True)
    return manifest


def check(manifest: dict) -> list[str]:
    """What differs between the restored data and the manifest (empty: all there)."""
    problems = []
    for label, expected in manifest["counts"].items():
        found = _counts().get(label)
        if found != expected:
            problems.append(f"{label}: {found} dòng, bản sao lưu có {expected}")
    heads = _chain_heads()
    for key, last in manifest["audit_chain_heads"].items():
        if heads.get(key) != last:
            problems.append(f"chuỗi nhật ký {key or '(ngoài xã)'}: đầu chuỗi khác bản sao lưu")
    return problems
